import BodyReading
import Foundation
import Messaging
import PostgresClient

/// A contract arrives: a new one is saved, a higher revision replaces the lines not invoiced
/// (changing or removing an invoiced one is refused: credit its invoice first; a credited line
/// the revision changes is invoiced again when due), an equal or lower revision changes nothing.
/// Then every line that is due is drafted, and fixed-date lines still to come get their timers.
struct ContractRegistration: Sendable {
    let drafting: InvoiceDrafting

    func register(_ contract: BillingContract, cause: Envelope, at now: Date, on connection: PostgresConnection) throws -> BillingOutcome {
        let existing = try ContractStore.locked(contract.contractId, on: connection)
        if let existing {
            guard contract.revision > existing.revision else { return .nothing }
            let billed = try ActivityStore.billed(contract.contractId, on: connection)
            let invoicedLines = Set(billed.filter { !$0.value }.keys.compactMap(\.lineId))
            let creditedLines = Set(billed.filter(\.value).keys.compactMap(\.lineId))
            let changed = ScheduleRules.invoicedLinesChanged(from: existing.schedule, to: contract.schedule, invoiced: invoicedLines)
            if !changed.isEmpty {
                return .rejected(Rejection(subject: contract.contractId, errors: changed.map { lineId in
                    let index = contract.schedule.firstIndex { $0.lineId == lineId }
                    return FieldError(
                        field: index.map { "schedule[\($0)]" } ?? "schedule",
                        code: .lineInvoiced,
                        message: "line \(lineId) is invoiced; \(index == nil ? "removing" : "changing") it is refused: credit its invoice first")
                }))
            }
            let revisedCredited = ScheduleRules.invoicedLinesChanged(from: existing.schedule, to: contract.schedule, invoiced: creditedLines)
            try ActivityStore.release(revisedCredited.map(InvoiceSource.line), of: contract.contractId, on: connection)
        }
        try ContractStore.save(contract, isNew: existing == nil, at: now, on: connection)
        // A revision replaces the timers of the lines it keeps.
        try Timers.schedule(try BillingTimer.lineTimers(of: contract, after: now), on: connection, now: now)
        return .drafts(try drafting.dueLines(of: contract, cause: cause, on: connection, at: now))
    }

    /// Registers a run of contracts with distinct ids, in order: contracts billing does not know yet
    /// are saved together (one lock query, one pipeline of inserts for the contracts, their lines,
    /// the claims on what is due and the timers of what is to come), known ones one at a time.
    func register(
        _ run: [(contract: BillingContract, envelope: Envelope)], at now: Date, on connection: PostgresConnection
    ) throws -> [BillingOutcome] {
        guard run.count > 1 else {
            return try run.map { try register($0.contract, cause: $0.envelope, at: now, on: connection) }
        }
        let known = try ContractStore.known(run.map(\.contract.contractId), on: connection)
        let new = run.filter { !known.contains($0.contract.contractId) }.map(\.contract)
        // A new contract has no meetings (they reference it) and no claims: what is due is due now.
        let due = new.map { ScheduleRules.dueLines(of: $0.schedule, invoiced: [], meetingsHeld: 0, now: now) }
        try ContractStore.saveNew(
            new, claiming: zip(new, due).flatMap { contract, lines in lines.map { (contract.contractId, InvoiceSource.line($0.lineId)) } },
            timers: try new.flatMap { try BillingTimer.lineTimers(of: $0, after: now) }, at: now, on: connection)
        let dueById = Dictionary(uniqueKeysWithValues: zip(new.map(\.contractId), zip(new, due)))
        return try run.map { contract, envelope in
            guard let (saved, lines) = dueById[contract.contractId] else {
                return try register(contract, cause: envelope, at: now, on: connection)
            }
            return .drafts(lines.map { InvoiceDrafting.lineInvoice(saved, $0, cause: envelope) })
        }
    }
}
