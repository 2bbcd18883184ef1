import BodyReading
import Contracts
import Domain
import Foundation
@testable import Intake
import JSON
import Messaging
import TestSupport
import XCTest

/// The bodies of intake's events are encoded by ``EventJSONEncoder`` into the bytes Foundation's
/// `JSONEncoder` writes with SpotJob's settings.
final class EventBodyEncodingTests: XCTestCase {
    private func assertSameJSON<T: Encodable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = try UUIDCase.foundationReference(value)
        let actual = try JSONCoding.encoder.encode(value)
        XCTAssertEqual(String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self), file: file, line: line)
        XCTAssertEqual(actual, expected, file: file, line: line)
    }

    private let registeredAt = Date(timeIntervalSince1970: 1_795_449_600.123)

    private func horsensOpening() throws -> OpeningPayload {
        let sheet = try SheetValidator.validateSheet(HorsensJobShopSheet.body(), readAt: Date()).get()
        return try XCTUnwrap(OpeningPayload(openingId: UUID.timeOrdered(at: registeredAt), sheet: sheet, registeredAt: registeredAt))
    }

    func testOpeningRegisteredIsTheBodyFoundationWrites() throws {
        let opening = try horsensOpening()
        try assertSameJSON(opening)
        let event = try OutboxEvent(type: IntakeEvents.openingRegistered, payload: opening, producer: IntakeEvents.service)
        XCTAssertEqual(event.envelope.body, try UUIDCase.foundationReference(opening))
    }

    func testOpeningsWithEveryCategoryJobTypeAndHoursPerWeek() throws {
        var opening = try horsensOpening()
        opening.updatedAt = registeredAt.addingTimeInterval(86_400.5)
        opening.status = "withdrawn"
        for category in JobCategory.allCases {
            opening.category = category
            try assertSameJSON(opening)
        }
        for jobType in JobType.allCases {
            opening.jobType = jobType
            try assertSameJSON(opening)
        }
        for tenths in HoursPerWeek.validTenths {
            opening.hoursPerWeek = try XCTUnwrap(HoursPerWeek(tenths: tenths))
            try assertSameJSON(opening)
        }
    }

    func testOpeningsWithTextThatNeedsEscaping() throws {
        var opening = try horsensOpening()
        opening.company = OpeningPayload.Company(cvr: try CVR("2531 3763"), name: "Bygholm \"Kantine\" Æ/Ø/Å \\ ApS 😀")
        opening.tasks = [
            .known(code: "opvask"), .freeText("Vande planter\ti kantinen\n"), .freeText("\u{1}\u{1F}\u{7F}"),
            .freeText("e\u{301}"), .freeText(""),
        ]
        opening.sheetId = "sheet/ø\"1"
        opening.revision = Int.max
        opening.positions = -1
        opening.visitRequested = false
        try assertSameJSON(opening)
        opening.tasks = []
        try assertSameJSON([opening, opening])
    }

    func testWithdrawnAndRejectedBodies() throws {
        try assertSameJSON(OpeningWithdrawnPayload(
            openingId: UUID(), sheetId: "jobshop-horsens-2017-05-15-017", reason: "Stillingen er besat — tak!\n",
            withdrawnAt: registeredAt))
        let errors = FieldError.Code.intake.enumerated().map { index, code in
            FieldError(field: "tasks[\(index)]", code: code, message: "\"\(code.rawValue)\" is wrong: æøå / \\ \u{0}")
        }
        try assertSameJSON(RejectedPayload(
            messageId: UUID(), routingKey: "sheet.submitted", rejection: Rejection(errors: errors), receivedAt: registeredAt,
            subjectField: .sheetId))
        try assertSameJSON(RejectedPayload(
            messageId: UUID(), routingKey: "placement.reported",
            rejection: Rejection(subject: "p", errors: [errors[0]], candidateId: "c", openingId: UUID()), receivedAt: Date(),
            subjectField: .placementId))
    }
}
