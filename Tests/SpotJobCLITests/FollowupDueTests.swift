@testable import SpotJobCLI
import XCTest

/// `spotjob followup due --placement P`: the check-ins of the placements named.
final class FollowupDueTests: XCTestCase {
    func testPlacementsAreRepeatable() throws {
        XCTAssertEqual(try FollowupCommand.Due.parse(["--placement", "demo-1", "--placement", "demo-2"]).placement, ["demo-1", "demo-2"])
        XCTAssertEqual(try FollowupCommand.Due.parse([]).placement, [])
    }
}
