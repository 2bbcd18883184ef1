import AMQPClient
import XCTest

final class ReconnectBackoffTests: XCTestCase {
    func testDoublesUpToTheMaximum() {
        var backoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(1))
        let delays = (0..<6).map { _ in backoff.nextDelay(jitter: 0) }
        XCTAssertEqual(delays, [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
    }

    func testJitterShortensByAtMostTwentyPercent() {
        var backoff = ReconnectBackoff(initial: .seconds(1), maximum: .seconds(1))
        XCTAssertEqual(backoff.nextDelay(jitter: 0.999_999), .milliseconds(800), accuracy: .milliseconds(1))
    }

    func testResetStartsOver() {
        var backoff = ReconnectBackoff(initial: .milliseconds(100), maximum: .seconds(5))
        _ = backoff.nextDelay(jitter: 0)
        _ = backoff.nextDelay(jitter: 0)
        backoff.reset()
        XCTAssertEqual(backoff.nextDelay(jitter: 0), .milliseconds(100))
    }
}

func XCTAssertEqual(_ a: Duration, _ b: Duration, accuracy: Duration, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertLessThanOrEqual(abs((a - b) / .nanoseconds(1)), accuracy / .nanoseconds(1), "\(a) vs \(b)", file: file, line: line)
}
