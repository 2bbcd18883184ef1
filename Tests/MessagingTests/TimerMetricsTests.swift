import Foundation
@testable import Messaging
import XCTest

/// Issue 18, fault 3: a timer due centuries ago (a sheet submitted in year 0) fired, and recording its
/// lag in nanoseconds trapped the service.
final class TimerMetricsTests: XCTestCase {
    func testALagIsClampedToWholeNanosecondsThatFitAnInt64() {
        XCTAssertEqual(TimerMetrics.nanoseconds(1.5), 1_500_000_000)
        XCTAssertEqual(TimerMetrics.nanoseconds(-3), 0, "a timer fired early has no lag")
        XCTAssertEqual(TimerMetrics.nanoseconds(.nan), 0)
        let sinceYearZero = Date().timeIntervalSince(Date(timeIntervalSince1970: -62_167_219_200))
        XCTAssertEqual(TimerMetrics.nanoseconds(sinceYearZero), .max)
        XCTAssertEqual(TimerMetrics.nanoseconds(.infinity), .max)
        XCTAssertEqual(TimerMetrics.nanoseconds(9_223_372_000), 9_223_372_000_000_000_000)
    }
}
