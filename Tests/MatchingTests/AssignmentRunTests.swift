import Chronology
import Domain
import Matching
import XCTest

/// The optimal assignment over feasible pairs: exact, within capacities, better than greedy.
final class AssignmentRunTests: XCTestCase {
    func testTheAssignmentBeatsGreedyAndRespectsCapacities() throws {
        let today = Fixtures.today
        // Opening A: everyone fits; opening B: only "flex" fits (by category). Greedy would give A
        // its best person, flex, and leave B empty.
        let a = Fixtures.opening(id: "00000000-0000-0000-0000-00000000000a")
        let b = Fixtures.opening(id: "00000000-0000-0000-0000-00000000000b", category: .shop, tasks: ["Kasse"])
        let flex = Fixtures.candidate("flex", ["tasks": ["Opvask", "Anrette / fjerne frokost"], "categories": ["kitchen-cleaning", "shop"]])
        let other = Fixtures.candidate("other", ["categories": ["kitchen-cleaning"]])
        let built = AssignmentRun.build(openings: [a, b], candidates: [flex, other], today: today, weights: .init())
        let pairs = try AssignmentRun.solve(built)
        XCTAssertEqual(Set(pairs.map { "\($0.opening.openingId.suffix(1))-\($0.candidate.candidateId)" }), ["a-other", "b-flex"])
        XCTAssertEqual(Ranking.propose([flex, other], for: a, today: today, weights: .init(), top: 1).proposals.first?.candidateId, "flex", "greedy's pick for A")

        let twoSlots = Fixtures.candidate("two", ["maxJobs": 2, "categories": ["kitchen-cleaning", "shop"]])
        let capacity = try AssignmentRun.solve(AssignmentRun.build(openings: [a, b], candidates: [twoSlots], today: today, weights: .init()))
        XCTAssertEqual(capacity.count, 2, "a person with two free slots takes both openings")
        let full = try AssignmentRun.solve(AssignmentRun.build(openings: [Fixtures.opening(positions: 1, filled: 1)], candidates: [other], today: today, weights: .init()))
        XCTAssertTrue(full.isEmpty, "no open position")
    }
}
