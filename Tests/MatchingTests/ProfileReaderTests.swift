import BodyReading
import Chronology
import Domain
import Matching
import XCTest

/// `candidate.profiled` is read as strictly as a sheet: every field rule, every error reported, the
/// CPR number never echoed.
final class ProfileReaderTests: XCTestCase {
    private func errors(_ overrides: [String: Any]) -> [FieldError] {
        switch ProfileReader.read(Fixtures.body(Fixtures.profileFields(overrides)), readAt: Fixtures.now) {
        case .success: return []
        case .failure(let rejection): return rejection.errors
        }
    }

    private func codes(_ overrides: [String: Any]) -> [String: String] {
        Dictionary(errors(overrides).map { ($0.field, $0.code.rawValue) }) { first, _ in first }
    }

    /// Issue 18: a date out of its range is refused before it reaches the database (year 0 was SQLSTATE 22008).
    func testDatesOutOfTheirRangeAreTooEarlyOrTooLate() {
        XCTAssertEqual(codes(["unemployedSince": "0000-01-01"]), ["unemployedSince": "too-early"])
        XCTAssertEqual(codes(["unemployedSince": "1899-12-31", "availableFrom": "2101-01-01", "submittedAt": "1999-12-31T23:59:59Z"]),
                       ["unemployedSince": "too-early", "availableFrom": "too-late", "submittedAt": "too-early"])
        XCTAssertEqual(codes(["submittedAt": "2026-12-05T12:00:01+01:00"]), ["submittedAt": "too-late"], "more than a day after reading")
        XCTAssertEqual(codes(["unemployedSince": "1900-01-01", "submittedAt": "2026-12-05T12:00:00+01:00"]), [:])
    }

    func testAValidProfileIsNormalisedWithDefaults() throws {
        let profile = Fixtures.profile()
        XCTAssertEqual(profile.candidateId, "c-1")
        XCTAssertEqual(profile.revision, 1)
        XCTAssertEqual(profile.jobcenter.code, "615")
        XCTAssertEqual(profile.workMunicipalities.map(\.code), ["615", "766"])
        XCTAssertEqual(profile.categories, [.kitchenCleaning, .shop])
        XCTAssertEqual(profile.tasks, [.known(code: "opvask"), JobTask.normalise("Rengøring")])
        XCTAssertEqual(profile.hours.min.tenths, 50)
        XCTAssertEqual(profile.jobTypes, [.smajob])
        XCTAssertEqual(profile.maxJobs, 1)
        XCTAssertEqual(profile.availableFrom, Fixtures.today, "available from the day it arrives")
        XCTAssertEqual(profile.cpr.digits, "1503851234")
    }

    func testWorkMunicipalitiesDefaultToHome() {
        XCTAssertEqual(Fixtures.profile(["workMunicipalities": NSNull()]).workMunicipalities.map(\.code), ["615"])
    }

    func testEveryFieldRule() {
        XCTAssertEqual(codes(["candidateId": NSNull()])["candidateId"], "required")
        XCTAssertEqual(codes(["candidateId": String(repeating: "x", count: 65)])["candidateId"], "too-long")
        XCTAssertEqual(codes(["revision": 0])["revision"], "out-of-range")
        XCTAssertEqual(codes(["jobcenter": "Atlantis"])["jobcenter"], "unknown-municipality")
        XCTAssertEqual(codes(["cpr": NSNull()])["cpr"], "required")
        XCTAssertEqual(codes(["cpr": "310285-1234"])["cpr"], "invalid-cpr", "31 February")
        XCTAssertEqual(codes(["cpr": "150385 1234"])["cpr"], "invalid-cpr")
        XCTAssertEqual(codes(["cpr": "15038512345"])["cpr"], "invalid-cpr")
        XCTAssertEqual(codes(["homeMunicipality": "Gotham"])["homeMunicipality"], "unknown-municipality")
        XCTAssertEqual(codes(["workMunicipalities": ["615", "Gotham"]])["workMunicipalities[1]"], "unknown-municipality")
        XCTAssertEqual(codes(["categories": []])["categories"], "too-short")
        XCTAssertEqual(codes(["categories": Array(repeating: "shop", count: 7)])["categories"], "too-long")
        XCTAssertEqual(codes(["categories": ["Rumfart"]])["categories[0]"], "unknown-category")
        XCTAssertEqual(codes(["tasks": Array(repeating: "Opvask", count: 31)])["tasks"], "too-long")
        XCTAssertEqual(codes(["hoursPerWeek": ["min": 0, "max": 10]])["hoursPerWeek.min"], "out-of-range")
        XCTAssertEqual(codes(["hoursPerWeek": ["min": 5, "max": 38]])["hoursPerWeek.max"], "out-of-range")
        XCTAssertEqual(codes(["hoursPerWeek": ["min": 5.25, "max": 10]])["hoursPerWeek.min"], "too-precise")
        XCTAssertEqual(codes(["hoursPerWeek": ["min": 12, "max": 10]])["hoursPerWeek.min"], "min-above-max")
        XCTAssertEqual(codes(["hoursPerWeek": 10])["hoursPerWeek"], "wrong-type")
        XCTAssertEqual(codes(["jobTypes": ["deltid"]])["jobTypes[0]"], "unknown-job-type")
        XCTAssertEqual(codes(["maxJobs": 4])["maxJobs"], "out-of-range")
        XCTAssertEqual(codes(["unemployedSince": "2026-12-05"])["unemployedSince"], "in-the-future")
        XCTAssertEqual(codes(["unemployedSince": "2024-02-30"])["unemployedSince"], "invalid-date")
        XCTAssertEqual(codes(["availableFrom": "soon"])["availableFrom"], "invalid-date")
        XCTAssertEqual(codes(["note": String(repeating: "n", count: 2001)])["note"], "too-long")
        XCTAssertEqual(codes(["submittedAt": "yesterday"])["submittedAt"], "invalid-timestamp")
    }

    func testEveryErrorIsReportedAtOnce() {
        let found = codes(["jobcenter": "Atlantis", "cpr": "999999-9999", "categories": [], "maxJobs": 9])
        XCTAssertEqual(Set(found.keys), ["jobcenter", "cpr", "categories", "maxJobs"])
    }

    /// Neither the message nor the reason of an invalid CPR holds any of its digits.
    func testTheCPRIsNeverEchoed() {
        for cpr in ["310285-1234", "3102851234", "15038-51234", "150385-12a4", "1503851234567"] {
            let found = errors(["cpr": cpr])
            let error = found.first { $0.field == "cpr" }
            XCTAssertEqual(error?.code.rawValue, "invalid-cpr", cpr)
            let text = found.map { "\($0.field) \($0.message) \($0.code.rawValue)" }.joined()
            XCTAssertFalse(text.contains(where: \.isNumber), "no digit at all in \(text)")
        }
    }

    func testWithdrawalNeedsIdAndReason() {
        guard case .failure(let rejection) = ProfileReader.readWithdrawal(Array(#"{"candidateId": "c-1"}"#.utf8)) else {
            return XCTFail("accepted without a reason")
        }
        XCTAssertEqual(rejection.errors.map(\.field), ["reason"])
        XCTAssertEqual(rejection.subject, "c-1")
    }
}
