import JSON
@testable import SpotJobCLI
import XCTest

/// `spotjob sheet submit sheets.csv`: CSV rows become the JSON sheets intake reads.
final class CSVSheetsTests: XCTestCase {
    func testSplitsQuotedFieldsWithSeparatorsQuotesAndNewlines() {
        let text = "a,b,c\n\"x, y\",\"say \"\"hej\"\"\",\"two\nlines\"\r\nplain,,end\n"
        XCTAssertEqual(CSVSheets.parse(text), [["a", "b", "c"], ["x, y", "say \"hej\"", "two\nlines"], ["plain", "", "end"]])
    }

    func testUsesSemicolonsWhenTheHeaderDoes() {
        XCTAssertEqual(CSVSheets.parse("sheetId;hoursPerWeek\ns-1;7,5\n"), [["sheetId", "hoursPerWeek"], ["s-1", "7,5"]])
    }

    func testBuildsNestedObjectsAndTypedValues() throws {
        let text = """
            sheetId;revision;company.cvr;company.name;hoursPerWeek;visitRequested;tasks;note
            s-1;2;25313763;Kantinen;7,5;ja;Opvask | Anrette frokost;
            """
        let objects = try CSVSheets.objects(from: text, file: "sheets.csv")
        XCTAssertEqual(objects.count, 1)
        let sheet = try XCTUnwrap(objects.first)
        XCTAssertEqual(sheet["sheetId"], .string("s-1"))
        XCTAssertEqual(sheet["revision"], .number(JSONNumber(2)))
        XCTAssertEqual(sheet["hoursPerWeek"], JSONNumber(7.5).map(JSONValue.number))
        XCTAssertEqual(sheet["visitRequested"], .bool(true))
        XCTAssertEqual(sheet["tasks"], .array([.string("Opvask"), .string("Anrette frokost")]))
        XCTAssertEqual(sheet["company"], .object(["cvr": .string("25313763"), "name": .string("Kantinen")]))
        XCTAssertNil(sheet["note"], "an empty cell is left out")
    }

    /// A value that does not convert stays text, so intake names the field precisely.
    func testLeavesUnconvertibleValuesAsText() throws {
        let objects = try CSVSheets.objects(from: "positions,visitRequested\nmany,maybe\n", file: "x.csv")
        XCTAssertEqual(objects.first?["positions"], .string("many"))
        XCTAssertEqual(objects.first?["visitRequested"], .string("maybe"))
    }

    func testARowWithTheWrongNumberOfFieldsIsNamed() {
        XCTAssertThrowsError(try CSVSheets.objects(from: "a,b\n1,2\n3\n", file: "x.csv")) { error in
            XCTAssertEqual("\(error)", "x.csv: row 3 has 1 fields, the header 2")
        }
    }

    func testJSONFilesHoldAnObjectOrAnArrayOfObjects() throws {
        XCTAssertEqual(try JSONFile.objects(Array(#"{"sheetId": "a"}"#.utf8), file: "f").count, 1)
        XCTAssertEqual(try JSONFile.objects(Array(#"[{"sheetId": "a"}, {"sheetId": "b"}]"#.utf8), file: "f").count, 2)
        XCTAssertThrowsError(try JSONFile.objects(Array("[1]".utf8), file: "f"))
        XCTAssertThrowsError(try JSONFile.objects(Array(#"{"a": 1,}"#.utf8), file: "f"))
    }
}
