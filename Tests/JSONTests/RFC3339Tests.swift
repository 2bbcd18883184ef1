@testable import JSON
import XCTest

final class RFC3339Tests: XCTestCase {
    func testReadsOffsetsAndFractions() {
        let cases: [(String, TimeInterval)] = [
            ("1970-01-01T00:00:00Z", 0),
            ("2017-05-15T12:20:00Z", 1_494_850_800),
            ("2017-05-15T14:20:00+02:00", 1_494_850_800),
            ("2017-05-15T07:50:00-04:30", 1_494_850_800),
            ("2017-05-15T12:20:00.5Z", 1_494_850_800.5),
            ("2016-02-29T00:00:00Z", 1_456_704_000),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("1969-12-31T23:59:59Z", -1),
        ]
        for (text, seconds) in cases {
            XCTAssertEqual(RFC3339.date(from: text)?.timeIntervalSince1970 ?? .nan, seconds, accuracy: 0.000_001, text)
        }
    }

    func testRejectsWhatIsNotAnRFC3339DateTime() {
        let cases = [
            "", "2017-05-15", "2017-05-15T14:20:00", "2017-05-15T14:20Z", "2017-05-15 14:20:00Z", "2017-5-15T14:20:00Z",
            "2017-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2017-04-31T00:00:00Z", "2017-13-01T00:00:00Z",
            "2017-00-01T00:00:00Z", "2017-05-00T00:00:00Z", "2017-05-15T24:00:00Z", "2017-05-15T12:60:00Z",
            "2017-05-15T12:00:61Z", "2017-05-15T12:00:00.Z", "2017-05-15T12:00:00+0200", "2017-05-15T12:00:00+24:00",
            "2017-05-15T12:00:00Z ", " 2017-05-15T12:00:00Z", "2017-05-15T12:00:00ZZ",
        ]
        for text in cases {
            XCTAssertNil(RFC3339.date(from: text), text)
        }
    }
}
