import BodyReading
import Matching
import XCTest

/// `placement.reported` and `placement.end-reported` are read as strictly as a profile.
final class PlacementReaderTests: XCTestCase {
    private func codes(_ result: Result<some Any, Rejection>) -> [String] {
        guard case .failure(let rejection) = result else { return [] }
        return rejection.errors.map { "\($0.field) \($0.code)" }
    }

    private func report(startDate: String) -> [UInt8] {
        Array("""
            {"placementId": "p-1", "candidateId": "c-1", "openingId": "0B6F0C4E-3F4F-4A55-9F0E-6A1F3F1F2C11",
             "startDate": "\(startDate)", "hoursPerWeek": 7.5}
            """.utf8)
    }

    /// Issue 18: a start in year 0 of an active candidate on an open opening reached the target-group
    /// rule, whose "one year earlier" force-unwraps a date in year -1, which does not exist; dates are
    /// held to 2000–2100.
    func testDatesOutOfTheirRangeAreRefused() {
        XCTAssertEqual(codes(PlacementReader.read(report(startDate: "0000-03-01"))), ["startDate too-early"])
        XCTAssertEqual(codes(PlacementReader.read(report(startDate: "2101-01-01"))), ["startDate too-late"])
        XCTAssertEqual(codes(PlacementReader.read(report(startDate: "2000-01-01"))), [])
        XCTAssertEqual(codes(PlacementReader.readEnd(Array(#"{"placementId": "p-1", "endDate": "1999-12-31", "reason": "r"}"#.utf8))),
                       ["endDate too-early"])
    }
}
