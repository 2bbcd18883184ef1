import Foundation
import PersonalData
import XCTest

final class CPRKeysEnvironmentTests: XCTestCase {
    private static let key1 = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="  // 32 × 0x01
    private static let key2 = "AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI="  // 32 × 0x02
    private static let key3 = "AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwM="  // 32 × 0x03
    private static let short = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQ=="  // 31 bytes

    func testReadsKeysFromVariables() throws {
        let keys = try CPRKeys(environment: ["CPR_ENCRYPTION_KEY": Self.key1, "CPR_INDEX_KEY": Self.key3])
        XCTAssertEqual(keys.encryption.current, CPRTestKeys.encryptionKey(1))
        XCTAssertEqual(keys.encryption.previous, [])
        XCTAssertEqual(keys.index, CPRIndexKey(bytes: [UInt8](repeating: 3, count: 32)))
    }

    func testReadsPreviousKeysForRotation() throws {
        let keys = try CPRKeys(environment: [
            "CPR_ENCRYPTION_KEY": Self.key2,
            "CPR_PREVIOUS_ENCRYPTION_KEYS": " \(Self.key1) ,, ",
            "CPR_INDEX_KEY": Self.key3,
        ])
        XCTAssertEqual(keys.encryption.current, CPRTestKeys.encryptionKey(2))
        XCTAssertEqual(keys.encryption.previous, [CPRTestKeys.encryptionKey(1)])
        let old = try CPRTestKeys.cipher(current: 1).encrypt(CPRTestKeys.cpr)
        XCTAssertEqual(try keys.cipher().decrypt(old), CPRTestKeys.cpr)
    }

    func testReadsKeysFromFilesTrimmingWhitespace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cpr-keys-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let keys = try CPRKeys(environment: [
            "CPR_ENCRYPTION_KEY_FILE": try write("current", "  \(Self.key2)\n"),
            "CPR_PREVIOUS_ENCRYPTION_KEYS_FILE": try write("previous", "\(Self.key1)\n\n"),
            "CPR_INDEX_KEY_FILE": try write("index", "\(Self.key3)\r\n"),
        ])
        XCTAssertEqual(keys.encryption.current, CPRTestKeys.encryptionKey(2))
        XCTAssertEqual(keys.encryption.previous, [CPRTestKeys.encryptionKey(1)])
        XCTAssertEqual(keys.index, CPRIndexKey(bytes: [UInt8](repeating: 3, count: 32)))
    }

    func testMissingKeys() {
        assertFails(["CPR_INDEX_KEY": Self.key3], .missing("CPR_ENCRYPTION_KEY"))
        assertFails(["CPR_ENCRYPTION_KEY": " ", "CPR_INDEX_KEY": Self.key3], .missing("CPR_ENCRYPTION_KEY"))
        assertFails(["CPR_ENCRYPTION_KEY": Self.key1], .missing("CPR_INDEX_KEY"))
    }

    func testBothVariableAndFileSet() {
        assertFails(
            ["CPR_ENCRYPTION_KEY": Self.key1, "CPR_ENCRYPTION_KEY_FILE": "/run/secrets/cpr", "CPR_INDEX_KEY": Self.key3],
            .bothSet("CPR_ENCRYPTION_KEY")
        )
        assertFails(
            ["CPR_ENCRYPTION_KEY": Self.key1, "CPR_INDEX_KEY": Self.key3, "CPR_INDEX_KEY_FILE": "/run/secrets/index"],
            .bothSet("CPR_INDEX_KEY")
        )
    }

    func testNotBase64() {
        assertFails(["CPR_ENCRYPTION_KEY": "not*base64!", "CPR_INDEX_KEY": Self.key3], .notBase64("CPR_ENCRYPTION_KEY"))
        assertFails(
            ["CPR_ENCRYPTION_KEY": Self.key2, "CPR_PREVIOUS_ENCRYPTION_KEYS": "\(Self.key1),%%%", "CPR_INDEX_KEY": Self.key3],
            .notBase64("CPR_PREVIOUS_ENCRYPTION_KEYS")
        )
    }

    func testWrongLength() {
        assertFails(["CPR_ENCRYPTION_KEY": Self.short, "CPR_INDEX_KEY": Self.key3], .wrongLength("CPR_ENCRYPTION_KEY"))
        assertFails(["CPR_ENCRYPTION_KEY": Self.key1, "CPR_INDEX_KEY": "AAAA"], .wrongLength("CPR_INDEX_KEY"))
        assertFails(
            ["CPR_ENCRYPTION_KEY": Self.key1, "CPR_INDEX_KEY_FILE": "/index"], .wrongLength("CPR_INDEX_KEY_FILE"),
            files: ["/index": "AAAA\n"]
        )
    }

    func testUnreadableFile() {
        assertFails(
            ["CPR_ENCRYPTION_KEY_FILE": "/nonexistent/cpr-key", "CPR_INDEX_KEY": Self.key3],
            .unreadableFile("CPR_ENCRYPTION_KEY_FILE")
        )
    }

    func testIndexKeyMustDifferFromEncryptionKeys() {
        assertFails(["CPR_ENCRYPTION_KEY": Self.key1, "CPR_INDEX_KEY": Self.key1], .indexKeyReusesEncryptionKey)
        assertFails(
            ["CPR_ENCRYPTION_KEY": Self.key2, "CPR_PREVIOUS_ENCRYPTION_KEYS": Self.key1, "CPR_INDEX_KEY": Self.key1],
            .indexKeyReusesEncryptionKey
        )
    }

    func testErrorsNameTheVariableButNotTheValue() {
        let environment = ["CPR_ENCRYPTION_KEY": Self.short, "CPR_INDEX_KEY": Self.key3]
        XCTAssertThrowsError(try CPRKeys(environment: environment)) { error in
            XCTAssertTrue("\(error)".hasPrefix("CPR_ENCRYPTION_KEY must decode to 32 bytes"), "\(error)")
            XCTAssertFalse("\(error)".contains("AQEB"), "\(error)")
        }
        XCTAssertThrowsError(try CPRKeys(environment: ["CPR_ENCRYPTION_KEY_FILE": "/secret/path", "CPR_INDEX_KEY": Self.key3])) {
            XCTAssertEqual("\($0)", "CPR_ENCRYPTION_KEY_FILE names a file that cannot be read")
        }
    }

    /// Checks that `environment` fails with `expected`; `files` stand in for the file system.
    private func assertFails(
        _ environment: [String: String], _ expected: CPRKeysError, files: [String: String]? = nil,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let result: Result<CPRKeys, CPRKeysError>
        if let files {
            result = Result { () throws(CPRKeysError) in
                try CPRKeys(environment: environment) { path in
                    guard let text = files[path] else { throw CocoaError(.fileNoSuchFile) }
                    return text
                }
            }
        } else {
            result = Result { () throws(CPRKeysError) in try CPRKeys(environment: environment) }
        }
        switch result {
        case .success: XCTFail("expected \(expected)", file: file, line: line)
        case .failure(let error): XCTAssertEqual(error, expected, file: file, line: line)
        }
    }
}
