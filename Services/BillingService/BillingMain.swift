import Billing
import Contracts
import ServiceRuntime

/// The billing service: contracts, meetings, events, extras and trips in; numbered invoices and
/// credit notes (OIOUBL) out.
@main
enum BillingMain {
    static func main() async {
        await ServiceMain.run(service: BillingEvents.service) { environment in try BillingHandler(environment: environment) }
    }
}
