import Chronology
import Domain
import Foundation
import Messaging
import PostgresClient

/// What billing makes due, drafted (``DocumentDraft``) and claimed (``ActivityStore/claim(_:of:on:)``)
/// so each source is invoiced once: a contract's due schedule lines, a one-line invoice (an event's
/// half, an extra), a month of trips at the state mileage rates.
struct InvoiceDrafting: Sendable {
    let rates: MileageRateTable

    /// The line id of the part of a trip beyond 20,000 km in the year: `TRIPID/over-20000`.
    static let overLimitSuffix = "/over-20000"

    /// The documents for the lines of `contract` that are due at `now` and not invoiced, claimed.
    func dueLines(of contract: BillingContract, cause: Envelope?, on connection: PostgresConnection, at now: Date) throws -> [DocumentDraft] {
        let needsMeetings = contract.schedule.contains { if case .afterMeetings = $0.due { true } else { false } }
        let meetings = needsMeetings ? try ContractStore.meetingsHeld(contract.contractId, on: connection) : 0
        let candidates = ScheduleRules.dueLines(of: contract.schedule, invoiced: [], meetingsHeld: meetings, now: now)
        let claimed = try ActivityStore.claim(candidates.map { .line($0.lineId) }, of: contract.contractId, on: connection)
        return candidates.filter { claimed.contains(.line($0.lineId)) }.map { Self.lineInvoice(contract, $0, cause: cause) }
    }

    /// The invoice of schedule line `line` (claimed by the caller).
    static func lineInvoice(_ contract: BillingContract, _ line: ScheduleLine, cause: Envelope?) -> DocumentDraft {
        invoice(contract, source: .line(line.lineId),
                lines: [.single(lineId: line.lineId, description: line.description, price: line.amount)], cause: cause)
    }

    /// A one-line invoice of `amount` for `source`, unless it is nothing or was claimed before.
    func oneLine(
        _ contract: BillingContract, source: InvoiceSource, lineId: String, description: String, amount: Money, cause: Envelope,
        on connection: PostgresConnection
    ) throws -> [DocumentDraft] {
        guard amount > .zero, try !ActivityStore.claim([source], of: contract.contractId, on: connection).isEmpty else { return [] }
        return [Self.invoice(contract, source: source, lines: [.single(lineId: lineId, description: description, price: amount)], cause: cause)]
    }

    /// The invoice of `contract`'s trips in `month` not invoiced yet: a line per trip at the state
    /// rate on its date, the high rate for the first 20,000 km of the calendar year (the trips of
    /// the year before this month, and this month's already invoiced, count first), the low rate
    /// beyond; a trip crossing 20,000 km is two lines.
    func mileage(of contract: BillingContract, month: CivilDate, on connection: PostgresConnection) throws -> [DocumentDraft] {
        let (trips, drivenBefore) = try ActivityStore.trips(of: contract.contractId, in: month, on: connection)
        let claimed = try ActivityStore.claim(trips.map { .trip($0.tripId) }, of: contract.contractId, on: connection)
        var driven = drivenBefore
        var lines: [InvoiceLine] = []
        for trip in trips {
            let tripDriven = driven
            driven = driven + trip.distance
            guard claimed.contains(.trip(trip.tripId)) else { continue }
            let priced = try MonthlyMileage(trips: [trip], drivenEarlierThisYear: tripDriven, rates: rates)
            for (index, line) in priced.lines.enumerated() {
                lines.append(InvoiceLine(
                    lineId: index == 0 ? trip.tripId : trip.tripId + Self.overLimitSuffix,
                    description: line.description, quantity: line.quantity, unitCode: line.unitCode, unitPrice: line.unitPrice,
                    amount: line.amount))
            }
        }
        guard !lines.isEmpty else { return [] }
        let source = InvoiceSource.mileage(month: String(month.description.prefix(7)))
        _ = try ActivityStore.claim([source], of: contract.contractId, on: connection)
        return [Self.invoice(contract, source: source, lines: lines, cause: nil)]
    }

    private static func invoice(_ contract: BillingContract, source: InvoiceSource, lines: [InvoiceLine], cause: Envelope?) -> DocumentDraft {
        DocumentDraft(
            contractId: contract.contractId, source: source,
            content: .invoice(customer: contract.customer, paymentTermsDays: contract.paymentTermsDays, lines: lines), cause: cause)
    }
}
