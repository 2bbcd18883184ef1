import Chronology
import Foundation
import Messaging
import PostgresClient

/// Billing's durable timers (``Timers``), scheduled in the transaction of the message that makes
/// them necessary and fired by ``BillingTimerHandler``.
public enum BillingTimer {
    /// A fixed-date line of a contract falls due (06:00 Copenhagen time on its date). Key:
    /// `<contractId length>:<contractId>/<lineId>`; payload `{"contractId"}`. Firing issues
    /// whatever of the contract is due then, so a timer left by a revision that moved or removed
    /// the line issues nothing it should not.
    public static let lineDue = "billing.line-due"
    /// A month of a state-rate contract's trips is invoiced, on the 1st of the next month at 06:00.
    /// Key: `<contractId length>:<contractId>/YYYY-MM`; payload `{"contractId", "month"}`.
    public static let mileageMonth = "billing.mileage-month"
    static let kinds = [lineDue, mileageMonth]

    struct Payload: Codable {
        var contractId: String
        /// The first day of the month of trips (mileage timers only).
        var month: String?
    }

    static func key(_ contractId: String, _ suffix: String) -> String {
        "\(contractId.unicodeScalars.count):\(contractId)/\(suffix)"
    }

    /// The timer issuing fixed-date line `lineId` of `contractId` on `date`.
    public static func lineDue(contractId: String, lineId: String, on date: CivilDate) throws -> ScheduledTimer {
        try ScheduledTimer(
            kind: lineDue, key: key(contractId, lineId), dueAt: ScheduleRules.dueInstant(of: date),
            encoding: Payload(contractId: contractId, month: nil))
    }

    /// The timers of `contract`'s fixed-date lines still to come after `now`.
    static func lineTimers(of contract: BillingContract, after now: Date) throws -> [ScheduledTimer] {
        try contract.schedule.compactMap { line in
            guard case .on(let date) = line.due, ScheduleRules.dueInstant(of: date) > now else { return nil }
            return try lineDue(contractId: contract.contractId, lineId: line.lineId, on: date)
        }
    }

    /// The timer invoicing `contractId`'s trips of the month of `date`: the 1st of the next month, 06:00.
    public static func mileageMonth(contractId: String, tripDate date: CivilDate) throws -> ScheduledTimer {
        let month = date.firstOfMonth
        return try ScheduledTimer(
            kind: mileageMonth, key: key(contractId, String(month.description.prefix(7))),
            dueAt: ScheduleRules.dueInstant(of: ScheduleRules.firstOfNextMonth(after: month)),
            encoding: Payload(contractId: contractId, month: month.description))
    }
}
