import BodyReading
import Domain
import Chronology
import Contracts
import Foundation
import Messaging
import PostgresClient

/// Billing's reaction to what it consumes: contracts and their revisions, meetings, events,
/// extras, trips and credit requests. Each message's effect, and every document it makes due, is
/// committed in one transaction with the message's inbox entry; the documents of a batch are
/// numbered and issued together at its end (``DocumentIssuer``).
public struct BillingHandler: MessageHandler {
    let issuer: DocumentIssuer
    let rates: MileageRateTable
    private let clock: @Sendable () -> Date

    /// The variable naming the numbering series (tests use their own); default ``InvoiceNumbering/defaultSeries``.
    public static let seriesVariable = "BILLING_NUMBER_SERIES"
    /// The variable naming the mileage rate file (`validFrom;highOrePerKm;lowOrePerKm`).
    public static let ratesVariable = "BILLING_MILEAGE_RATES_FILE"

    public init(supplier: Supplier, rates: MileageRateTable, series: String = InvoiceNumbering.defaultSeries,
                clock: @escaping @Sendable () -> Date = Date.init) {
        issuer = DocumentIssuer(series: series, supplier: supplier)
        self.rates = rates
        self.clock = clock
    }

    /// The handler the `billing` executable runs: the supplier from `BILLING_SUPPLIER_FILE`, the
    /// rates from `BILLING_MILEAGE_RATES_FILE`, the series from `BILLING_NUMBER_SERIES`.
    public init(environment: [String: String]) throws {
        let supplier = try Supplier.load(environment: environment)
        guard let ratesFile = environment[Self.ratesVariable], !ratesFile.isEmpty else {
            throw BillingConfigurationError.missing(Self.ratesVariable)
        }
        let rates = try MileageRateTable(contentsOfFile: ratesFile)
        let series = environment[Self.seriesVariable].flatMap { $0.isEmpty ? nil : $0 } ?? InvoiceNumbering.defaultSeries
        self.init(supplier: supplier, rates: rates, series: series)
    }

    public var series: String { issuer.series }

    public func read(_ envelope: Envelope) -> BillingMessage {
        BillingMessage.read(type: envelope.type, body: envelope.body)
    }

    /// One contract's messages are applied in order.
    public func partitionKey(of message: BillingMessage) -> String? {
        message.contractId
    }

    public func handle(_ messages: [Received<BillingMessage>], on connection: PostgresConnection) throws -> [HandlingResult] {
        let now = clock()
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(messages.count)
        var drafts: [DocumentDraft] = []
        var owners: [Int] = []
        func record(_ outcome: Outcome) {
            if case .drafts(let made) = outcome {
                drafts += made
                owners += Array(repeating: outcomes.count, count: made.count)
            }
            outcomes.append(outcome)
        }
        // Consecutive contracts (distinct ids) are registered together: new ones in a few statements.
        var run: [(contract: BillingContract, envelope: Envelope)] = []
        func flush() throws {
            for outcome in try register(run, at: now, on: connection) { record(outcome) }
            run.removeAll()
        }
        for received in messages {
            if case .contract(let contract) = received.message {
                if run.contains(where: { $0.contract.contractId == contract.contractId }) { try flush() }
                run.append((contract, received.envelope))
                continue
            }
            try flush()
            record(try apply(received.message, cause: received.envelope, at: now, on: connection))
        }
        try flush()
        let events = try issuer.issue(drafts, at: now, on: connection)
        var eventsByMessage = Array(repeating: [OutboxEvent](), count: messages.count)
        for (owner, event) in zip(owners, events) { eventsByMessage[owner].append(event) }
        return outcomes.enumerated().map { index, outcome in
            switch outcome {
            case .drafts: .handled(events: eventsByMessage[index])
            case .rejected(let rejection): .rejected(rejection)
            }
        }
    }

    enum Outcome {
        case drafts([DocumentDraft])
        case rejected(Rejection)
    }

