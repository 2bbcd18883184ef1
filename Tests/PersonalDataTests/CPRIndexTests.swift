import Domain
import PersonalData
import XCTest

final class CPRIndexTests: XCTestCase {
    private let index = CPRIndex(key: CPRIndexKey(bytes: [UInt8](repeating: 7, count: 32))!)

    func testDigestIsHMACSHA256OfTheTenDigits() throws {
        // Python: hmac.new(bytes([7] * 32), b"0102031234", hashlib.sha256).hexdigest()
        let digest = index.digest(of: try CPR("0102031234"))
        XCTAssertEqual(digest.hex, "d113693fe6e8b78a2183422ca62576291d67cef8d83d95b8721340537091376d")
        XCTAssertEqual(digest.bytes.count, 32)
        XCTAssertEqual(CPRIndexDigest(bytes: digest.bytes), digest)
    }

    func testDashAndBareDigitsGiveTheSameDigest() throws {
        XCTAssertEqual(index.digest(of: try CPR("010203-1234")), index.digest(of: try CPR("0102031234")))
    }

    func testDifferentNumbersGiveDifferentDigests() throws {
        XCTAssertNotEqual(index.digest(of: try CPR("010203-1234")), index.digest(of: try CPR("010203-1235")))
        XCTAssertNotEqual(index.digest(of: try CPR("010203-1234")), index.digest(of: try CPR("020103-1234")))
    }

    func testDigestDependsOnTheKey() throws {
        let other = CPRIndex(key: CPRIndexKey(bytes: [UInt8](repeating: 8, count: 32))!)
        XCTAssertNotEqual(index.digest(of: CPRTestKeys.cpr), other.digest(of: CPRTestKeys.cpr))
    }

    func testStoredDigestMustBe32Bytes() {
        XCTAssertNil(CPRIndexDigest(bytes: [UInt8](repeating: 0, count: 31)))
    }
}
