import Domain
import Foundation
import XCTest

/// Keeps the compiled-in municipality table equal to `shared/data/municipalities.csv`.
final class MunicipalityTableTests: XCTestCase {
    /// `<repo>/../shared/data/municipalities.csv`, the repository root being two folders above this file's folder.
    private static let csvURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DomainTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("../shared/data/municipalities.csv")
        .standardizedFileURL

    func testTableMatchesCSV() throws {
        guard let csv = try? String(contentsOf: Self.csvURL, encoding: .utf8) else {
            let problem = "\(Self.csvURL.path) not found"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                return XCTFail("\(problem): CI must check the municipality table against its source")
            }
            throw XCTSkip(problem)
        }
        let lines = csv.split(whereSeparator: \.isNewline)
        XCTAssertEqual(lines.first, "code;name;region")
        let expected = lines.dropFirst().map(String.init)
        let actual = Municipalities.denmark.all.map { "\($0.code);\($0.name);\($0.region.rawValue)" }
        XCTAssertEqual(actual, expected)
    }
}
