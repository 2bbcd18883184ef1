import BodyReading
import Contracts
import Domain
import Foundation
import JSON
import XCTest

/// `docs/messages.md` is the contract outside systems code against; the routing keys and event
/// bodies in `Contracts` must be the ones it documents.
final class ContractsDocumentationTests: XCTestCase {
    func section(_ key: String) -> Substring? { MessagesDocument.section(key) }

    /// The keys of an encoded body, nested ones dotted (`company.cvr`).
    func keys(of value: some Encodable) throws -> Set<String> {
        guard case .object(let object) = try JSONParser.parse(try JSONCoding.encoder.encode(value)) else { return [] }
        func keys(_ object: JSONObject, prefix: String) -> [String] {
            object.members.flatMap { key, value -> [String] in
                if case .object(let nested) = value { return [prefix + key] + keys(nested, prefix: prefix + key + ".") }
                return [prefix + key]
            }
        }
        return Set(keys(object, prefix: ""))
    }

    func testEveryRoutingKeyIsDocumented() {
        for key in IntakeEvents.consumed + IntakeEvents.emitted {
            XCTAssertNotNil(section(key), "docs/messages.md has no section for \(key)")
        }
    }

    func testEveryFieldOfAnOpeningIsDocumented() throws {
        let opening = OpeningPayload(
            openingId: UUID(), sheetId: "s", revision: 1, source: "jobshop", municipality: "615",
            company: .init(cvr: try CVR("10150817"), name: "Kantinen", employees: 40), category: .kitchenCleaning,
            tasks: [], hoursPerWeek: HoursPerWeek(tenths: 75)!, positions: 1, jobType: .smajob, visitRequested: true,
            submittedAt: Date(), registeredAt: Date())
        let documented = try XCTUnwrap(section(IntakeEvents.openingRegistered))
        for key in try keys(of: opening) {
            let name = key.split(separator: ".").last.map(String.init) ?? key
            XCTAssertTrue(documented.contains("`\(name)`"), "opening.registered does not document \(key)")
        }
    }

    /// Followup's hand-over documents every field it has, the contact's included.
    func testEveryFieldOfAHandoverIsDocumented() throws {
        let handover = HandoverPayload(
            openingId: UUID(), sheetId: "s", revision: 2, source: "jobshop", municipality: "615",
            company: .init(cvr: try CVR("10150817"), name: "Kantinen", employees: 40),
            contact: .init(name: "Mette Kjær", phone: "+4575621100", email: "mette@example.dk"), category: .kitchenCleaning,
            tasks: [], hoursPerWeek: HoursPerWeek(tenths: 75)!, positions: 1, jobType: .smajob, visitRequested: true,
            submittedAt: Date(), registeredAt: Date(), updatedAt: Date())
        let documented = try XCTUnwrap(section(IntakeEvents.openingHandedOver))
        for key in try keys(of: handover) {
            XCTAssertTrue(documented.contains("`\(key)`") || documented.contains("`\(key.split(separator: ".").last ?? "")`"),
                          "opening.handed-over does not document \(key)")
        }
    }

    func testEveryFieldOfAWithdrawalAndARejectionIsDocumented() throws {
        let withdrawn = OpeningWithdrawnPayload(openingId: UUID(), sheetId: "s", reason: "r", withdrawnAt: Date())
        let rejected = RejectedPayload(
            messageId: UUID(), routingKey: IntakeEvents.sheetSubmitted,
            rejection: Rejection(subject: "s", errors: [FieldError(field: "f", code: .required, message: "m")]),
            receivedAt: Date(), subjectField: .sheetId)
        for (key, payload) in [(IntakeEvents.openingWithdrawn, try keys(of: withdrawn)), (IntakeEvents.sheetRejected, try keys(of: rejected))] {
            let documented = try XCTUnwrap(section(key))
            for field in payload {
                XCTAssertTrue(documented.contains("\(field)"), "\(key) does not document \(field)")
            }
        }
    }
}

/// Followup's part of `docs/messages.md`.
final class FollowupContractDocumentationTests: XCTestCase {
    private static let messages: String = {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/messages.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    private var followupSection: Substring {
        guard let start = Self.messages.range(of: "## Followup (`followup`)") else { return "" }
        let end = Self.messages.range(of: "\n## ", range: start.upperBound..<Self.messages.endIndex)?.lowerBound ?? Self.messages.endIndex
        return Self.messages[start.lowerBound..<end]
    }

    func testEveryRoutingKeyAndOutcomeIsDocumented() {
        for key in FollowupEvents.consumed + FollowupEvents.emitted {
            XCTAssertTrue(Self.messages.contains("`\(key)`"), "docs/messages.md does not document \(key)")
        }
        for outcome in ContactOutcome.allCases.map(\.rawValue) + CheckinOutcome.allCases.map(\.rawValue) {
            XCTAssertTrue(followupSection.contains("`\(outcome)`"), "the followup section does not document outcome \(outcome)")
        }
    }

    func testEveryFieldOfEveryEventIsDocumented() throws {
        let id = UUID()
        let handover = HandoverPayload(
            openingId: id, sheetId: "s", revision: 1, source: "jobshop", municipality: "615",
            company: .init(cvr: try CVR("10150817"), name: "Kantinen", employees: 40),
            contact: .init(name: "Mette Kjær", phone: "+4575621100", email: "mette@example.dk"), category: .kitchenCleaning,
            tasks: [.known(code: "opvask")], hoursPerWeek: HoursPerWeek(tenths: 75)!, positions: 1, jobType: .smajob,
            visitRequested: true, submittedAt: Date(), registeredAt: Date(), updatedAt: Date())
        let payloads: [(String, any Encodable)] = [
            (FollowupEvents.taskOpened, TaskOpenedPayload(taskId: id, handover: handover, submittedAt: Date(), dueAt: Date())),
            (FollowupEvents.taskUpdated, TaskOpenedPayload(taskId: id, handover: handover, submittedAt: Date(), dueAt: Date())),
            (FollowupEvents.contactDue, ContactDuePayload(taskId: id, openingId: id, dueAt: Date())),
            (FollowupEvents.escalated, EscalatedPayload.contact(taskId: id, openingId: id, level: 1, dueAt: Date())),
            (FollowupEvents.escalated, EscalatedPayload.checkin(checkinId: id, placementId: "p", dueAt: Date())),
            (FollowupEvents.contactRecorded, ContactRecordedPayload(taskId: id, openingId: id, outcome: .reached, contactedAt: Date(), onTime: true)),
            (FollowupEvents.checkinDue, CheckinPayload(checkinId: id, placementId: "p", openingId: id, candidateId: "c", sequence: 1, dueAt: Date())),
            (FollowupEvents.retentionRisk, RetentionRiskPayload(checkinId: id, placementId: "p", openingId: id, candidateId: "c", outcome: .atRisk, completedAt: Date())),
            (FollowupEvents.rejected, RejectedPayload(
                messageId: id, routingKey: FollowupEvents.companyContacted,
                rejection: Rejection(subject: "s", errors: [FieldError(field: "f", code: .required, message: "m")]),
                receivedAt: Date(), subjectField: .subjectOnly)),
        ]
        for (key, payload) in payloads {
            guard case .object(let object) = try JSONParser.parse(try JSONCoding.encoder.encode(payload)),
                  let row = followupSection.split(separator: "\n").first(where: { $0.hasPrefix("| ") && $0.contains("`\(key)`") })
            else { return XCTFail("no row for \(key)") }
            for (field, _) in object.members {
                XCTAssertTrue(row.contains(field), "\(key): \(field) is not documented")
            }
        }
    }
}
