import Chronology
import Contracts
import Domain
import Matching
import XCTest

/// Each weighted criterion, the score, the order and its tie-break.
final class CriteriaAndRankingTests: XCTestCase {
    private let today = Fixtures.today
    private let weights = MatchingWeights()

    private func criterion(_ name: String, _ candidate: Candidate, _ opening: MatchOpening = Fixtures.opening()) -> CriterionScore {
        Criteria.score(candidate, for: opening, today: today, weights: weights).first { $0.criterion == name }!
    }

    func testTasksIsTheShareOfTheOpeningsTasksThePersonLists() {
        XCTAssertEqual(criterion("tasks", Fixtures.candidate()).score, 50, "opvask of opvask and anrette")
        XCTAssertEqual(criterion("tasks", Fixtures.candidate("c", ["tasks": ["Opvask", "Anrette / fjerne frokost"]])).score, 100)
        XCTAssertEqual(criterion("tasks", Fixtures.candidate("c", ["tasks": []])).score, 0)
        XCTAssertTrue(criterion("tasks", Fixtures.candidate()).explanation.contains("1 of the opening's 2"))
    }

    func testCategoryPreferenceFallsTwentyAPlace() {
        XCTAssertEqual(criterion("category-preference", Fixtures.candidate()).score, 100)
        XCTAssertEqual(criterion("category-preference", Fixtures.candidate("c", ["categories": ["shop", "other", "kitchen-cleaning"]])).score, 60)
    }

    func testHoursFitIsBestInTheMiddle() {
        XCTAssertEqual(criterion("hours-fit", Fixtures.candidate("c", ["hoursPerWeek": ["min": 5, "max": 10]])).score, 100)
        XCTAssertEqual(criterion("hours-fit", Fixtures.candidate("c", ["hoursPerWeek": ["min": 7.5, "max": 15]])).score, 50)
        XCTAssertEqual(criterion("hours-fit", Fixtures.candidate("c", ["hoursPerWeek": ["min": 7.5, "max": 7.5]])).score, 100)
        XCTAssertEqual(criterion("hours-fit", Fixtures.candidate("c", ["hoursPerWeek": ["min": 5, "max": 15]])).score, 75)
    }

    func testHomeMunicipality() {
        XCTAssertEqual(criterion("home-municipality", Fixtures.candidate()).score, 100)
        XCTAssertEqual(criterion("home-municipality", Fixtures.candidate(), Fixtures.opening(municipality: "766")).score, 0)
    }

    func testTimeOutOfWorkReachesFullAtThreeYears() {
        XCTAssertEqual(criterion("time-out-of-work", Fixtures.candidate("c", ["unemployedSince": "2023-12-04"])).score, 100)
        XCTAssertEqual(criterion("time-out-of-work", Fixtures.candidate("c", ["unemployedSince": "2025-12-05"])).score, 30, "11 whole months")
        XCTAssertEqual(criterion("time-out-of-work", Fixtures.candidate("c", ["unemployedSince": "2026-12-04"])).score, 0)
    }

    func testTheScoreIsTheWeightedMeanAndTheWeightsAreConfigurable() throws {
        let candidate = Fixtures.candidate()  // tasks 50, category 100, hours 75, home 100, 30 months → 83
        let scored = Ranking.score(candidate, for: Fixtures.opening(), today: today, weights: weights)
        XCTAssertEqual(scored.criteria.map(\.score), [50, 100, 75, 100, 83])
        XCTAssertEqual(scored.weightedSum, 35 * 50 + 20 * 100 + 15 * 75 + 10 * 100 + 20 * 83)
        XCTAssertEqual(scored.score, 75)
        let onlyTasks = try MatchingWeights(parsing: "tasks=1,category-preference=0,hours-fit=0,home-municipality=0,time-out-of-work=0")
        XCTAssertEqual(Ranking.score(candidate, for: Fixtures.opening(), today: today, weights: onlyTasks).score, 50)
        XCTAssertTrue(onlyTasks.model.hasPrefix("matching-1 tasks=1,"))
        XCTAssertThrowsError(try MatchingWeights(parsing: "age=10"))
    }

    func testRankingOrderAndTieBreak() {
        let best = Fixtures.candidate("z-best", ["tasks": ["Opvask", "Anrette / fjerne frokost"]])
        let longest = Fixtures.candidate("y", ["unemployedSince": "2024-06-01"])
        let tieA = Fixtures.candidate("b", ["unemployedSince": "2024-06-02"])
        let tieB = Fixtures.candidate("a", ["unemployedSince": "2024-06-02"])
        let unfit = Fixtures.candidate("unfit", ["categories": ["shop"]])
        let proposals = Ranking.propose([tieA, unfit, longest, tieB, best], for: Fixtures.opening(), today: today, weights: weights, top: 5).proposals
        XCTAssertEqual(proposals.map(\.candidateId), ["z-best", "y", "a", "b"],
                       "higher score first; equal scores: out of work longest first, then the smaller id")
        XCTAssertEqual(proposals.map(\.rank), [1, 2, 3, 4])
        XCTAssertEqual(Ranking.propose([tieA, unfit, longest, tieB, best], for: Fixtures.opening(), today: today, weights: weights, top: 2).proposals.map(\.candidateId),
                       ["z-best", "y"], "top N")
        XCTAssertEqual(proposals, Ranking.propose([best, tieB, longest, unfit, tieA], for: Fixtures.opening(), today: today, weights: weights, top: 5).proposals,
                       "the order of input does not matter")
    }

    /// Age and sex are in the CPR number; changing only its date and its sex digit changes nothing.
    func testProtectedAttributesDoNotChangeProposals() {
        let cprs = ["150385-1234", "020799-4567", "311200-4003", "010150-1111", "2902881235"]
        let openings = [Fixtures.opening(), Fixtures.opening(municipality: "766", tasks: ["Rengøring"], hours: 120)]
        var results: [[[ProposalPayload]]] = []
        for cpr in cprs {
            let people = [
                Fixtures.profile(["candidateId": "p1", "cpr": cpr]).candidate(),
                Fixtures.profile(["candidateId": "p2", "cpr": "010203-1234", "unemployedSince": "2025-01-01"]).candidate(),
                Fixtures.profile(["candidateId": "p3", "cpr": "050607-0008", "tasks": ["Rengøring"]]).candidate(),
            ]
            results.append(openings.map { Ranking.propose(people, for: $0, today: today, weights: weights, top: 5).proposals })
        }
        XCTAssertTrue(results.allSatisfy { $0 == results[0] }, "identical proposals whatever the CPR number")
        XCTAssertFalse(results[0][0].isEmpty)
    }

    func testExplainSaysRuleByRule() {
        let opening = Fixtures.opening()
        let unfit = Fixtures.candidate("u", ["categories": ["shop"]])
        let explanation = MatchExplanation(candidate: unfit, opening: opening, proposals: [], today: today, weights: weights)
        XCTAssertFalse(explanation.proposed)
        XCTAssertNil(explanation.rank)
        XCTAssertEqual(explanation.rules.filter { !$0.passed }.map(\.rule), ["category"])
        XCTAssertEqual(explanation.criteria.count, 5)
    }
}
