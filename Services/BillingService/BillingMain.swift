import Billing
import Contracts
import Foundation
import ServiceRuntime

/// The billing service: contracts, meetings, events, extras and trips in; numbered invoices and
/// credit notes (OIOUBL) out; fixed-date lines and monthly mileage issued by durable timers.
@main
enum BillingMain {
    static func main() async {
        // A configuration error makes the handler below fail too, which ServiceMain reports (exit 2).
        await ServiceMain.run(
            service: BillingEvents.service, rejectedTable: "rejected_messages", timerHandler: try? BillingTimerHandler(environment: ProcessInfo.processInfo.environment)
        ) { environment in try BillingHandler(environment: environment) }
    }
}
