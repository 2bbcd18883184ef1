import BodyReading
import Contracts
import Foundation
import Messaging
import PostgresClient

/// Intake's reaction to what jobcenter systems publish: `sheet.submitted` (a Spot et job sheet
/// arrives, ``register(_:on:)``) and `sheet.withdrawn` (``withdraw(_:cause:on:)``). Bodies are
/// validated in ``read(_:)``, before the transaction.
public struct IntakeHandler: MessageHandler {
    private let clock: @Sendable () -> Date

    public init(clock: @escaping @Sendable () -> Date = Date.init) {
        self.clock = clock
    }

    /// Parses and validates a message's body, before the transaction.
    public func read(_ envelope: Envelope) -> IntakeMessage {
        switch envelope.type {
        case IntakeEvents.sheetSubmitted: .sheet(SheetValidator.validateSheet(envelope.body, readAt: clock()))
        case IntakeEvents.sheetWithdrawn: .withdrawal(SheetValidator.validateWithdrawal(envelope.body))
        default: .unsupported(type: envelope.type)
        }
    }

    /// Messages about one sheet are applied in order: a withdrawal never overtakes its sheet.
    public func partitionKey(of message: IntakeMessage) -> String? {
        message.sheetId
    }

    /// Handles a batch in delivery order. Consecutive valid submissions are saved together
    /// (``register(_:on:)``); everything else is handled one message at a time.
    ///
    /// A jobcenter sends sheets for its own municipality only, and revises only its own sheets
    /// (``Sender``); a sheet without a sender is refused `unknown-sender`.
    public func handle(_ messages: [Received<IntakeMessage>], on connection: PostgresConnection) throws -> [HandlingResult] {
        var results: [HandlingResult] = []
        results.reserveCapacity(messages.count)
        var run: [(envelope: Envelope, sheet: SpotJobSheet)] = []
        func flush() throws {
            results += try register(run, on: connection)
            run.removeAll()
        }
        // Whose each sheet is: stored, or sent earlier in this batch.
        var owner = try OpeningStore.municipalities(ofSheets: messages.compactMap { received in
            guard case .sheet(.success(let sheet)) = received.message, case .jobcenter = received.envelope.sender else { return nil }
            return sheet.sheetId
        }, on: connection)
        for received in messages {
            let envelope = received.envelope
            switch received.message {
            case .sheet(.success(let sheet)):
                let refusal = try Sender.refusal(of: envelope.sender, about: sheet.municipality.code, field: "municipality", on: connection)
                    ?? owner[sheet.sheetId].flatMap { try Sender.refusal(of: envelope.sender, about: $0, field: "sheetId", on: connection) }
                if let refusal {
                    try flush()
                    results.append(.rejected(Rejection(subject: sheet.sheetId, errors: [refusal])))
                    continue
                }
                owner[sheet.sheetId] = owner[sheet.sheetId] ?? sheet.municipality.code
                run.append((envelope, sheet))
            case .sheet(.failure(let rejection)), .withdrawal(.failure(let rejection)):
                try flush()
                results.append(.rejected(rejection))
            case .withdrawal(.success(let withdrawal)):
                try flush()
                results.append(try withdraw(withdrawal, cause: envelope, on: connection))
            case .unsupported(let type):
                try flush()
                results.append(.rejected(.unsupported(type: type, by: IntakeEvents.service)))
            }
        }
        try flush()
        return results
    }

    /// Valid sheets arrive: a new sheet id registers an opening (or a lead), a higher revision
    /// updates it, the same or a lower revision is a duplicate with no effect, and a revision of a
    /// withdrawn sheet is rejected; so is a lead's revision of an opening (an opening stays one). One
    /// round trip for the whole run, two when some changed nothing.
    ///
    /// Matching hears of openings only (`opening.registered`, `opening.updated`; a lead revised
    /// into an opening is registered then). Followup gets every sheet with its contact, on keys only
    /// followup binds: `opening.handed-over`, `lead.registered`, `lead.updated`.
    func register(_ sheets: [(envelope: Envelope, sheet: SpotJobSheet)], on connection: PostgresConnection) throws -> [HandlingResult] {
        guard !sheets.isEmpty else { return [] }
        let now = clock()
        let openingIds = sheets.map { _ in UUID.timeOrdered(at: now) }
        // One statement per stretch of distinct sheet ids: a statement cannot change a row twice.
        let chunks = Self.distinctStretches(of: sheets.map(\.sheet.sheetId))
        let results = try connection.pipeline(try chunks.map { range in
            try OpeningStore.saveStatement(Array(zip(sheets[range].map(\.sheet), openingIds[range])), at: now)
        })
        let saved = try zip(chunks, results).flatMap { range, rows in
            try OpeningStore.saved(rows, of: sheets[range].map(\.sheet))
        }
        let unchanged = zip(sheets, saved).compactMap { entry, saved in
            if case .unchanged = saved { entry.sheet.sheetId } else { nil }
        }
        let standing = unchanged.isEmpty ? [:] : try OpeningStore.standing(of: unchanged, on: connection)
        return try zip(zip(sheets, openingIds), saved).map { pair, saved in
            let ((envelope, sheet), openingId) = pair
            switch saved {
            case .registered:
                return .handled(events: try announcements(
                    of: sheet, openingId: openingId, registeredAt: now, updatedAt: nil, wasLead: nil, cause: envelope))
            case .updated(let existingId, let registeredAt, let wasLead):
                return .handled(events: try announcements(
                    of: sheet, openingId: existingId, registeredAt: registeredAt, updatedAt: now, wasLead: wasLead, cause: envelope))
            case .unchanged where standing[sheet.sheetId]?.withdrawn == true:
                return .rejected(Rejection(subject: sheet.sheetId, errors: [
                    FieldError(field: "sheetId", code: .sheetWithdrawn, message: "this sheet was withdrawn; submit a new sheet id"),
                ]))
            case .unchanged where sheet.isLead && standing[sheet.sheetId]?.isOpening(revisedBy: sheet.revision) == true:
                return .rejected(Rejection(subject: sheet.sheetId, errors: ["category", "tasks", "hoursPerWeek"].map {
                    FieldError(field: $0, code: .required, message: "is required: a revision of an opening cannot make it a lead")
                }))
            case .unchanged:
                return .handled(events: [])
            }
        }
    }

