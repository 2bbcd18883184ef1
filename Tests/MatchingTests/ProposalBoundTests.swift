import Chronology
import Contracts
import Domain
import Matching
import XCTest

/// The bound that spares re-ranking an opening for a person who cannot enter its proposals.
final class ProposalBoundTests: XCTestCase {
    private let today = Fixtures.today
    private let weights = MatchingWeights()

    /// People who all pass the hard rules for ``Fixtures/opening``, with spread scores and ties.
    private func people(_ count: Int, prefix: String) -> [Candidate] {
        let tasks = [["Opvask"], ["Opvask", "Anrette / fjerne frokost"], [], ["Rengøring"]]
        let categories = [["kitchen-cleaning"], ["shop", "kitchen-cleaning"], ["shop", "other", "kitchen-cleaning"]]
        return (0..<count).map { i in
            Fixtures.candidate("\(prefix)-\(i)", [
                "tasks": tasks[i % tasks.count], "categories": categories[(i / 4) % categories.count],
                "homeMunicipality": i % 5 == 0 ? "766" : "615", "workMunicipalities": ["615", "766"],
                "hoursPerWeek": ["min": 5 + i % 3, "max": 10 + i % 5],
                "unemployedSince": today.advanced(by: -30 * (i % 13) - 300).description,
            ])
        }
    }

    func testAPersonTheBoundRefusesNeverChangesTheProposals() {
        let opening = Fixtures.opening()
        let stored = people(40, prefix: "s")
        for top in [1, 3, 5] {
            let before = Ranking.propose(stored, for: opening, today: today, weights: weights, top: top)
            var refused = 0
            for newcomer in people(40, prefix: "n") {
                let after = Ranking.propose(stored + [newcomer], for: opening, today: today, weights: weights, top: top)
                let admitted = before.bound.admits(newcomer, to: opening, today: today, weights: weights, top: top)
                XCTAssertEqual(admitted, after.proposals != before.proposals, "\(newcomer.candidateId), top \(top)")
                if !admitted { refused += 1 }
            }
            XCTAssertGreaterThan(refused, 0, "top \(top): some newcomers rank below the last proposal")
        }
    }

    func testTheBoundKeepsTheLastProposalsPosition() {
        let proposed = Ranking.propose(people(10, prefix: "p"), for: Fixtures.opening(), today: today, weights: weights, top: 3)
        XCTAssertEqual(proposed.bound.count, 3)
        XCTAssertEqual(proposed.bound.last?.candidateId, proposed.proposals.last?.candidateId)
        XCTAssertEqual(proposed.bound.day, today)
        XCTAssertEqual(proposed.bound.model, weights.model)
    }

    func testWhileFewerThanNAreProposedEveryoneWhoPassesEnters() {
        let opening = Fixtures.opening()
        let proposed = Ranking.propose(people(2, prefix: "p"), for: opening, today: today, weights: weights, top: 5)
        XCTAssertEqual(proposed.bound.count, 2)
        let weakest = Fixtures.candidate("w", ["tasks": [], "categories": ["shop", "other", "office-reception", "kitchen-cleaning"]])
        XCTAssertTrue(proposed.bound.admits(weakest, to: opening, today: today, weights: weights, top: 5))
        let unfit = Fixtures.candidate("u", ["categories": ["shop"]])
        XCTAssertFalse(proposed.bound.admits(unfit, to: opening, today: today, weights: weights, top: 5), "fails a hard rule")
    }

    func testABoundOfAnotherDayModelOrNDecidesNothing() throws {
        let opening = Fixtures.opening()
        let bound = Ranking.propose(people(20, prefix: "p"), for: opening, today: today, weights: weights, top: 2).bound
        let last = people(20, prefix: "p").first { $0.candidateId == bound.last?.candidateId }!
        var justAfter = last
        justAfter.candidateId = last.candidateId + "z"  // the same score and time out of work: ranks just after the last
        XCTAssertFalse(bound.admits(justAfter, to: opening, today: today, weights: weights, top: 2))
        XCTAssertTrue(bound.admits(justAfter, to: opening, today: today.advanced(by: 1), weights: weights, top: 2))
        XCTAssertTrue(bound.admits(justAfter, to: opening, today: today, weights: try MatchingWeights(parsing: "tasks=50"), top: 2))
        XCTAssertTrue(bound.admits(justAfter, to: opening, today: today, weights: weights, top: 3))
    }
}
