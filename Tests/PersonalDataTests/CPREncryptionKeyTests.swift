import PersonalData
import XCTest

final class CPREncryptionKeyTests: XCTestCase {
    func testDerivedIDIsTheStartOfTheKeysSHA256() {
        // SHA-256 of 32 zero bytes is 66687aad f862bd77 …
        let key = CPREncryptionKey(bytes: [UInt8](repeating: 0, count: 32))!
        XCTAssertEqual(key.id, CPRKeyID(rawValue: 0x6668_7AAD))
        XCTAssertEqual(key.id.description, "66687aad")
        XCTAssertEqual(CPRKeyID(rawValue: 0xAB).description, "000000ab")
    }

    func testRejectsKeysThatAreNot32Bytes() {
        XCTAssertNil(CPREncryptionKey(bytes: [UInt8](repeating: 1, count: 31)))
        XCTAssertNil(CPREncryptionKey(bytes: [UInt8](repeating: 1, count: 33)))
        XCTAssertNil(CPRIndexKey(bytes: [UInt8](repeating: 1, count: 16)))
    }

    func testTextShowsNoKeyMaterial() {
        let encryption = CPREncryptionKey(bytes: [UInt8](repeating: 0xAB, count: 32))!
        let index = CPRIndexKey(bytes: [UInt8](repeating: 0xAB, count: 32))!
        for subject in [encryption, index] as [Any] {
            var dumped = ""
            dump(subject, to: &dumped)
            for text in ["\(subject)", String(reflecting: subject), dumped] {
                XCTAssertFalse(text.contains("171"), text)  // 0xAB
                XCTAssertFalse(text.lowercased().contains("abab"), text)
            }
        }
    }
}
