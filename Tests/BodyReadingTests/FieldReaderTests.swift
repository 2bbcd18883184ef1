import BodyReading
import Chronology
import Domain
import Foundation
import JSON
import XCTest

extension Result where Failure == Rejection {
    /// The errors of a refusal; none for a success.
    fileprivate var failureErrors: [FieldError] {
        guard case .failure(let rejection) = self else { return [] }
        return rejection.errors
    }
}

/// The shared body reading every service uses: the gate, and the reads that report every problem.
final class FieldReaderTests: XCTestCase {
    private struct Profile {
        var home: Municipality
        var work: [Municipality]
        var categories: [JobCategory]
        var since: CivilDate
    }

    /// A profile-like body read with the shared domain reads, as matching will.
    private func read(_ json: String) -> Result<Profile, Rejection> {
        MessageBody.read(Array(json.utf8)) { body, reader in
            let home = reader.municipality("homeMunicipality", of: body, .required)
            let work = reader.array("workMunicipalities", of: body, .required, count: 1...98)?.map { reader.municipality($0) }
            let categories = reader.array("categories", of: body, .required, count: 1...6)?.map { reader.category($0) }
            let since = reader.date("unemployedSince", of: body, .required, in: DateBounds.unemploymentDays)
            guard let home, let work, let categories, let since, !work.contains(nil), !categories.contains(nil) else { return nil }
            return Profile(home: home, work: work.compactMap { $0 }, categories: categories.compactMap { $0 }, since: since)
        }
    }

    func testReadsDomainValuesFromFieldsAndArrayElements() throws {
        let profile = try read("""
            {"homeMunicipality": "Horsens", "workMunicipalities": ["615", "Hedensted"],
             "categories": ["kitchen-cleaning"], "unemployedSince": "2015-03-01"}
            """).get()
        XCTAssertEqual(profile.home.code, "615")
        XCTAssertEqual(profile.work.map(\.code), ["615", "766"])
        XCTAssertEqual(profile.categories, [.kitchenCleaning])
        XCTAssertEqual(profile.since, CivilDate(year: 2015, month: 3, day: 1))
    }

    func testReportsEveryProblemByFieldAndCode() {
        guard case .failure(let rejection) = read("""
            {"homeMunicipality": "Atlantis", "workMunicipalities": ["615", 7, "x\\u0000"],
             "categories": ["Rumfart"], "unemployedSince": "2015-02-30"}
            """) else { return XCTFail("accepted") }
        XCTAssertEqual(rejection.errors.map { "\($0.field) \($0.code)" }, [
            "homeMunicipality unknown-municipality", "workMunicipalities[1] wrong-type",
            "workMunicipalities[2] invalid-character", "categories[0] unknown-category", "unemployedSince invalid-date",
        ])
        XCTAssertEqual(
            rejection.description,
            "rejected: homeMunicipality unknown-municipality, workMunicipalities[1] wrong-type, "
                + "workMunicipalities[2] invalid-character, categories[0] unknown-category, unemployedSince invalid-date")
    }

    /// Issue 18, fault 3: a date or timestamp outside its field's range is refused, naming the bound, never the value.
    func testDatesAndTimestampsAreHeldToTheirRange() throws {
        let now = try XCTUnwrap(RFC3339.date(from: "2026-12-07T12:00:00Z"))
        func errors(_ json: String) -> [String] {
            let result = MessageBody.read(Array(json.utf8)) { body, reader -> CivilDate? in
                let on = reader.date("on", of: body, .required, in: DateBounds.businessDays)
                let at = reader.timestamp("at", of: body, .required, in: DateBounds.pastInstants(readAt: now))
                return at == nil ? nil : on
            }
            guard case .failure(let rejection) = result else { return [] }
            return rejection.errors.map { "\($0.field) \($0.code): \($0.message)" }
        }
        XCTAssertEqual(errors(#"{"on": "0000-01-01", "at": "1700-03-01T00:00:00Z"}"#), [
            "on too-early: must not be before 2000-01-01", "at too-early: must not be before 2000-01-01T00:00:00.000Z",
        ])
        XCTAssertEqual(errors(#"{"on": "9999-12-31", "at": "2026-12-08T12:00:00.001Z"}"#), [
            "on too-late: must not be after 2100-12-31", "at too-late: must not be after 2026-12-08T12:00:00.000Z",
        ])
        XCTAssertEqual(errors(#"{"on": "2000-01-01", "at": "2026-12-08T13:00:00+01:00"}"#), [], "the bounds are in range")
        XCTAssertEqual(errors(#"{"on": "2100-12-31", "at": "2000-01-01T01:00:00+01:00"}"#), [], "the bounds are in range")
        let unemployed = MessageBody.read(Array(#"{"since": "1899-12-31"}"#.utf8)) { body, reader in
            reader.date("since", of: body, .required, in: DateBounds.unemploymentDays)
        }
        XCTAssertEqual(unemployed.failureErrors.map(\.code), [.tooEarly])
        // A clock before 2000 (a broken one) gives an empty-looking range, not a trap.
        XCTAssertEqual(DateBounds.pastInstants(readAt: Date(timeIntervalSince1970: 0)), DateBounds.earliestInstant...DateBounds.earliestInstant)
    }

    func testTheGateStopsAtTheFirstProblemWithTheBody() {
        let cases: [([UInt8], FieldError.Code)] = [
            (Array(repeating: 0x20, count: MessageBody.defaultMaximumSize + 1), .tooLarge),
            ([0xC3, 0x28], .invalidUTF8), (Array("{\"a\": 1,}".utf8), .malformedJSON),
            (Array(String(repeating: "[", count: 40).utf8), .tooDeep), (Array("[]".utf8), .notAnObject),
        ]
        for (body, code) in cases {
            guard case .failure(let rejection) = MessageBody.read(body, { _, _ in () }) else { return XCTFail("\(code) accepted") }
            XCTAssertEqual(rejection.errors.map(\.code), [code])
            XCTAssertEqual(rejection.errors.map(\.field), ["$"])
        }
    }

    /// A service adds its own codes without touching the shared list; they code as plain strings.
    func testAServiceDeclaresItsOwnCodes() throws {
        let duplicatePerson = FieldError.Code("duplicate-person")
        let error = FieldError(field: "cpr", code: duplicatePerson, message: "is registered under another candidate id")
        XCTAssertEqual(String(decoding: try JSONCoding.encoder.encode(error), as: UTF8.self),
                       #"{"code":"duplicate-person","field":"cpr","message":"is registered under another candidate id"}"#)
        XCTAssertFalse((FieldError.Code.body + FieldError.Code.fields + FieldError.Code.domain).contains(duplicatePerson))
    }
}
