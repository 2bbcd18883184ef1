import Contracts
import Foundation
import JSON
import Messaging
import PostgresClient

/// Every proposal matching made, with explanation and model; the current set per opening.
public enum ProposalStore {
    /// The opening's current proposals, rank 1 first.
    public static func current(openingId: UUID, on connection: PostgresConnection) throws -> [ProposalPayload] {
        try connection.query(
            "SELECT candidate_id, rank, score, criteria FROM proposals WHERE opening_id = $1 AND current ORDER BY rank",
            [openingId]
        ).map { row in
            ProposalPayload(
                candidateId: try row.decode(String.self, column: "candidate_id"), rank: try row.decode(Int.self, column: "rank"),
                score: try row.decode(Int.self, column: "score"),
                criteria: try row.decode(PostgresJSON.self, column: "criteria").decode([CriterionScore].self))
        }
    }

    /// Who each opening's current proposals are, in rank order, with their scores: what decides
    /// whether a new ranking changed them (`candidateId#rank#score`), without reading explanations.
    /// An opening without current proposals is absent.
    static func currentKeys(openingIds: [UUID], on connection: PostgresConnection) throws -> [UUID: [String]] {
        var keys: [UUID: [String]] = [:]
        for row in try connection.query(
            """
            SELECT opening_id, candidate_id || '#' || rank || '#' || score FROM proposals
            WHERE opening_id = ANY($1::uuid[]) AND current ORDER BY opening_id, rank
            """, [PostgresArray(openingIds)]
        ) {
            keys[try row.decode(UUID.self, at: 0), default: []].append(try row.decode(String.self, at: 1))
        }
        return keys
    }

    /// `candidateId#rank#score` of each of `proposals`, as ``currentKeys(openingIds:on:)`` reads them.
    static func keys(_ proposals: [ProposalPayload]) -> [String] {
        proposals.map { "\($0.candidateId)#\($0.rank)#\($0.score)" }
    }

    /// Openings where `candidateId` is currently proposed.
    static func openings(proposing candidateId: String, on connection: PostgresConnection) throws -> [UUID] {
        try connection.query("SELECT DISTINCT opening_id FROM proposals WHERE candidate_id = $1 AND current", [candidateId])
            .map { try $0.decode(UUID.self, column: "opening_id") }
    }

    /// Ends the current proposals of a withdrawn opening (they stay, not current).
    static func retire(openingId: UUID, on connection: PostgresConnection) throws {
        try connection.execute("UPDATE proposals SET current = false WHERE opening_id = $1 AND current", [openingId])
    }

    /// The statement that makes `proposals` the opening's current set (the previous set stays, not
    /// current): the previous set stops being current as the new one is inserted.
    static func replacing(openingId: UUID, with proposals: [ProposalPayload], model: String, at now: Date) throws -> PostgresStatement {
        PostgresStatement(
            """
            WITH previous AS (UPDATE proposals SET current = false WHERE opening_id = $2 AND current)
            INSERT INTO proposals (set_id, opening_id, candidate_id, rank, score, criteria, model, proposed_at, current)
            SELECT $1, $2, candidate_id, rank, score, criteria, $6, $7, true
            FROM unnest($3::text[], $4::integer[], $5::integer[], $8::jsonb[]) AS p(candidate_id, rank, score, criteria)
            """,
            [UUID.timeOrdered(at: now), openingId, PostgresArray(proposals.map(\.candidateId)),
             PostgresArray(proposals.map(\.rank)), PostgresArray(proposals.map(\.score)), model, now,
             PostgresArray(try proposals.map { PostgresJSON(bytes: try JSONCoding.encoder.encode($0.criteria)) })])
    }

    /// A stored proposal with when and by which model, for `spotjob matches`.
    public struct Record: Codable, Sendable {
        public var openingId: UUID
        public var candidateId: String
        public var rank: Int
        public var score: Int
        public var criteria: [CriterionScore]
        public var model: String
        public var proposedAt: Date
        public var current: Bool
    }

    /// Current proposals of one opening or of one candidate (with `history`, the earlier ones too).
    public static func records(openingId: UUID? = nil, candidateId: String? = nil, history: Bool = false, on connection: PostgresConnection) throws -> [Record] {
        try connection.query(
            """
            SELECT opening_id, candidate_id, rank, score, criteria, model, proposed_at, current FROM proposals
            WHERE ($1::uuid IS NULL OR opening_id = $1) AND ($2::text IS NULL OR candidate_id = $2) AND (current OR $3)
            ORDER BY proposed_at DESC, opening_id, rank LIMIT 1000
            """, [openingId, candidateId, history]
        ).map { row in
            Record(
                openingId: try row.decode(UUID.self, column: "opening_id"),
                candidateId: try row.decode(String.self, column: "candidate_id"), rank: try row.decode(Int.self, column: "rank"),
                score: try row.decode(Int.self, column: "score"),
                criteria: try row.decode(PostgresJSON.self, column: "criteria").decode([CriterionScore].self),
                model: try row.decode(String.self, column: "model"), proposedAt: try row.decode(Date.self, column: "proposed_at"),
                current: try row.decode(Bool.self, column: "current"))
        }
    }
}
