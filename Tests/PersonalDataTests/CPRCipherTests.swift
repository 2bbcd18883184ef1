import Domain
import PersonalData
import XCTest

final class CPRCipherTests: XCTestCase {
    func testRoundTrip() throws {
        let cipher = try CPRTestKeys.cipher(current: 1)
        for input in ["010203-1234", "2412874321", "290200-4000"] {
            let cpr = try CPR(input)
            XCTAssertEqual(try cipher.decrypt(cipher.encrypt(cpr)), cpr)
        }
    }

    func testLayoutIsVersionKeyIDNonceCiphertextTag() throws {
        let cipher = try CPRTestKeys.cipher(current: 1)
        let blob = try cipher.encrypt(CPRTestKeys.cpr)
        XCTAssertEqual(blob.count, 1 + 4 + 12 + 10 + 16)
        XCTAssertEqual(blob[0], 1)
        XCTAssertEqual(try CPRCipher.keyID(of: blob), CPRTestKeys.encryptionKey(1).id)
        let id = CPRTestKeys.encryptionKey(1).id.rawValue
        XCTAssertEqual(Array(blob[1..<5]), [UInt8(id >> 24), UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF)])
    }

    func testEachEncryptionUsesAFreshNonce() throws {
        let cipher = try CPRTestKeys.cipher(current: 1)
        XCTAssertNotEqual(try cipher.encrypt(CPRTestKeys.cpr), try cipher.encrypt(CPRTestKeys.cpr))
    }

    func testCiphertextHoldsNoDigitsInClear() throws {
        let cipher = try CPRTestKeys.cipher(current: 1)
        let cpr = CPRTestKeys.cpr
        for _ in 0..<200 {
            let blob = try cipher.encrypt(cpr)
            for clear in [cpr.digits, cpr.formatted, String(cpr.digits.prefix(6)), String(cpr.digits.suffix(4))] {
                XCTAssertFalse(contains(blob, Array(clear.utf8)), clear)
            }
        }
    }

    func testAnyAlteredByteFails() throws {
        let cipher = try CPRTestKeys.cipher(current: 1)
        let blob = try cipher.encrypt(CPRTestKeys.cpr)
        for offset in blob.indices {
            var tampered = blob
            tampered[offset] ^= 0x01
            XCTAssertThrowsError(try cipher.decrypt(tampered), "byte \(offset)") { error in
                let expected: CPRCipherError = switch offset {
                case 0: .unsupportedVersion(blob[0] ^ 0x01)
                case 1..<5: .unknownKey(try! CPRCipher.keyID(of: tampered))
                default: .authenticationFailed
                }
                XCTAssertEqual(error as? CPRCipherError, expected, "byte \(offset)")
            }
        }
    }

    func testAlteredKeyIDOfAKnownKeyFails() throws {
        // Rewriting the header to name another key in the keyring must not decrypt either.
        let cipher = try CPRTestKeys.cipher(current: 1, previous: [2])
        var blob = try cipher.encrypt(CPRTestKeys.cpr)
        let otherID = CPRTestKeys.encryptionKey(2).id.rawValue
        for (offset, shift) in zip(1..<5, [24, 16, 8, 0]) { blob[offset] = UInt8(otherID >> UInt32(shift) & 0xFF) }
        XCTAssertThrowsError(try cipher.decrypt(blob)) { XCTAssertEqual($0 as? CPRCipherError, .authenticationFailed) }
    }

    func testTruncatedFails() throws {
        let cipher = try CPRTestKeys.cipher(current: 1)
        let blob = try cipher.encrypt(CPRTestKeys.cpr)
        XCTAssertThrowsError(try cipher.decrypt([])) { XCTAssertEqual($0 as? CPRCipherError, .malformed) }
        XCTAssertThrowsError(try cipher.decrypt(Array(blob.prefix(32)))) { XCTAssertEqual($0 as? CPRCipherError, .malformed) }
        XCTAssertThrowsError(try cipher.decrypt(Array(blob.prefix(33)))) { XCTAssertEqual($0 as? CPRCipherError, .authenticationFailed) }
        XCTAssertThrowsError(try cipher.decrypt(Array(blob.dropLast()))) {
            XCTAssertEqual($0 as? CPRCipherError, .authenticationFailed)
        }
    }

    func testAnEmptyBodySealsAndOpens() throws {
        // A refused message with an empty body is kept sealed like any other (issue 18, fault 7).
        let cipher = try CPRTestKeys.cipher(current: 1, context: CPRCipher.rawBodyContext)
        let sealed = try cipher.seal([])
        XCTAssertEqual(sealed.count, 33)
        XCTAssertEqual(try CPRCipher.keyID(of: sealed), CPRTestKeys.encryptionKey(1).id)
        XCTAssertEqual(try cipher.open(sealed), [])
        XCTAssertEqual(try cipher.reseal(sealed), sealed)
    }

    func testOtherContextFails() throws {
        let profiles = try CPRTestKeys.cipher(current: 1)
        let payroll = try CPRTestKeys.cipher(current: 1, context: "spotjob.payroll.v1")
        let blob = try profiles.encrypt(CPRTestKeys.cpr)
        XCTAssertThrowsError(try payroll.decrypt(blob)) { XCTAssertEqual($0 as? CPRCipherError, .authenticationFailed) }
        XCTAssertEqual(try payroll.decrypt(payroll.encrypt(CPRTestKeys.cpr)), CPRTestKeys.cpr)
    }

    func testUnknownKeyIDFails() throws {
        let blob = try CPRTestKeys.cipher(current: 1).encrypt(CPRTestKeys.cpr)
        let other = try CPRTestKeys.cipher(current: 2)
        XCTAssertThrowsError(try other.decrypt(blob)) { error in
            XCTAssertEqual(error as? CPRCipherError, .unknownKey(CPRTestKeys.encryptionKey(1).id))
            XCTAssertEqual("\(error)", "CPR ciphertext was made with key \(CPRTestKeys.encryptionKey(1).id), which is not in the keyring")
        }
    }

    func testSameKeyBytesUnderAnotherIDFailAuthentication() throws {
        let bytes = [UInt8](repeating: 1, count: 32)
        let derived = CPRCipher(keyring: try CPRKeyring(current: CPREncryptionKey(bytes: bytes)!))
        let explicit = CPRCipher(keyring: try CPRKeyring(current: CPREncryptionKey(bytes: bytes, id: CPRKeyID(rawValue: 7))!))
        let blob = try explicit.encrypt(CPRTestKeys.cpr)
        XCTAssertEqual(try CPRCipher.keyID(of: blob), CPRKeyID(rawValue: 7))
        XCTAssertEqual(try explicit.decrypt(blob), CPRTestKeys.cpr)
        XCTAssertThrowsError(try derived.decrypt(blob)) { XCTAssertEqual($0 as? CPRCipherError, .unknownKey(CPRKeyID(rawValue: 7))) }
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.indices.contains { haystack[$0...].starts(with: needle) }
    }
}
