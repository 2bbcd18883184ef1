import Billing
import Contracts
import Messaging
import ServiceRuntime

// The billing service: contracts, meetings, events, extras and trips in; numbered invoices and
// credit notes (OIOUBL) out; fixed-date lines and monthly mileage issued by durable timers.
await ServiceMain.run { environment in
    let handler = try BillingHandler(environment: environment)
    return ServiceDeclaration(
        name: BillingEvents.service,
        consumes: BillingEvents.consumed,
        handler: handler,
        timers: TimerHandlers(BillingTimer.kinds, firedBy: BillingTimerHandler(billing: handler)),
        rejections: RejectionPolicy().announcing(BillingEvents.rejected, subjectField: .contractId, for: BillingEvents.consumed))
}
