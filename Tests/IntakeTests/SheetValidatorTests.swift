import BodyReading
import Domain
import Foundation
import Intake
import JSON
import TestSupport
import XCTest

/// Valid sheets: what the validator accepts and how it normalises it.
final class SheetValidatorTests: XCTestCase {
    func testAcceptsTheHorsensJobShopSheet() throws {
        let sheet = try SheetValidator.validateSheet(HorsensJobShopSheet.body(), readAt: Date()).get()

        XCTAssertEqual(sheet.sheetId, "jobshop-horsens-2017-05-15-017")
        XCTAssertEqual(sheet.revision, 1)
        XCTAssertEqual(sheet.source, "jobshop-horsens-2017-05-15")
        XCTAssertEqual(sheet.municipality.code, "615")
        XCTAssertEqual(sheet.municipality.name, "Horsens")
        XCTAssertEqual(sheet.company.cvr, try CVR("25313763"))
        XCTAssertEqual(sheet.company.name, "Bygholm Kantine ApS")
        XCTAssertEqual(sheet.company.employees, 24)
        XCTAssertEqual(sheet.contact.name, "Mette Kjær")
        XCTAssertEqual(sheet.contact.phone?.value, "+4575621100")
        XCTAssertEqual(sheet.contact.email?.value, "mette@bygholm-kantine.dk")
        XCTAssertEqual(sheet.category, .kitchenCleaning)
        XCTAssertEqual(sheet.tasks, [
            .known(code: "anrette-fjerne-frokost"), .known(code: "opvask"), .freeText("Vande planter i kantinen"),
        ])
        XCTAssertEqual(sheet.hoursPerWeek?.tenths, 75)
        XCTAssertEqual(sheet.positions, 2)
        XCTAssertEqual(sheet.jobType, .smajob)
        XCTAssertTrue(sheet.visitRequested)
        XCTAssertEqual(sheet.note, "Gerne mandag og onsdag formiddag.")
        XCTAssertEqual(sheet.submittedAt, Date(timeIntervalSince1970: 1_494_850_800))  // 12:20 UTC
    }

    func testFillsDefaultsForOptionalFields() throws {
        let body = HorsensJobShopSheet.body(changing: [
            "revision": nil, "positions": nil, "jobType": nil, "visitRequested": nil, "note": nil, "company.employees": nil,
        ])
        let sheet = try SheetValidator.validateSheet(body, readAt: Date()).get()
        XCTAssertEqual(sheet.revision, 1)
        XCTAssertEqual(sheet.positions, 1)
        XCTAssertEqual(sheet.jobType, .smajob)
        XCTAssertFalse(sheet.visitRequested)
        XCTAssertNil(sheet.note)
        XCTAssertNil(sheet.company.employees)
    }

    func testNullAndBlankOptionalFieldsCountAsAbsent() throws {
        let body = HorsensJobShopSheet.body(changing: [
            "revision": NSNull(), "note": "   ", "jobType": "", "contact.phone": "",
        ])
        let sheet = try SheetValidator.validateSheet(body, readAt: Date()).get()
        XCTAssertEqual(sheet.revision, 1)
        XCTAssertNil(sheet.note)
        XCTAssertEqual(sheet.jobType, .smajob)
        XCTAssertNil(sheet.contact.phone)
        XCTAssertEqual(sheet.contact.email?.value, "mette@bygholm-kantine.dk")
    }

    func testAcceptsDanishLabels() throws {
        let body = HorsensJobShopSheet.body(changing: [
            "category": "Køkken / Rengøring", "jobType": "Løntilskud", "tasks": ["Klargøre mødelokaler", "ordne koeleskab"],
        ])
        let sheet = try SheetValidator.validateSheet(body, readAt: Date()).get()
        XCTAssertEqual(sheet.category, .kitchenCleaning)
        XCTAssertEqual(sheet.jobType, .loentilskud)
        XCTAssertEqual(sheet.tasks, [.known(code: "klargoere-moedelokaler"), .known(code: "ordne-koeleskab")])
    }

    func testResolvesMunicipalityByNameOrFourDigitCode() throws {
        for (input, code) in [("Horsens", "615"), ("hedensted", "766"), ("Hoeje Taastrup", "169"), ("0615", "615")] {
            let sheet = try SheetValidator.validateSheet(HorsensJobShopSheet.body(setting: "municipality", to: input), readAt: Date()).get()
            XCTAssertEqual(sheet.municipality.code, code, input)
        }
    }

