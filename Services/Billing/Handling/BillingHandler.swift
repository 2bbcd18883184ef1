import BodyReading
import Contracts
import Foundation
import Messaging
import PostgresClient

/// Billing's reaction to what it consumes: contracts and their revisions
/// (``ContractRegistration``), meetings, events, extras and trips (``ActivityRecording``), and
/// credit requests (``Crediting``). Each message's effect, and every document it makes due, is
/// committed in one transaction with the message's inbox entry; the documents of a batch are
/// numbered and issued together at its end (``DocumentIssuer``).
public struct BillingHandler: MessageHandler {
    let issuer: DocumentIssuer
    let registration: ContractRegistration
    let recording: ActivityRecording
    let crediting: Crediting
    private let clock: @Sendable () -> Date

    public init(settings: BillingSettings, clock: @escaping @Sendable () -> Date = Date.init) {
        issuer = settings.issuer
        registration = ContractRegistration(drafting: settings.drafting)
        recording = ActivityRecording(drafting: settings.drafting)
        crediting = Crediting(issuer: settings.issuer)
        self.clock = clock
    }

    public func read(_ envelope: Envelope) -> BillingMessage {
        BillingMessage.read(type: envelope.type, body: envelope.body)
    }

    /// One contract's messages are applied in order.
    public func partitionKey(of message: BillingMessage) -> String? {
        message.contractId
    }

    public func handle(_ messages: [Received<BillingMessage>], on connection: PostgresConnection) throws -> [HandlingResult] {
        let now = clock()
        var outcomes: [BillingOutcome] = []
        outcomes.reserveCapacity(messages.count)
        var drafts: [DocumentDraft] = []
        var owners: [Int] = []
        func record(_ outcome: BillingOutcome) {
            if case .drafts(let made) = outcome {
                drafts += made
                owners += Array(repeating: outcomes.count, count: made.count)
            }
            outcomes.append(outcome)
        }
        // Consecutive contracts (distinct ids) are registered together: new ones in a few statements.
        var run: [(contract: BillingContract, envelope: Envelope)] = []
        func flush() throws {
            for outcome in try registration.register(run, at: now, on: connection) { record(outcome) }
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

    private func apply(_ message: BillingMessage, cause: Envelope, at now: Date, on connection: PostgresConnection) throws -> BillingOutcome {
        switch message {
        case .invalid(let rejection):
            return .rejected(rejection)
        case .contract(let contract):
            return try registration.register(contract, cause: cause, at: now, on: connection)
        case .credit(let request):
            return try crediting.credit(request, cause: cause, at: now, on: connection)
        case .meeting, .eventBooked, .eventHeld, .eventCancelled, .extra, .trip:
            guard let contractId = message.contractId else { return .nothing }
            guard let contract = try ContractStore.locked(contractId, on: connection) else {
                return .rejected(Rejection(subject: contractId, errors: [
                    FieldError(field: "contractId", code: .unknownContract, message: "no contract with this id was registered"),
                ]))
            }
            return try recording.record(message, under: contract, cause: cause, at: now, on: connection)
        }
    }
}
