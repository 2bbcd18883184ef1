@testable import Messaging
import XCTest

/// Which lane a partition key goes to: the same lane every time, spread over all lanes.
final class LaneTests: XCTestCase {
    private typealias Consumer = MessageConsumer<RecordingHandler>

    func testTheSameKeyAlwaysGoesToTheSameLane() {
        for key in ["horsens-2017-05-15-001", "ø", ""] {
            XCTAssertEqual(Consumer.lane(of: key, among: 4), Consumer.lane(of: key, among: 4))
        }
    }

    func testKeylessMessagesAndASingleLaneUseLaneZero() {
        XCTAssertEqual(Consumer.lane(of: nil, among: 4), 0)
        XCTAssertEqual(Consumer.lane(of: "sheet-1", among: 1), 0)
    }

    func testKeysSpreadOverAllLanes() {
        let lanes = Set((0..<1000).map { Consumer.lane(of: "sheet-\($0)", among: 4) })
        XCTAssertEqual(lanes, [0, 1, 2, 3])
    }
}