    func testAcceptsPhoneOrEmailAlone() throws {
        let phoneOnly = try SheetValidator.validateSheet(HorsensJobShopSheet.body(setting: "contact.email", to: nil), readAt: Date()).get()
        XCTAssertNil(phoneOnly.contact.email)
        let emailOnly = try SheetValidator.validateSheet(HorsensJobShopSheet.body(setting: "contact.phone", to: nil), readAt: Date()).get()
        XCTAssertNil(emailOnly.contact.phone)
    }

    func testDropsRepeatedTasks() throws {
        let body = HorsensJobShopSheet.body(setting: "tasks", to: ["Opvask", " opvask ", "Vande planter", "Vande planter"])
        let sheet = try SheetValidator.validateSheet(body, readAt: Date()).get()
        XCTAssertEqual(sheet.tasks, [.known(code: "opvask"), .freeText("Vande planter")])
    }

    func testIgnoresUnknownFields() throws {
        let body = HorsensJobShopSheet.body(changing: ["shiftPattern": ["monday", "wednesday"], "company.website": 42])
        XCTAssertNoThrow(try SheetValidator.validateSheet(body, readAt: Date()).get())
    }

    func testAcceptsHoursWithAtMostOneDecimalUpToThirtySeven() throws {
        let cases: [(String, Int)] = [("0.1", 1), ("7.5", 75), ("7.50", 75), ("75e-1", 75), ("37", 370), ("37.0", 370), ("10", 100)]
        for (hours, tenths) in cases {
            let body = HorsensJobShopSheet.body(setting: "hoursPerWeek", toRawJSON: hours)
            XCTAssertEqual(try SheetValidator.validateSheet(body, readAt: Date()).get().hoursPerWeek?.tenths, tenths, hours)
        }
    }

    func testAcceptsRFC3339Timestamps() throws {
        let cases: [(String, TimeInterval)] = [
            ("2017-05-15T12:20:00Z", 1_494_850_800),
            ("2017-05-15T14:20:00+02:00", 1_494_850_800),
            ("2017-05-15T14:20:00.250+02:00", 1_494_850_800.25),
            ("2017-05-15t12:20:00.123456z", 1_494_850_800.123456),
        ]
        for (timestamp, seconds) in cases {
            let sheet = try SheetValidator.validateSheet(HorsensJobShopSheet.body(setting: "submittedAt", to: timestamp), readAt: Date()).get()
            XCTAssertEqual(sheet.submittedAt.timeIntervalSince1970, seconds, accuracy: 0.000_001, timestamp)
        }
    }

    /// Issue 18, fault 3: a sheet from another century is refused; the message names the bound, not the value.
    func testASubmittedAtOutOfRangeIsTooEarlyOrTooLate() throws {
        let now = try XCTUnwrap(RFC3339.date(from: "2026-12-07T12:00:00Z"))
        for (timestamp, code, message) in [
            ("0000-01-01T00:00:00Z", "too-early", "must not be before 2000-01-01T00:00:00.000Z"),
            ("1700-03-01T00:00:00+01:00", "too-early", "must not be before 2000-01-01T00:00:00.000Z"),
            ("2026-12-08T12:00:01Z", "too-late", "must not be after 2026-12-08T12:00:00.000Z"),
        ] {
            guard case .failure(let rejection) = SheetValidator.validateSheet(HorsensJobShopSheet.body(setting: "submittedAt", to: timestamp), readAt: now)
            else { XCTFail("\(timestamp) accepted"); continue }
            XCTAssertEqual(rejection.errors, [FieldError(field: "submittedAt", code: .init(code), message: message)], timestamp)
        }
        XCTAssertNoThrow(try SheetValidator.validateSheet(HorsensJobShopSheet.body(setting: "submittedAt", to: "2026-12-08T12:00:00Z"), readAt: now).get())
    }

    func testAcceptsABodyOfExactlyTheMaximumSize() throws {
        let sheet = HorsensJobShopSheet.body()
        let padded = sheet + Array(repeating: UInt8(ascii: " "), count: SheetValidator.maximumBodySize - sheet.count)
        XCTAssertNoThrow(try SheetValidator.validateSheet(padded, readAt: Date()).get())
    }
}
