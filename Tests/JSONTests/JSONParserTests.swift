@testable import JSON
import XCTest

final class JSONParserTests: XCTestCase {
    func testParsesEveryKindOfValue() throws {
        let value = try parse(#" {"s": "a\"b\\c\/d\n\t\u00e6\ud83d\ude00", "n": -12.5e+3, "t": true, "f": false, "z": null, "a": [1, []], "o": {}} "#)
        XCTAssertEqual(value, .object([
            "s": .string("a\"b\\c/d\n\tæ😀"),
            "n": .number(JSONNumber(text: "-12.5e+3")),
            "t": .bool(true),
            "f": .bool(false),
            "z": .null,
            "a": .array([.number(JSONNumber(text: "1")), .array([])]),
            "o": .object([:]),
        ]))
    }

    func testKeepsNonASCIIText() throws {
        XCTAssertEqual(try parse(#"["Køkken/Rengøring"]"#), .array([.string("Køkken/Rengøring")]))
    }

    func testIgnoresALeadingByteOrderMark() throws {
        XCTAssertEqual(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)), .object([:]))
    }

    func testRejectsWhatRFC8259Forbids() {
        let cases = [
            "", " ", "[1,]", #"{"a":1,}"#, "[01]", "[1.]", "[.5]", "[+1]", "[-]", "[1e]", "[NaN]", "[Infinity]",
            "['a']", "[tru]", "[nul]", "// c\n{}", "{} {}", "[1 2]", #"{"a" 1}"#, "{a: 1}", #"["\x"]"#, #"["\u12"]"#,
            "[\"tab\there\"]", #"["\ud800"]"#, #"["\udc00"]"#, #"["\ud800\u0041"]"#, #"["unterminated]"#,
            #"{"a": 1, "a": 1}"#,
        ]
        for text in cases {
            XCTAssertThrowsError(try parse(text), text) { error in
                guard case .malformed = error as? JSONParser.Failure else { return XCTFail("\(text): \(error)") }
            }
        }
    }

    func testLimitsNesting() throws {
        let deepest = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        XCTAssertNoThrow(try parse(deepest))
        XCTAssertThrowsError(try parse("[" + deepest + "]")) { XCTAssertEqual($0 as? JSONParser.Failure, .tooDeep) }
    }

    func testSaysWhatWasFoundWhere() {
        // A key is the sender's text (it may be a CPR number): named by its offset, never quoted.
        XCTAssertThrowsError(try parse(#"{"150385-1234": 1, "150385-1234": 2}"#)) {
            XCTAssertEqual($0 as? JSONParser.Failure, .malformed("duplicate key at byte 19"))
        }
        XCTAssertThrowsError(try parse("[1 2]")) {
            XCTAssertEqual($0 as? JSONParser.Failure, .malformed("unexpected '2' at byte 3 where ',' or ']' should follow an element"))
        }
        XCTAssertThrowsError(try parse(#"{"a":"#)) {
            XCTAssertEqual($0 as? JSONParser.Failure, .malformed("unexpected end of input where a value should start"))
        }
    }

    private func parse(_ text: String) throws -> JSONValue {
        try JSONParser.parse(Array(text.utf8))
    }
}
