import Billing
import Contracts
import Messaging
import ServiceRuntime

// The billing service: contracts, meetings, events, extras and trips in; numbered invoices and
// credit notes (OIOUBL) out; fixed-date lines and monthly mileage issued by durable timers.
await ServiceMain.run { environment in
    let settings = try BillingSettings(environment: environment)
    return ServiceDeclaration(
        name: BillingEvents.service,
        consumes: BillingEvents.consumed,
        handler: BillingHandler(settings: settings),
        timers: TimerHandlers(BillingTimerHandler.kinds, firedBy: BillingTimerHandler(settings: settings)),
        rejections: RejectionPolicy().announcing(BillingEvents.rejected, subjectField: .contractId, for: BillingEvents.consumed))
}