    /// The events of a saved `sheet`: for an opening, the announcement to matching (registered when
    /// new or, `wasLead`, revised from a lead; else updated) and the hand-over to followup; for a lead,
    /// the lead's (`wasLead` is `nil` for a new sheet).
    private func announcements(
        of sheet: SpotJobSheet, openingId: UUID, registeredAt: Date, updatedAt: Date?, wasLead: Bool?, cause: Envelope
    ) throws -> [OutboxEvent] {
        let handover = HandoverPayload(openingId: openingId, sheet: sheet, registeredAt: registeredAt, updatedAt: updatedAt)
        guard let opening = OpeningPayload(
            openingId: openingId, sheet: sheet, registeredAt: registeredAt, updatedAt: wasLead == false ? updatedAt : nil)
        else {
            return [try event(wasLead == nil ? IntakeEvents.leadRegistered : IntakeEvents.leadUpdated, handover, cause: cause)]
        }
        return [
            try event(wasLead == false ? IntakeEvents.openingUpdated : IntakeEvents.openingRegistered, opening, cause: cause),
            try event(IntakeEvents.openingHandedOver, handover, cause: cause),
        ]
    }

    /// Splits `keys` into consecutive ranges in which no key occurs twice, each as long as possible.
    static func distinctStretches(of keys: [String]) -> [Range<Int>] {
        var stretches: [Range<Int>] = []
        var start = 0
        var seen = Set<String>()
        for (index, key) in keys.enumerated() where !seen.insert(key).inserted {
            stretches.append(start..<index)
            start = index
            seen = [key]
        }
        if start < keys.count { stretches.append(start..<keys.count) }
        return stretches
    }

    /// A sheet is withdrawn: its opening (or lead) is withdrawn once; withdrawing again has no
    /// effect. A jobcenter withdraws only its own municipality's sheets.
    func withdraw(_ withdrawal: SheetWithdrawal, cause envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult {
        if let refusal = Sender.refusal(of: envelope.sender, about: nil, field: "sheetId") {
            return .rejected(Rejection(subject: withdrawal.sheetId, errors: [refusal]))
        }
        guard let existing = try OpeningStore.existing(sheetId: withdrawal.sheetId, on: connection) else {
            return .rejected(Rejection(subject: withdrawal.sheetId, errors: [
                FieldError(field: "sheetId", code: .unknownSheet, message: "no sheet with this id was registered"),
            ]))
        }
        if let refusal = try Sender.refusal(of: envelope.sender, about: existing.municipality, field: "sheetId", on: connection) {
            return .rejected(Rejection(subject: withdrawal.sheetId, errors: [refusal]))
        }
        guard !existing.withdrawn else { return .handled(events: []) }
        let now = clock()
        try OpeningStore.withdraw(openingId: existing.openingId, reason: withdrawal.reason, at: now, on: connection)
        return .handled(events: [try event(
            existing.isLead ? IntakeEvents.leadWithdrawn : IntakeEvents.openingWithdrawn,
            OpeningWithdrawnPayload(openingId: existing.openingId, sheetId: withdrawal.sheetId, reason: withdrawal.reason, withdrawnAt: now),
            cause: envelope)])
    }

    private func event(_ type: String, _ payload: some Encodable, cause: Envelope) throws -> OutboxEvent {
        try OutboxEvent(type: type, payload: payload, producer: IntakeEvents.service, cause: cause)
    }
}
