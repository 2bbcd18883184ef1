import Logging
import ServiceRuntime
import XCTest

final class ServiceLoggersTests: XCTestCase {
    func testEachComponentLogsUnderTheServicesLabelAndItsOwn() {
        let loggers = ServiceLoggers { Logger(label: $0) }
        XCTAssertEqual(loggers.logger(.consumer, of: "intake").label, "spotjob.intake.consumer")
        XCTAssertEqual(loggers.logger(.timers, of: "followup").label, "spotjob.followup.timers")
        XCTAssertEqual(loggers.logger(.lifecycle, of: "billing").label, "spotjob.billing.lifecycle")
    }
}