    func apply(_ message: BillingMessage, cause: Envelope, at now: Date, on connection: PostgresConnection) throws -> Outcome {
        switch message {
        case .invalid(let rejection):
            return .rejected(rejection)
        case .contract(let contract):
            return try register(contract, cause: cause, at: now, on: connection)
        case .credit(let request):
            return try credit(request, cause: cause, at: now, on: connection)
        default:
            guard let contractId = message.contractId else { return .drafts([]) }
            guard let contract = try ContractStore.locked(contractId, on: connection) else {
                return .rejected(Rejection(subject: contractId, errors: [
                    FieldError(field: "contractId", code: .unknownContract, message: "no contract with this id was registered"),
                ]))
            }
            return try applyToContract(message, contract, cause: cause, at: now, on: connection)
        }
    }

    /// A contract arrives: a new one is saved, a higher revision replaces the lines not invoiced
    /// (changing an invoiced one is refused), an equal or lower revision changes nothing. Then
    /// every line that is due is invoiced.
    func register(_ contract: BillingContract, cause: Envelope, at now: Date, on connection: PostgresConnection) throws -> Outcome {
        let existing = try ContractStore.locked(contract.contractId, on: connection)
        if let existing {
            guard contract.revision > existing.revision else { return .drafts([]) }
            let billed = try ActivityStore.billed(contract.contractId, on: connection)
            let invoicedLines = Set(billed.filter { !$0.value }.keys.compactMap(Self.lineId(ofSource:)))
            let creditedLines = Set(billed.filter(\.value).keys.compactMap(Self.lineId(ofSource:)))
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
            // A credited line that the revision changes is invoiced again when due.
            let revisedCredited = ScheduleRules.invoicedLinesChanged(from: existing.schedule, to: contract.schedule, invoiced: creditedLines)
            try ActivityStore.release(revisedCredited.map(Self.source(line:)), of: contract.contractId, on: connection)
        }
        try ContractStore.save(contract, isNew: existing == nil, at: now, on: connection)
        // Fixed-date lines still to come are issued by a timer at 06:00 on their date; a date
        // already past is issued now, below. A revision replaces the timers of the lines it keeps.
        let future = try contract.schedule.compactMap { line -> ScheduledTimer? in
            guard case .on(let date) = line.due, ScheduleRules.dueInstant(of: date) > now else { return nil }
            return try BillingTimer.lineDue(contractId: contract.contractId, lineId: line.lineId, on: date)
        }
        try Timers.schedule(future, on: connection, now: now)
        return .drafts(try dueLines(of: contract, cause: cause, on: connection, at: now))
    }

    /// Registers a run of contracts with distinct ids, in order: contracts billing does not know yet
    /// are saved together (one lock query, one pipeline of inserts for the contracts, their lines,
    /// the claims on what is due and the timers of what is to come), known ones one at a time
    /// (``register(_:cause:at:on:)``).
    func register(
        _ run: [(contract: BillingContract, envelope: Envelope)], at now: Date, on connection: PostgresConnection
    ) throws -> [Outcome] {
        guard run.count > 1 else {
            return try run.map { try register($0.contract, cause: $0.envelope, at: now, on: connection) }
        }
        let known = try ContractStore.known(run.map(\.contract.contractId), on: connection)
        let new = run.filter { !known.contains($0.contract.contractId) }.map(\.contract)
        // A new contract has no meetings (they reference it) and no claims: what is due is due now.
        let due = new.map { ScheduleRules.dueLines(of: $0.schedule, invoiced: [], meetingsHeld: 0, now: now) }
        let timers = try new.flatMap { contract in
            try contract.schedule.compactMap { line -> ScheduledTimer? in
                guard case .on(let date) = line.due, ScheduleRules.dueInstant(of: date) > now else { return nil }
                return try BillingTimer.lineDue(contractId: contract.contractId, lineId: line.lineId, on: date)
            }
        }
        try ContractStore.saveNew(
            new, claiming: zip(new, due).flatMap { contract, lines in lines.map { (contract.contractId, Self.source(line: $0.lineId)) } },
            timers: timers, at: now, on: connection)
        let dueById = Dictionary(uniqueKeysWithValues: zip(new.map(\.contractId), zip(new, due)))
        return try run.map { contract, envelope in
            guard let (saved, lines) = dueById[contract.contractId] else {
                return try register(contract, cause: envelope, at: now, on: connection)
            }
            return .drafts(lines.map { line in
                invoice(saved, source: Self.source(line: line.lineId),
                        lines: [.single(lineId: line.lineId, description: line.description, price: line.amount)], cause: envelope)
            })
        }
    }

