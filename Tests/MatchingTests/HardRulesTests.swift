import Chronology
import Domain
import Matching
import XCTest

/// Each hard rule, alone: a person failing it is not proposed, and the explanation says which.
final class HardRulesTests: XCTestCase {
    private let today = Fixtures.today

    private func failing(_ candidate: Candidate, _ opening: MatchOpening) -> [String] {
        HardRules.evaluate(candidate, for: opening, today: today).filter { !$0.passed }.map(\.rule)
    }

    func testAFittingPersonPassesEveryRule() {
        let candidate = Fixtures.candidate()
        let opening = Fixtures.opening()
        XCTAssertEqual(failing(candidate, opening), [])
        XCTAssertTrue(HardRules.allPass(candidate, for: opening, today: today))
        XCTAssertEqual(HardRules.evaluate(candidate, for: opening, today: today).map(\.rule),
                       ["category", "municipality", "hours", "job-type", "available", "free-slot", "opening-open"])
    }

    func testEachRuleAlone() {
        let candidate = Fixtures.candidate()
        let cases: [(String, Candidate, MatchOpening)] = [
            ("category", candidate, Fixtures.opening(category: .officeReception)),
            ("municipality", candidate, Fixtures.opening(municipality: "101")),
            ("hours", candidate, Fixtures.opening(hours: 200)),
            ("hours", candidate, Fixtures.opening(hours: 40)),
            ("job-type", candidate, Fixtures.opening(jobType: .fleksjob)),
            ("available", Fixtures.candidate("c-1", ["availableFrom": "2026-12-19"]), Fixtures.opening()),
            ("free-slot", { var c = candidate; c.activePlacements = 1; return c }(), Fixtures.opening()),
            ("opening-open", candidate, Fixtures.opening(positions: 2, filled: 2)),
            ("opening-open", candidate, Fixtures.opening(withdrawn: true)),
        ]
        for (rule, candidate, opening) in cases {
            XCTAssertEqual(failing(candidate, opening), [rule])
            XCTAssertFalse(HardRules.allPass(candidate, for: opening, today: today), rule)
            XCTAssertEqual(Ranking.propose([candidate], for: opening, today: today, weights: .init(), top: 5).proposals, [], rule)
        }
    }

    func testAvailableWithinFourteenDaysAndTheBoundaries() {
        XCTAssertEqual(failing(Fixtures.candidate("c", ["availableFrom": "2026-12-18"]), Fixtures.opening()), [], "exactly 14 days")
        XCTAssertEqual(failing(Fixtures.candidate("c", ["hoursPerWeek": ["min": 7.5, "max": 7.5]]), Fixtures.opening()), [], "hours at both ends")
        var twoJobs = Fixtures.candidate("c", ["maxJobs": 2])
        twoJobs.activePlacements = 1
        XCTAssertEqual(failing(twoJobs, Fixtures.opening()), [], "a second slot")
    }
}
