import BodyReading
import Chronology
import Foundation
import JSON
import XCTest

/// The codes every body can get, and the ranges dates and timestamps are held to, are the ones
/// `docs/messages.md` documents.
final class DateBoundsDocumentationTests: XCTestCase {
    /// The rows of the table under "## Dates and times", by their first cell: the other cells, backticks removed.
    private var rows: [String: [String]] {
        let text = MessagesDocument.text
        guard let start = text.range(of: "\n## Dates and times\n") else { return [:] }
        let end = text.range(of: "\n## ", range: start.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        var rows: [String: [String]] = [:]
        for line in text[start.upperBound..<end].split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "`", with: "") }
            rows[cells[0]] = Array(cells.dropFirst())
        }
        return rows
    }

    func testEveryCodeOfEveryBodyIsDocumented() {
        for code in FieldError.Code.body + FieldError.Code.fields + FieldError.Code.domain {
            XCTAssertTrue(MessagesDocument.text.contains("`\(code.rawValue)`"), "docs/messages.md does not document \(code)")
        }
    }

    func testEveryRangeIsDocumentedWithItsBounds() throws {
        let happened = try XCTUnwrap(rows["something that happened"])
        XCTAssertEqual(RFC3339.date(from: happened[0]), DateBounds.earliestInstant)
        XCTAssertEqual(happened[1], "one day after now")
        XCTAssertEqual(DateBounds.clockSkew, 86_400)

        let business = try XCTUnwrap(rows["a day of business"])
        XCTAssertEqual(CivilDate(business[0]), DateBounds.businessDays.lowerBound)
        XCTAssertEqual(CivilDate(business[1]), DateBounds.businessDays.upperBound)

        let unemployment = try XCTUnwrap(rows["when unemployment began"])
        XCTAssertEqual(CivilDate(unemployment[0]), DateBounds.unemploymentDays.lowerBound)
        XCTAssertTrue(unemployment[1].hasPrefix(DateBounds.unemploymentDays.upperBound.description), unemployment[1])
    }
}
