import BodyReading
import Chronology
import Contracts
import Domain
import Foundation
import JSON
import XCTest

/// Matching's routing keys and event bodies are the ones `docs/messages.md` documents, and no event
/// body has a field that could carry a CPR number or a note.
final class MatchingContractsTests: XCTestCase {
    private func section(_ key: String) -> Substring? { MessagesDocument.section(key) }

    private func keys(of value: some Encodable) throws -> Set<String> {
        guard case .object(let object) = try JSONParser.parse(try JSONCoding.encoder.encode(value)) else { return [] }
        func keys(_ value: JSONValue) -> [String] {
            switch value {
            case .object(let object): object.members.flatMap { [$0.0] + keys($0.1) }
            case .array(let items): items.flatMap(keys)
            default: []
            }
        }
        return Set(keys(.object(object)))
    }

    private var samples: [(String, any Encodable)] {
        let criterion = CriterionScore(criterion: "tasks", weight: 35, score: 50, explanation: "e")
        let error = FieldError(field: "f", code: .required, message: "m")
        let date = CivilDate(year: 2026, month: 12, day: 1)!
        return [
            (MatchingEvents.candidateRejected, RejectedPayload(
                messageId: UUID(), routingKey: MatchingEvents.candidateProfiled, rejection: Rejection(subject: "c", errors: [error]),
                receivedAt: Date(), subjectField: .candidateId)),
            (MatchingEvents.matchProposed, MatchProposedPayload(
                openingId: UUID(), proposals: [ProposalPayload(candidateId: "c", rank: 1, score: 50, criteria: [criterion])],
                model: "m", proposedAt: Date())),
            (MatchingEvents.placementRecorded, PlacementRecordedPayload(
                placementId: "p", candidateId: "c", openingId: UUID(), cvr: try! CVR("10150817"), municipality: "615",
                jobcenter: "766", jobType: .smajob, hoursPerWeek: HoursPerWeek(tenths: 75)!, startDate: date, targetGroup: true)),
            (MatchingEvents.placementEnded, PlacementEndedPayload(placementId: "p", endDate: date, reason: "r")),
            (MatchingEvents.placementRejected, RejectedPayload(
                messageId: UUID(), routingKey: MatchingEvents.placementReported,
                rejection: Rejection(subject: "p", errors: [error], candidateId: "c", openingId: UUID()),
                receivedAt: Date(), subjectField: .placementId)),
            (MatchingEvents.assignmentProposed, AssignmentProposedPayload(
                runId: UUID(), jobcenter: "615", assignments: [AssignmentPairPayload(openingId: UUID(), candidateId: "c", score: 1)],
                totalScore: 1, unassignedOpenings: 0, durationMs: 1)),
            (MatchingEvents.starReportGenerated, StarReportGeneratedPayload(month: "2026-12", jobcenter: "615", rows: 1, requestedBy: "x", generatedAt: Date())),
        ]
    }

    func testEveryRoutingKeyIsDocumented() {
        for key in MatchingEvents.consumed + MatchingEvents.emitted {
            XCTAssertNotNil(section(key), "docs/messages.md has no section for \(key)")
        }
    }

    func testEveryFieldOfEveryEventIsDocumented() throws {
        for (key, sample) in samples {
            let documented = try XCTUnwrap(section(key), key)
            for field in try keys(of: sample) {
                XCTAssertTrue(documented.contains("`\(field)`"), "\(key) does not document \(field)")
            }
        }
    }

    func testNoEventHasAFieldForACPRNumberOrANote() throws {
        for (key, sample) in samples {
            let fields = try keys(of: sample)
            XCTAssertTrue(fields.isDisjoint(with: ["cpr", "note", "birthDate", "age", "sex", "gender"]), "\(key): \(fields)")
        }
    }

    func testTheQueueBindingsAreTheTopologyLine() throws {
        let url = MessagesDocument.repositoryRoot.appendingPathComponent("deploy/rabbitmq/topology.tsv")
        let line = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first { $0.hasPrefix("service\tmatching\t") }
        // Matching keeps the jobcenters' grants too (`.keepingJobcenterGrants()` in its main.swift).
        XCTAssertEqual(line.map(String.init), "service\tmatching\t" + (MatchingEvents.consumed + JobcenterEvents.all).joined(separator: ","))
    }
}
