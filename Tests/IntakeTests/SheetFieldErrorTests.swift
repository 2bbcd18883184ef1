import BodyReading
import Foundation
import Intake
import TestSupport
import XCTest

/// Sheets with faulty fields: every problem is reported, with the right field and code.
final class SheetFieldErrorTests: XCTestCase {
    func testReportsEachOfFiveFaults() {
        let body = HorsensJobShopSheet.body(changing: [
            "municipality": "Horsnes",
            "company.cvr": "2531 3764",
            "contact": ["name": "Mette Kjær"],
            "tasks": [String](),
            "hoursPerWeek": 40,
        ])
        let rejection = rejection(of: body)
        XCTAssertEqual(rejection?.subject, "jobshop-horsens-2017-05-15-017")
        XCTAssertEqual(rejection?.errors, [
            FieldError(field: "municipality", code: .unknownMunicipality, message: "is neither a Danish kommunekode nor a municipality name"),
            FieldError(field: "company.cvr", code: .invalidCVR, message: "CVR check digit is wrong (modulus 11)"),
            FieldError(field: "contact", code: .contactMissing, message: "needs a phone number or an e-mail address"),
            FieldError(field: "tasks", code: .tooShort, message: "must not be empty"),
            FieldError(field: "hoursPerWeek", code: .outOfRange, message: "must be more than 0 and at most 37 hours"),
        ])
    }

    /// `\u0000` is valid JSON but no text column can hold it: every string field that holds it is
    /// refused by name, whatever kind of string it is (free text, code, number, timestamp).
    func testRefusesTheNULCharacterInEveryStringField() {
        let nul = "\u{0}"
        let body = HorsensJobShopSheet.body(changing: [
            "company.name": "Kantine\(nul) ApS", "contact.name": "Mette\(nul)", "note": "a\(nul)b",
            "tasks": ["Opvask", "x\(nul)"], "company.cvr": "25313763\(nul)", "submittedAt": "2017-05-15T10:00:00Z\(nul)",
        ])
        let codes = rejection(of: body)?.errors.map { "\($0.field) \($0.code.rawValue)" }
        XCTAssertEqual(Set(codes ?? []), [
            "company.name invalid-character", "contact.name invalid-character", "note invalid-character",
            "tasks[1] invalid-character", "company.cvr invalid-character", "submittedAt invalid-character",
        ])
        XCTAssertEqual(rejection(of: body)?.errors.first?.message, "must not contain the NUL character (U+0000)")
    }

    func testReportsEveryMissingRequiredField() {
        let rejection = rejection(of: Array("{}".utf8))
        XCTAssertNil(rejection?.subject)
        XCTAssertEqual(rejection?.errors.map(\.field), [
            "sheetId", "source", "municipality", "company", "contact", "category", "tasks", "hoursPerWeek", "submittedAt",
        ])
        XCTAssertEqual(Set(rejection?.errors.map(\.code) ?? []), [.required])
    }

    func testReportsMissingNestedFields() {
        let body = HorsensJobShopSheet.body(changing: ["company": [String: Any](), "contact.name": NSNull()])
        XCTAssertEqual(problems(of: body), ["company.cvr required", "company.name required", "contact.name required"])
    }

    func testReportsWrongTypes() {
        let cases: [(String, Any)] = [
            ("sheetId", 17),
            ("revision", "2"),
            ("revision", true),
            ("revision", 1.5),
            ("source", ["jobshop"]),
            ("municipality", 615),
            ("company", "Bygholm Kantine ApS"),
            ("company.cvr", 25_313_763),
            ("company.name", false),
            ("company.employees", "24"),
            ("contact", ["Mette Kjær"]),
            ("contact.name", 1),
            ("contact.phone", 75_621_100),
            ("contact.email", true),
            ("category", 1),
            ("tasks", "Opvask"),
            ("hoursPerWeek", "7.5"),
            ("hoursPerWeek", true),
            ("positions", true),
            ("positions", 2.5),
            ("jobType", 0),
            ("visitRequested", 1),
            ("visitRequested", "true"),
            ("note", 5),
            ("submittedAt", 1_494_850_800),
        ]
        for (field, value) in cases {
            XCTAssertEqual(problems(of: HorsensJobShopSheet.body(setting: field, to: value)), ["\(field) wrong-type"], "\(field): \(value)")
        }
    }

    func testNamesTheFaultyTaskByIndex() {
        let body = HorsensJobShopSheet.body(setting: "tasks", to: ["Opvask", 3, " ", String(repeating: "x", count: 201)])
        XCTAssertEqual(problems(of: body), ["tasks[1] wrong-type", "tasks[2] too-short", "tasks[3] too-long"])
    }

