import Foundation
import Messaging
import PostgresClient

/// Intake's reaction to what jobcenter systems publish: `sheet.submitted` (a Spot et job sheet
/// arrives, ``handleSubmission(_:on:)``) and `sheet.withdrawn` (``handleWithdrawal(_:on:)``).
public struct IntakeHandler: MessageHandler {
    public let routingKeys = [IntakeEvents.sheetSubmitted, IntakeEvents.sheetWithdrawn]
    private let clock: @Sendable () -> Date

    public init(clock: @escaping @Sendable () -> Date = Date.init) {
        self.clock = clock
    }

    public func handle(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult {
        switch envelope.type {
        case IntakeEvents.sheetSubmitted: try handleSubmission(envelope, on: connection)
        case IntakeEvents.sheetWithdrawn: try handleWithdrawal(envelope, on: connection)
        default:
            try reject(
                envelope, SheetRejection(sheetId: nil, errors: [
                    FieldError(field: "$", code: .unsupportedType, message: "intake does not handle messages of type \(envelope.type)"),
                ]), on: connection)
        }
    }

    /// A sheet arrives: a new sheet id registers an opening, a higher revision updates it, the same
    /// or a lower revision is a duplicate with no effect, an invalid sheet is rejected.
    func handleSubmission(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult {
        let sheet: SpotJobSheet
        switch SheetValidator.validateSheet(envelope.body) {
        case .success(let valid): sheet = valid
        case .failure(let rejection): return try reject(envelope, rejection, on: connection)
        }
        let now = clock()
        guard let existing = try OpeningStore.existing(sheetId: sheet.sheetId, on: connection) else {
            let openingId = UUID()
            try OpeningStore.save(sheet, openingId: openingId, at: now, on: connection)
            return .handled(events: [try event(
                IntakeEvents.openingRegistered, OpeningPayload(openingId: openingId, sheet: sheet, registeredAt: now),
                cause: envelope)])
        }
        guard !existing.withdrawn else {
            return try reject(envelope, SheetRejection(sheetId: sheet.sheetId, errors: [
                FieldError(field: "sheetId", code: .sheetWithdrawn, message: "this sheet was withdrawn; submit a new sheet id"),
            ]), on: connection)
        }
        guard sheet.revision > existing.revision else { return .handled(events: []) }
        try OpeningStore.save(sheet, openingId: existing.openingId, at: now, on: connection)
        return .handled(events: [try event(
            IntakeEvents.openingUpdated,
            OpeningPayload(openingId: existing.openingId, sheet: sheet, registeredAt: existing.registeredAt, updatedAt: now),
            cause: envelope)])
    }

    /// A sheet is withdrawn: its opening is withdrawn once; withdrawing again has no effect.
    func handleWithdrawal(_ envelope: Envelope, on connection: PostgresConnection) throws -> HandlingResult {
        let withdrawal: SheetWithdrawal
        switch SheetValidator.validateWithdrawal(envelope.body) {
        case .success(let valid): withdrawal = valid
        case .failure(let rejection): return try reject(envelope, rejection, on: connection)
        }
        guard let existing = try OpeningStore.existing(sheetId: withdrawal.sheetId, on: connection) else {
            return try reject(envelope, SheetRejection(sheetId: withdrawal.sheetId, errors: [
                FieldError(field: "sheetId", code: .unknownSheet, message: "no sheet with this id was registered"),
            ]), on: connection)
        }
        guard !existing.withdrawn else { return .handled(events: []) }
        let now = clock()
        try OpeningStore.withdraw(openingId: existing.openingId, reason: withdrawal.reason, at: now, on: connection)
        return .handled(events: [try event(
            IntakeEvents.openingWithdrawn,
            OpeningWithdrawnPayload(openingId: existing.openingId, sheetId: withdrawal.sheetId, reason: withdrawal.reason, withdrawnAt: now),
            cause: envelope)])
    }

    /// Keeps the rejected message and its errors, announces `sheet.rejected`, and has the message
    /// dead-lettered. The reason names fields and codes only: never the values, which may be
    /// personal data.
    private func reject(_ envelope: Envelope, _ rejection: SheetRejection, on connection: PostgresConnection) throws -> HandlingResult {
        let payload = SheetRejectedPayload(
            messageId: envelope.messageID, sheetId: rejection.sheetId, errors: rejection.errors, receivedAt: clock())
        try RejectedSheetStore.insert(payload, envelope: envelope, on: connection)
        let reason = "rejected: " + rejection.errors.map { "\($0.field) \($0.code.rawValue)" }.joined(separator: ", ")
        return .rejected(reason: reason, events: [try event(IntakeEvents.sheetRejected, payload, cause: envelope)])
    }

    private func event(_ type: String, _ payload: some Encodable, cause: Envelope) throws -> OutboxEvent {
        try OutboxEvent(type: type, payload: payload, producer: IntakeEvents.service, cause: cause)
    }
}
