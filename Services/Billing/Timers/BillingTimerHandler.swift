import Chronology
import Contracts
import Domain
import Foundation
import Messaging
import PostgresClient

/// Billing's timers come due (see ``BillingTimer``): fixed-date lines are invoiced at 06:00 on
/// their date, a month of trips on the 1st of the next month. Runs in the transaction that deletes
/// the timers, so each has one effect; the invoices are numbered like any other (``DocumentIssuer``).
public struct BillingTimerHandler: TimerHandler {
    let drafting: InvoiceDrafting
    let issuer: DocumentIssuer
    private let clock: @Sendable () -> Date

    /// The kinds it fires (``BillingTimer``).
    public static let kinds = BillingTimer.kinds

    public init(settings: BillingSettings, clock: @escaping @Sendable () -> Date = Date.init) {
        drafting = settings.drafting
        issuer = settings.issuer
        self.clock = clock
    }

    public func fire(_ timers: [DueTimer], on connection: PostgresConnection) throws -> [OutboxEvent] {
        let now = clock()
        var drafts: [DocumentDraft] = []
        for timer in timers {
            let payload = try timer.decodePayload(BillingTimer.Payload.self)
            guard let contract = try ContractStore.locked(payload.contractId, on: connection) else { continue }
            // The moment the timer stands for: a loop that fires a little early still issues what it was set for.
            let at = max(now, timer.dueAt)
            switch timer.kind {
            case BillingTimer.lineDue:
                drafts += try drafting.dueLines(of: contract, cause: nil, on: connection, at: at)
            case BillingTimer.mileageMonth:
                guard let month = payload.month.flatMap(CivilDate.init) else { continue }
                drafts += try drafting.mileage(of: contract, month: month, on: connection)
            default:
                continue
            }
        }
        return try issuer.issue(drafts, at: now, on: connection)
    }
}
