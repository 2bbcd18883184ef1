import BodyReading
import Chronology
import Contracts
import Domain
import Foundation
import JSON
import TestSupport
import XCTest

/// Jobcenter systems compare ids as text: every event body writes its UUIDs in lower case
/// (RFC 9562 §4), whichever service emits it.
final class EventUUIDCaseTests: XCTestCase {
    /// A UUID with every hexadecimal letter, so an upper-case writer cannot pass by chance.
    private let id = UUID(uuid: (0xAB, 0xCD, 0xEF, 0xAB, 0xCD, 0xEF, 0x4A, 0xBC, 0x8D, 0xEF, 0xAB, 0xCD, 0xEF, 0xAB, 0xCD, 0xEF))

    private var bodies: [(String, any Encodable)] {
        get throws {
            let date = try XCTUnwrap(CivilDate(year: 2026, month: 12, day: 1))
            let error = FieldError(field: "f", code: .required, message: "m")
            let handover = HandoverPayload(
                openingId: id, sheetId: "s", revision: 1, source: "jobshop", municipality: "615",
                company: .init(cvr: try CVR("10150817"), name: "Kantinen", employees: 40),
                contact: .init(name: "Mette Kjær", phone: "+4575621100", email: "mette@example.dk"), category: .kitchenCleaning,
                tasks: [.known(code: "opvask")], hoursPerWeek: HoursPerWeek(tenths: 75)!, positions: 1, jobType: .smajob,
                visitRequested: true, submittedAt: Date(), registeredAt: Date(), updatedAt: Date())
            return [
                (IntakeEvents.openingRegistered, OpeningPayload(
                    openingId: id, sheetId: "s", revision: 1, source: "jobshop", municipality: "615",
                    company: .init(cvr: try CVR("10150817"), name: "Kantinen", employees: 40), category: .kitchenCleaning,
                    tasks: [], hoursPerWeek: HoursPerWeek(tenths: 75)!, positions: 1, jobType: .smajob, visitRequested: true,
                    submittedAt: Date(), registeredAt: Date())),
                (IntakeEvents.openingWithdrawn, OpeningWithdrawnPayload(openingId: id, sheetId: "s", reason: "r", withdrawnAt: Date())),
                (IntakeEvents.sheetRejected, RejectedPayload(
                    messageId: id, routingKey: IntakeEvents.sheetSubmitted, rejection: Rejection(errors: [error]), receivedAt: Date(),
                    subjectField: .sheetId)),
                (MatchingEvents.placementRejected, RejectedPayload(
                    messageId: id, routingKey: MatchingEvents.placementReported,
                    rejection: Rejection(subject: "p", errors: [error], openingId: id), receivedAt: Date(), subjectField: .placementId)),
                (MatchingEvents.matchProposed, MatchProposedPayload(openingId: id, proposals: [], model: "m", proposedAt: Date())),
                (MatchingEvents.placementRecorded, PlacementRecordedPayload(
                    placementId: "p", candidateId: "c", openingId: id, cvr: try CVR("10150817"), municipality: "615",
                    jobcenter: "766", jobType: .smajob, hoursPerWeek: HoursPerWeek(tenths: 75)!, startDate: date, targetGroup: true)),
                (MatchingEvents.assignmentProposed, AssignmentProposedPayload(
                    runId: id, jobcenter: "615", assignments: [AssignmentPairPayload(openingId: id, candidateId: "c", score: 1)],
                    totalScore: 1, unassignedOpenings: 0, durationMs: 1)),
                (FollowupEvents.taskOpened, TaskOpenedPayload(taskId: id, handover: handover, submittedAt: Date(), dueAt: Date())),
                (IntakeEvents.openingHandedOver, handover),
                (FollowupEvents.contactDue, ContactDuePayload(taskId: id, openingId: id, dueAt: Date())),
                (FollowupEvents.escalated, EscalatedPayload.contact(taskId: id, openingId: id, level: 1, dueAt: Date())),
                (FollowupEvents.escalated, EscalatedPayload.checkin(checkinId: id, placementId: "p", dueAt: Date())),
                (FollowupEvents.contactRecorded, ContactRecordedPayload(taskId: id, openingId: id, outcome: .reached, contactedAt: Date(), onTime: true)),
                (FollowupEvents.checkinDue, CheckinPayload(checkinId: id, placementId: "p", openingId: id, candidateId: "c", sequence: 1, dueAt: Date())),
                (FollowupEvents.retentionRisk, RetentionRiskPayload(
                    checkinId: id, placementId: "p", openingId: id, candidateId: "c", outcome: .atRisk, completedAt: Date())),
            ]
        }
    }

    func testEveryEventBodyWritesItsUUIDsInLowerCase() throws {
        for (type, body) in try bodies {
            let text = String(decoding: try JSONCoding.encoder.encode(body), as: UTF8.self)
            XCTAssertTrue(text.contains(id.uuidString.lowercased()), "\(type): the body holds the id")
            XCTAssertEqual(UUIDCase.upperCase(in: text), [], "\(type)")
        }
    }

    /// What outside systems send may write a UUID in any case: the readers accept both.
    func testAUUIDIsReadInAnyCase() throws {
        for text in [id.uuidString, id.uuidString.lowercased()] {
            var reader = FieldReader()
            let object = try MessageBody.object(Array(#"{"openingId": "\#(text)"}"#.utf8))
            XCTAssertEqual(reader.uuid("openingId", of: object, .required), id)
            XCTAssertEqual(reader.errors, [])
        }
    }
}