    /// The documents for the lines of `contract` that are due now and not invoiced, claimed.
    func dueLines(of contract: BillingContract, cause: Envelope?, on connection: PostgresConnection, at now: Date) throws -> [DocumentDraft] {
        let needsMeetings = contract.schedule.contains { if case .afterMeetings = $0.due { true } else { false } }
        let meetings = needsMeetings ? try ContractStore.meetingsHeld(contract.contractId, on: connection) : 0
        let candidates = ScheduleRules.dueLines(of: contract.schedule, invoiced: [], meetingsHeld: meetings, now: now)
        let claimed = try ActivityStore.claim(candidates.map { Self.source(line: $0.lineId) }, of: contract.contractId, on: connection)
        return candidates.filter { claimed.contains(Self.source(line: $0.lineId)) }.map { line in
            invoice(contract, source: Self.source(line: line.lineId),
                    lines: [.single(lineId: line.lineId, description: line.description, price: line.amount)], cause: cause)
        }
    }

    private func applyToContract(
        _ message: BillingMessage, _ contract: BillingContract, cause: Envelope, at now: Date, on connection: PostgresConnection
    ) throws -> Outcome {
        switch message {
        case .meeting(let meeting):
            guard try ContractStore.recordMeeting(meeting, at: now, on: connection) else { return .drafts([]) }
            return .drafts(try dueLines(of: contract, cause: cause, on: connection, at: now))
        case .eventBooked(let booking):
            guard try ActivityStore.book(booking, on: connection) else { return .drafts([]) }
            let half = EventHalves(price: booking.price).onBooking
            return .drafts(try claimed(
                contract, source: "event:\(booking.eventId)/booked", lineId: "\(booking.eventId)/booked",
                description: "\(booking.title), 1/2 ved booking af oplægsholdere", amount: half, cause: cause, on: connection))
        case .eventHeld(let holding):
            guard let event = try ActivityStore.event(holding.eventId, of: contract.contractId, on: connection) else {
                return .rejected(Rejection(subject: contract.contractId, errors: [
                    FieldError(field: "eventId", code: .unknownEvent, message: "no event with this id was booked for the contract"),
                ]))
            }
            guard !event.cancelled else {
                return .rejected(Rejection(subject: contract.contractId, errors: [
                    FieldError(field: "eventId", code: .eventCancelled, message: "the event was cancelled; its second half is not invoiced"),
                ]))
            }
            try ActivityStore.markHeld(holding, on: connection)
            let rest = EventHalves(price: Money(ore: event.priceOre)).afterEvent
            return .drafts(try claimed(
                contract, source: "event:\(holding.eventId)/held", lineId: "\(holding.eventId)/held",
                description: "\(event.title), 1/2 efter afholdelse", amount: rest, cause: cause, on: connection))
        case .eventCancelled(let cancellation):
            guard try ActivityStore.event(cancellation.eventId, of: contract.contractId, on: connection) != nil else {
                return .rejected(Rejection(subject: contract.contractId, errors: [
                    FieldError(field: "eventId", code: .unknownEvent, message: "no event with this id was booked for the contract"),
                ]))
            }
            try ActivityStore.cancel(cancellation, on: connection)
            return .drafts([])
        case .extra(let extra):
            guard try ActivityStore.deliver(extra, on: connection) else { return .drafts([]) }
            return .drafts(try claimed(
                contract, source: "extra:\(extra.extraId)", lineId: extra.extraId, description: extra.description,
                amount: extra.amount, cause: cause, on: connection))
        case .trip(let trip):
            guard contract.mileage == .stateRate else {
                return .rejected(Rejection(subject: contract.contractId, errors: [
                    FieldError(field: "contractId", code: .mileageIncluded, message: "the contract includes mileage in its price"),
                ]))
            }
            guard rates.rate(on: trip.date) != nil else {
                return .rejected(Rejection(subject: contract.contractId, errors: [
                    FieldError(field: "date", code: .noMileageRate, message: "the mileage rate table has no state rate for this date"),
                ]))
            }
            if try ActivityStore.log(trip, on: connection) {
                try Timers.schedule(try BillingTimer.mileageMonth(contractId: contract.contractId, tripDate: trip.date), on: connection, now: now)
            }
            return .drafts([])
        case .contract, .credit, .invalid:
            return .drafts([])
        }
    }

