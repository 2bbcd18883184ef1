import Foundation
import PostgresClient

/// What the services stored of this run so far, read from their schemas as the administrator: the
/// ids that placements, contacts and billing's activities need, and whether they exist yet.
struct KnownIDs: Sendable {
    var matchingCandidates: Set<String> = []
    /// Sheet id → opening id, as matching and followup hold them.
    var matchingOpenings: [String: UUID] = [:]
    var followupOpenings: [String: UUID] = [:]
    var billingContracts: Set<String> = []
    /// `contractId/eventId` of booked events.
    var billingEvents: Set<String> = []

    struct Missing: Error, CustomStringConvertible {
        let what: String
        var description: String { "\(what) is not known yet" }
    }

    /// Reads them for ids starting with `prefix`, in one round trip.
    static func read(prefix: String, on connection: PostgresConnection) throws -> KnownIDs {
        let pattern = prefix + "%"
        let results = try connection.pipeline([
            PostgresStatement("SELECT candidate_id FROM matching.candidates WHERE candidate_id LIKE $1 AND status = 'active'", [pattern]),
            PostgresStatement("SELECT sheet_id, opening_id FROM matching.openings WHERE sheet_id LIKE $1", [pattern]),
            PostgresStatement("SELECT sheet_id, opening_id FROM followup.openings WHERE sheet_id LIKE $1", [pattern]),
            PostgresStatement("SELECT contract_id FROM billing.contracts WHERE contract_id LIKE $1", [pattern]),
            PostgresStatement("SELECT contract_id || '/' || event_id FROM billing.events WHERE contract_id LIKE $1", [pattern]),
        ])
        var known = KnownIDs()
        known.matchingCandidates = Set(try results[0].map { try $0.decode(String.self, at: 0) })
        for row in results[1] { known.matchingOpenings[try row.decode(String.self, at: 0)] = try row.decode(UUID.self, at: 1) }
        for row in results[2] { known.followupOpenings[try row.decode(String.self, at: 0)] = try row.decode(UUID.self, at: 1) }
        known.billingContracts = Set(try results[3].map { try $0.decode(String.self, at: 0) })
        known.billingEvents = Set(try results[4].map { try $0.decode(String.self, at: 0) })
        return known
    }

    func satisfies(_ prerequisite: Prerequisite?) -> Bool {
        switch prerequisite {
        case nil: true
        case .matchingPair(let candidateId, let sheetId): matchingCandidates.contains(candidateId) && matchingOpenings[sheetId] != nil
        case .followupOpening(let sheetId): followupOpenings[sheetId] != nil
        case .billingContract(let contractId): billingContracts.contains(contractId)
        case .billingEvent(let contractId, let eventId): billingEvents.contains("\(contractId)/\(eventId)")
        }
    }

    func matchingOpening(_ sheetId: String) throws -> UUID {
        guard let id = matchingOpenings[sheetId] else { throw Missing(what: "matching's opening of a sheet") }
        return id
    }

    func followupOpening(_ sheetId: String) throws -> UUID {
        guard let id = followupOpenings[sheetId] else { throw Missing(what: "followup's opening of a sheet") }
        return id
    }
}
