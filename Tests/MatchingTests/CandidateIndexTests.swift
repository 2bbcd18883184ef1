import Chronology
import Domain
import Matching
import XCTest

/// The replica's in-memory candidates and how they follow the table's changes, without a database.
final class CandidateIndexTests: XCTestCase {
    private let today = Fixtures.today
    private let weights = MatchingWeights()

    private func people(_ count: Int) -> [Candidate] {
        let municipalities = [["615"], ["615", "766"], ["766"], ["751", "615"]]
        let categories = [["kitchen-cleaning"], ["shop", "kitchen-cleaning"], ["shop"]]
        return (0..<count).map { i in
            Fixtures.candidate("p-\(i)", [
                "categories": categories[i % categories.count], "workMunicipalities": municipalities[(i / 3) % municipalities.count],
                "homeMunicipality": municipalities[(i / 3) % municipalities.count][0],
                "hoursPerWeek": ["min": 5 + i % 4, "max": 10 + i % 6],
                "unemployedSince": today.advanced(by: -17 * (i % 29) - 200).description,
            ])
        }
    }

    private func row(_ candidate: Candidate, active: Bool = true, by transaction: UInt64) -> CandidateChanges.Row {
        CandidateChanges.Row(candidate: candidate, active: active, transaction: transaction)
    }

    func testABucketHoldsExactlyThoseWhoWantTheCategoryAndCanGetThere() {
        var index = CandidateIndex()
        let everyone = people(60)
        everyone.forEach { index.file($0) }
        for category in [JobCategory.kitchenCleaning, .shop] {
            for municipality in ["615", "766", "751", "101"] {
                let expected = everyone.filter { $0.categories.contains(category) && $0.workMunicipalities.contains(municipality) }
                XCTAssertEqual(
                    Set(index.candidates(wanting: category, in: municipality).map(\.candidateId)),
                    Set(expected.map(\.candidateId)), "\(category) in \(municipality)")
            }
        }
    }

    func testRefilingMovesAPersonAndRemovingFreesTheSlot() {
        var index = CandidateIndex()
        var person = Fixtures.candidate("moving", ["categories": ["shop"], "workMunicipalities": ["615"]])
        index.file(person)
        person.workMunicipalities = ["766"]
        index.file(person)
        XCTAssertTrue(index.candidates(wanting: .shop, in: "615").isEmpty)
        XCTAssertEqual(index.candidates(wanting: .shop, in: "766").map(\.candidateId), ["moving"])
        index.remove("moving")
        XCTAssertEqual(index.count, 0)
        XCTAssertTrue(index.candidates(wanting: .shop, in: "766").isEmpty)
        index.file(Fixtures.candidate("next", ["categories": ["shop"], "workMunicipalities": ["766"]]))
        XCTAssertEqual(index.candidates(wanting: .shop, in: "766").map(\.candidateId), ["next"])
    }

    /// Ranking the bucket gives the proposals of ranking everyone: the hard rules see no one the
    /// bucket leaves out.
    func testProposalsFromTheIndexAreThoseFromEveryone() {
        var index = CandidateIndex()
        let everyone = people(200)
        everyone.forEach { index.file($0) }
        for municipality in ["615", "766", "751"] {
            let opening = Fixtures.opening(municipality: municipality)
            XCTAssertEqual(
                Ranking.propose(index.candidates(wanting: opening.category, in: opening.municipality),
                                for: opening, today: today, weights: weights, top: 5),
                Ranking.propose(everyone, for: opening, today: today, weights: weights, top: 5), municipality)
        }
    }

    func testRowsBelowTheHorizonAreFiledAndTheOthersStayPendingUntilFinal() {
        var state = CandidateIndexState()
        let (a, b) = (people(2)[0], people(2)[1])
        XCTAssertEqual(state.apply(CandidateChanges(rows: [row(a, by: 10), row(b, by: 30)], horizon: 20, emptied: 0)), .inStep)
        XCTAssertEqual(state.horizon, 20)
        XCTAssertEqual(state.index.count, 1, "b's transaction may still roll back")
        XCTAssertEqual(Set(state.candidates(wanting: .kitchenCleaning, in: "615").map(\.candidateId)), [a.candidateId, b.candidateId])
        // b's transaction rolled back: the next read from 20 no longer returns its row.
        _ = state.apply(CandidateChanges(rows: [], horizon: 40, emptied: 0))
        XCTAssertEqual(state.candidates(wanting: .kitchenCleaning, in: "615").map(\.candidateId), [a.candidateId])
    }

    func testAPendingRowHidesTheFiledOneAndAWithdrawalRemoves() {
        var state = CandidateIndexState()
        var a = people(1)[0]
        _ = state.apply(CandidateChanges(rows: [row(a, by: 5)], horizon: 10, emptied: 0))
        a.workMunicipalities = ["766"]
        _ = state.apply(CandidateChanges(rows: [row(a, by: 12)], horizon: 12, emptied: 0))
        XCTAssertEqual(state.candidates(wanting: .kitchenCleaning, in: "615").map(\.workMunicipalities), [["766"]],
                       "the pending row stands for a, wherever it is filed")
        _ = state.apply(CandidateChanges(rows: [row(a, active: false, by: 12)], horizon: 13, emptied: 0))
        XCTAssertEqual(state.index.count, 0)
        XCTAssertTrue(state.candidates(wanting: .kitchenCleaning, in: "766").isEmpty)
    }

    func testAnEmptiedTableStartsTheIndexOver() {
        var state = CandidateIndexState()
        _ = state.apply(CandidateChanges(rows: people(3).map { row($0, by: 1) }, horizon: 10, emptied: 0))
        XCTAssertEqual(state.apply(CandidateChanges(rows: [], horizon: 20, emptied: 1)), .startOver)
        XCTAssertEqual(state.horizon, 0)
        XCTAssertEqual(state.index.count, 0)
        XCTAssertEqual(state.apply(CandidateChanges(rows: [], horizon: 20, emptied: 1)), .inStep)
    }
}
