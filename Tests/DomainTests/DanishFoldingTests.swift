@testable import Domain
import XCTest

final class DanishFoldingTests: XCTestCase {
    func testFoldsDanishLettersTheirTransliterationsAndBareLetters() {
        XCTAssertEqual(DanishFolding.key("Høje-Taastrup"), "hojetastrup")
        XCTAssertEqual(DanishFolding.key("hoeje taastrup"), "hojetastrup")
        XCTAssertEqual(DanishFolding.key("Hoje Tastrup"), "hojetastrup")
        XCTAssertEqual(DanishFolding.key("Århus"), DanishFolding.key("Aarhus"))
        XCTAssertEqual(DanishFolding.key("Ærø"), DanishFolding.key("AEROE"))
        XCTAssertEqual(DanishFolding.key("Café / Køkken"), "cafekokken")
    }

    /// The folding is lossy; these checks keep it from merging two entries of a lookup table.
    func testNoTwoMunicipalitiesShareAKey() {
        let keys = Municipalities.denmark.all.map { DanishFolding.key($0.name) }
        XCTAssertEqual(Set(keys).count, keys.count)
    }

    func testNoTwoKnownTasksShareAKey() {
        var owner: [String: String] = [:]
        for task in KnownJobTask.all {
            for key in Set(([task.code, task.danishLabel] + task.aliases).map(DanishFolding.key)) {
                XCTAssertNil(owner.updateValue(task.code, forKey: key), "\(key) of \(task.code)")
            }
        }
    }

    func testNoTwoCategoriesOrJobTypesShareAKey() {
        let categoryKeys = JobCategory.allCases.flatMap { [DanishFolding.key($0.rawValue), DanishFolding.key($0.danishLabel)] }
        XCTAssertEqual(Set(categoryKeys).count, categoryKeys.count)
        let jobTypeKeys = JobType.allCases.map { DanishFolding.key($0.rawValue) }
        XCTAssertEqual(Set(jobTypeKeys).count, jobTypeKeys.count)
    }
}