    func testReportsLengthRules() {
        let cases: [(String, Any, String)] = [
            ("sheetId", "", "too-short"),
            ("sheetId", String(repeating: "s", count: 65), "too-long"),
            ("source", "  ", "too-short"),
            ("source", String(repeating: "s", count: 101), "too-long"),
            ("company.name", "", "too-short"),
            ("company.name", String(repeating: "n", count: 201), "too-long"),
            ("contact.name", String(repeating: "n", count: 201), "too-long"),
            ("tasks", Array(repeating: "Opvask", count: 21), "too-long"),
            ("note", String(repeating: "n", count: 2001), "too-long"),
        ]
        for (field, value, code) in cases {
            XCTAssertEqual(problems(of: HorsensJobShopSheet.body(setting: field, to: value)), ["\(field) \(code)"], field)
        }
    }

    func testCountsCharactersNotBytes() throws {
        let body = HorsensJobShopSheet.body(setting: "sheetId", to: String(repeating: "ø", count: 64))
        XCTAssertNoThrow(try SheetValidator.validateSheet(body, readAt: Date()).get())
    }

    func testReportsRanges() {
        let cases: [(String, String, String)] = [
            ("revision", "0", "out-of-range"),
            ("revision", "2147483648", "out-of-range"),
            ("revision", "1e400", "out-of-range"),
            ("company.employees", "-1", "out-of-range"),
            ("positions", "0", "out-of-range"),
            ("positions", "51", "out-of-range"),
            ("hoursPerWeek", "0", "out-of-range"),
            ("hoursPerWeek", "-7.5", "out-of-range"),
            ("hoursPerWeek", "37.1", "out-of-range"),
            ("hoursPerWeek", "1e400", "out-of-range"),
            ("hoursPerWeek", "7.55", "too-precise"),
            ("hoursPerWeek", "0.05", "too-precise"),
        ]
        for (field, json, code) in cases {
            XCTAssertEqual(problems(of: HorsensJobShopSheet.body(setting: field, toRawJSON: json)), ["\(field) \(code)"], "\(field): \(json)")
        }
    }

    func testReportsValuesTheDomainRejects() {
        let cases: [(String, String, String)] = [
            ("municipality", "Malmö", "unknown-municipality"),
            ("municipality", "999", "unknown-municipality"),
            ("company.cvr", "0123 4560", "invalid-cvr"),
            ("company.cvr", "", "invalid-cvr"),
            ("contact.phone", "+46 70 123 45 67", "invalid-phone"),
            ("contact.email", "mette(at)bygholm.dk", "invalid-email"),
            ("category", "Køkken", "unknown-category"),
            ("jobType", "deltid", "unknown-job-type"),
            ("submittedAt", "2017-02-30T12:00:00Z", "invalid-timestamp"),
            ("submittedAt", "2017-05-15T14:20:00", "invalid-timestamp"),
            ("submittedAt", "2017-05-15", "invalid-timestamp"),
            ("submittedAt", "15-05-2017 14:20", "invalid-timestamp"),
        ]
        for (field, value, code) in cases {
            XCTAssertEqual(problems(of: HorsensJobShopSheet.body(setting: field, to: value)), ["\(field) \(code)"], "\(field): \(value)")
        }
    }

    func testMessagesSayWhy() {
        let body = HorsensJobShopSheet.body(changing: ["contact.phone": "7562 110", "company.cvr": "2531 376x"])
        XCTAssertEqual(rejection(of: body)?.errors.map(\.message), [
            "CVR may only contain digits and spaces, found \"x\"",
            "phone number must have 8 digits after any +45 or 0045 prefix, found 7",
        ])
    }

    func testOmitsAFaultySheetIdFromTheRejection() {
        let body = HorsensJobShopSheet.body(changing: ["sheetId": String(repeating: "s", count: 65), "source": nil])
        let rejection = rejection(of: body)
        XCTAssertNil(rejection?.subject)
        XCTAssertEqual(rejection?.errors.count, 2)
    }

    func testCodesFieldErrorsAsTheContractSays() throws {
        let error = FieldError(field: "company.cvr", code: .invalidCVR, message: "CVR check digit is wrong (modulus 11)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(
            String(decoding: try encoder.encode(error), as: UTF8.self),
            #"{"code":"invalid-cvr","field":"company.cvr","message":"CVR check digit is wrong (modulus 11)"}"#
        )
    }

    private func rejection(of body: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> Rejection? {
        guard case .failure(let rejection) = SheetValidator.validateSheet(body, readAt: Date()) else {
            XCTFail("the sheet was accepted", file: file, line: line)
            return nil
        }
        return rejection
    }

    /// The rejection's errors as `field code`, for compact comparisons.
    private func problems(of body: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> [String] {
        rejection(of: body, file: file, line: line)?.errors.map { "\($0.field) \($0.code.rawValue)" } ?? []
    }
}
