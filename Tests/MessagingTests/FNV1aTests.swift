import Messaging
import XCTest

final class FNV1aTests: XCTestCase {
    /// The reference values of the FNV-1a 64-bit hash.
    func testTheReferenceVectors() {
        XCTAssertEqual(FNV1a.hash([UInt8]()), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a.hash("a".utf8), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a.hash("foobar".utf8), 0x8594_4171_f739_67e8)
    }
}
