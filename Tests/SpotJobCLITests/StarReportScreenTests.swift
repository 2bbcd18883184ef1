@testable import Matching
@testable import SpotJobCLI
import Domain
import XCTest

/// `spotjob report star --output FILE` shows the rows it wrote with CPR numbers masked.
final class StarReportScreenTests: XCTestCase {
    func testTheScreenShowsCPRNumbersMaskedAndTheFileWhole() throws {
        let row = StarReport.Row(cpr: try CPR("150385-1234"), cvr: "29403473", startDate: "2026-12-04", jobcenter: "615")
        XCTAssertEqual(ReportCommand.Star.screenRows([row]), [["150385-****", "29403473", "2026-12-04", "615"]])
        XCTAssertEqual(row.line, "150385-1234;29403473;2026-12-04;615")
    }
}
