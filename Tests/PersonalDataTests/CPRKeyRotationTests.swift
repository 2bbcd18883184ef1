import Domain
import PersonalData
import XCTest

final class CPRKeyRotationTests: XCTestCase {
    func testReencryptMovesAnOldCiphertextToTheCurrentKey() throws {
        let before = try CPRTestKeys.cipher(current: 1)
        let after = try CPRTestKeys.cipher(current: 2, previous: [1])
        let old = try before.encrypt(CPRTestKeys.cpr)

        XCTAssertEqual(try after.decrypt(old), CPRTestKeys.cpr)
        let new = try after.reencrypt(old)
        XCTAssertEqual(try CPRCipher.keyID(of: new), CPRTestKeys.encryptionKey(2).id)
        XCTAssertEqual(try after.decrypt(new), CPRTestKeys.cpr)

        XCTAssertThrowsError(try before.decrypt(new)) {
            XCTAssertEqual($0 as? CPRCipherError, .unknownKey(CPRTestKeys.encryptionKey(2).id))
        }
        let newOnly = try CPRTestKeys.cipher(current: 2)
        XCTAssertEqual(try newOnly.decrypt(new), CPRTestKeys.cpr)
        XCTAssertThrowsError(try newOnly.decrypt(old)) {
            XCTAssertEqual($0 as? CPRCipherError, .unknownKey(CPRTestKeys.encryptionKey(1).id))
        }
    }

    func testReencryptLeavesACurrentCiphertextUnchanged() throws {
        let cipher = try CPRTestKeys.cipher(current: 2, previous: [1])
        let blob = try cipher.encrypt(CPRTestKeys.cpr)
        XCTAssertEqual(try cipher.reencrypt(blob), blob)
    }

    func testReencryptChecksEvenACurrentCiphertext() throws {
        let cipher = try CPRTestKeys.cipher(current: 1)
        var blob = try cipher.encrypt(CPRTestKeys.cpr)
        blob[blob.count - 1] ^= 0x80
        XCTAssertThrowsError(try cipher.reencrypt(blob)) { XCTAssertEqual($0 as? CPRCipherError, .authenticationFailed) }
    }

    func testKeyringKeepsAKeyListedTwiceOnce() throws {
        let keyring = try CPRTestKeys.keyring(current: 2, previous: [1, 2, 1])
        XCTAssertEqual(keyring.previous.map(\.id), [CPRTestKeys.encryptionKey(1).id])
        XCTAssertEqual(keyring.key(for: CPRTestKeys.encryptionKey(1).id), CPRTestKeys.encryptionKey(1))
        XCTAssertNil(keyring.key(for: CPRTestKeys.encryptionKey(3).id))
    }

    func testKeyringRejectsDifferentKeysWithTheSameID() {
        let id = CPRKeyID(rawValue: 42)
        let first = CPREncryptionKey(bytes: [UInt8](repeating: 1, count: 32), id: id)!
        let second = CPREncryptionKey(bytes: [UInt8](repeating: 2, count: 32), id: id)!
        XCTAssertThrowsError(try CPRKeyring(current: first, previous: [second])) {
            XCTAssertEqual($0 as? CPRKeyringError, .conflictingKeyID(id))
        }
    }
}
