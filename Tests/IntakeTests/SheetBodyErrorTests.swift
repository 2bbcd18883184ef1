import BodyReading
import Intake
import TestSupport
import Foundation
import XCTest

/// Bodies that cannot be read as a JSON object: one error for the whole body (`$`), in the
/// order size, UTF-8, JSON, object.
final class SheetBodyErrorTests: XCTestCase {
    func testRejectsFiveMegabytesWithoutParsing() {
        let body = Array(repeating: UInt8(ascii: "["), count: 5 * 1024 * 1024)
        XCTAssertEqual(error(of: body)?.code, .tooLarge)
    }

    func testRejectsOneByteOverTheMaximum() {
        let sheet = HorsensJobShopSheet.body()
        let padded = sheet + Array(repeating: UInt8(ascii: " "), count: SheetValidator.maximumBodySize + 1 - sheet.count)
        XCTAssertEqual(error(of: padded)?.code, .tooLarge)
    }

    func testRejectsInvalidUTF8() {
        for body: [UInt8] in [
            [0x7B, 0xFF, 0x7D],  // a byte that never occurs in UTF-8
            Array(#"{"note":""#.utf8) + [0xC3] + Array(#""}"#.utf8),  // a truncated "æ"
            Array(#"{"note":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8),  // an encoded surrogate
        ] {
            XCTAssertEqual(error(of: body)?.code, .invalidUTF8, "\(body)")
        }
    }

    func testRejectsMalformedJSON() {
        for text in [
            "", "{", #"{"sheetId": "a",}"#, #"{'sheetId': 'a'}"#, #"{"sheetId": "a"} x"#, #"{"a": 01}"#, #"{"a": NaN}"#,
            #"{"a": 1, "a": 2}"#, "sheetId=a",
        ] {
            XCTAssertEqual(error(of: Array(text.utf8))?.code, .malformedJSON, text)
        }
    }

    func testMalformedJSONMessageSaysWhere() {
        XCTAssertEqual(
            error(of: Array(#"{"sheetId": "a",}"#.utf8))?.message,
            "body is not valid JSON: unexpected '}' at byte 16 where a key should start"
        )
    }

    func testRejectsDeepNesting() {
        let body = Array((String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)).utf8)
        XCTAssertEqual(error(of: body)?.code, .tooDeep)
    }

    func testRejectsJSONThatIsNotAnObject() {
        for text in ["[]", #"[{"sheetId": "a"}]"#, "42", #""sheet""#, "null", "true"] {
            XCTAssertEqual(error(of: Array(text.utf8))?.code, .notAnObject, text)
        }
        XCTAssertEqual(error(of: Array("[]".utf8))?.message, "body must be a JSON object, found an array")
    }

    func testWithdrawalBodiesGetTheSameChecks() {
        guard case .failure(let rejection) = SheetValidator.validateWithdrawal(Array("[]".utf8)) else {
            return XCTFail("an array was accepted as a withdrawal")
        }
        XCTAssertEqual(rejection.errors.map(\.code), [.notAnObject])
    }

    /// The one error of a rejected body, after checking there is exactly one, for the whole body.
    private func error(of body: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> FieldError? {
        guard case .failure(let rejection) = SheetValidator.validateSheet(body, readAt: Date()) else {
            XCTFail("the body was accepted", file: file, line: line)
            return nil
        }
        XCTAssertNil(rejection.subject, file: file, line: line)
        XCTAssertEqual(rejection.errors.count, 1, "\(rejection.errors)", file: file, line: line)
        XCTAssertEqual(rejection.errors.first?.field, "$", file: file, line: line)
        return rejection.errors.first
    }
}
