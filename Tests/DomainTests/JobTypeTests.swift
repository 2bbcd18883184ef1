import Domain
import XCTest

final class JobTypeTests: XCTestCase {
    func testAcceptsCodes() {
        for jobType in JobType.allCases {
            XCTAssertEqual(JobType(label: jobType.rawValue), jobType)
        }
    }

    func testAcceptsDanishSpellings() {
        XCTAssertEqual(JobType(label: "Småjob"), .smajob)
        XCTAssertEqual(JobType(label: "Løntilskud"), .loentilskud)
        XCTAssertEqual(JobType(label: "ORDINÆR"), .ordinaer)
        for jobType in JobType.allCases {
            XCTAssertEqual(JobType(label: jobType.danishLabel), jobType)
        }
    }

    func testRejectsUnknown() {
        XCTAssertNil(JobType(label: "deltid"))
        XCTAssertNil(JobType(label: ""))
    }
}