    /// Billing staff ask for a credit note of a whole invoice.
    func credit(_ request: CreditRequest, cause: Envelope, at now: Date, on connection: PostgresConnection) throws -> Outcome {
        func refused(_ code: FieldError.Code, _ message: String, contractId: String? = nil) -> Outcome {
            .rejected(Rejection(subject: contractId, errors: [FieldError(field: "invoiceNumber", code: code, message: message)]))
        }
        guard let stored = try DocumentStore.load(series: series, number: request.invoiceNumber, supplier: issuer.supplier, on: connection)
        else { return refused(.unknownInvoice, "no invoice with this number was issued") }
        guard stored.invoice.kind == .invoice else {
            return refused(.notAnInvoice, "this number is a credit note", contractId: stored.contractId)
        }
        guard try ActivityStore.claimCredit(series: series, number: request.invoiceNumber, reason: request.reason, at: now, on: connection)
        else { return refused(.alreadyCredited, "this invoice is credited already", contractId: stored.contractId) }
        try ActivityStore.markCredited(stored.source, of: stored.contractId, on: connection)
        return .drafts([DocumentDraft(
            contractId: stored.contractId, source: "credit:\(request.invoiceNumber)", content: .creditNote(crediting: stored.invoice),
            cause: cause)])
    }

    /// A one-line invoice for `source`, if it was not claimed before.
    private func claimed(
        _ contract: BillingContract, source: String, lineId: String, description: String, amount: Money, cause: Envelope,
        on connection: PostgresConnection
    ) throws -> [DocumentDraft] {
        guard amount > .zero, try !ActivityStore.claim([source], of: contract.contractId, on: connection).isEmpty else { return [] }
        return [invoice(contract, source: source, lines: [.single(lineId: lineId, description: description, price: amount)], cause: cause)]
    }

    /// The line id of the part of a trip beyond 20,000 km in the year: `TRIPID/over-20000`.
    static let overLimitSuffix = "/over-20000"

    /// The invoice of `contract`'s trips in `month` not invoiced yet: a line per trip at the state
    /// rate on its date, the high rate for the first 20,000 km of the calendar year (the trips of
    /// the year before this month, and this month's already invoiced, count first), the low rate
    /// beyond; a trip crossing 20,000 km is two lines.
    func mileage(of contract: BillingContract, month: CivilDate, on connection: PostgresConnection) throws -> [DocumentDraft] {
        let (trips, drivenBefore) = try ActivityStore.trips(of: contract.contractId, in: month, on: connection)
        let claimed = try ActivityStore.claim(trips.map { "trip:\($0.tripId)" }, of: contract.contractId, on: connection)
        var driven = drivenBefore
        var lines: [InvoiceLine] = []
        for trip in trips {
            let tripDriven = driven
            driven = driven + trip.distance
            guard claimed.contains("trip:\(trip.tripId)") else { continue }
            let priced = try MonthlyMileage(trips: [trip], drivenEarlierThisYear: tripDriven, rates: rates)
            // A trip's line has its id; the part of a trip crossing 20,000 km beyond it, TRIPID/over-20000.
            for (index, line) in priced.lines.enumerated() {
                lines.append(InvoiceLine(
                    lineId: index == 0 ? trip.tripId : trip.tripId + Self.overLimitSuffix,
                    description: line.description, quantity: line.quantity, unitCode: line.unitCode, unitPrice: line.unitPrice,
                    amount: line.amount))
            }
        }
        guard !lines.isEmpty else { return [] }
        let source = "mileage:\(month.description.prefix(7))"
        _ = try ActivityStore.claim([source], of: contract.contractId, on: connection)
        return [invoice(contract, source: source, lines: lines, cause: nil)]
    }

    private func invoice(_ contract: BillingContract, source: String, lines: [InvoiceLine], cause: Envelope?) -> DocumentDraft {
        DocumentDraft(
            contractId: contract.contractId, source: source,
            content: .invoice(customer: contract.customer, paymentTermsDays: contract.paymentTermsDays, lines: lines), cause: cause)
    }

    static func source(line lineId: String) -> String { "line:\(lineId)" }

    static func lineId(ofSource source: String) -> String? {
        source.hasPrefix("line:") ? String(source.dropFirst(5)) : nil
    }
}

/// A billing setting is missing.
public enum BillingConfigurationError: Error, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let name): "\(name) is not set"
        }
    }
}
