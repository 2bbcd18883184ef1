import Domain
import Foundation
import XCTest

/// Keeps the compiled-in municipality table equal to `shared/data/municipalities.csv`, through the
/// repository's copy (`Tests/Fixtures/municipalities.csv`), so the check runs in any clone; where
/// `shared/` lies beside the repository, the copy is checked against it too.
final class MunicipalityTableTests: XCTestCase {
    /// The repository root, two folders above this file's folder.
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DomainTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
    private static let copyURL = repositoryRoot.appendingPathComponent("Tests/Fixtures/municipalities.csv")
    private static let sourceURL = repositoryRoot.appendingPathComponent("../shared/data/municipalities.csv").standardizedFileURL

    func testTableMatchesCSV() throws {
        let csv = try String(contentsOf: Self.copyURL, encoding: .utf8)
        let lines = csv.split(whereSeparator: \.isNewline)
        XCTAssertEqual(lines.first, "code;name;region")
        let expected = lines.dropFirst().map(String.init)
        let actual = Municipalities.denmark.all.map { "\($0.code);\($0.name);\($0.region.rawValue)" }
        XCTAssertEqual(actual, expected)
    }

    func testTheCopyIsTheSharedSource() throws {
        guard let source = try? String(contentsOf: Self.sourceURL, encoding: .utf8) else {
            let problem = "\(Self.sourceURL.path) not found"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                return XCTFail("\(problem): CI must check the copy against its source")
            }
            throw XCTSkip(problem)
        }
        XCTAssertEqual(try String(contentsOf: Self.copyURL, encoding: .utf8), source)
    }
}
