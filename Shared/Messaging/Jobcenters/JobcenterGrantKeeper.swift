import BodyReading
import Contracts
import Foundation
import PostgresClient

/// A service's handler that also keeps the jobcenters' registry (`jobcenter.registered`,
/// `jobcenter.removed`, published by the administrator alone) in the service's schema, where
/// ``Sender/refusal(of:about:field:on:)`` reads a jobcenter's granted neighbours. Everything else
/// goes to the service's own handler, in delivery order.
public struct JobcenterGrantKeeper<Handler: MessageHandler>: MessageHandler {
    public enum Message: Sendable {
        case registration(Result<JobcenterRegistration, Rejection>)
        case service(Handler.Message)
    }

    /// The routing keys of the registry.
    public static var keys: [String] { JobcenterEvents.all }

    public let handler: Handler
    private let clock: @Sendable () -> Date

    public init(_ handler: Handler, clock: @escaping @Sendable () -> Date = Date.init) {
        self.handler = handler
        self.clock = clock
    }

    public func read(_ envelope: Envelope) -> Message {
        switch envelope.type {
        case JobcenterEvents.registered: .registration(JobcenterRegistration.read(envelope.body, removed: false, readAt: clock()))
        case JobcenterEvents.removed: .registration(JobcenterRegistration.read(envelope.body, removed: true, readAt: clock()))
        default: .service(handler.read(envelope))
        }
    }

    /// A jobcenter's changes are applied in order.
    public func partitionKey(of message: Message) -> String? {
        switch message {
        case .registration(.success(let registration)): "jobcenter-\(registration.kommunekode)"
        case .registration(.failure): nil
        case .service(let message): handler.partitionKey(of: message)
        }
    }

    /// Hands each stretch of the service's messages to its handler at once, and applies the
    /// registry's changes between them.
    public func handle(_ messages: [Received<Message>], on connection: PostgresConnection) throws -> [HandlingResult] {
        var results: [HandlingResult] = []
        results.reserveCapacity(messages.count)
        var stretch: [Received<Handler.Message>] = []
        func flush() throws {
            guard !stretch.isEmpty else { return }
            results += try handler.handle(stretch, on: connection)
            stretch.removeAll()
        }
        for received in messages {
            switch received.message {
            case .service(let message):
                stretch.append(Received(envelope: received.envelope, message: message))
            case .registration(.success(let registration)):
                try flush()
                try JobcenterGrantStore.apply(registration, on: connection)
                results.append(.handled(events: []))
            case .registration(.failure(let rejection)):
                try flush()
                results.append(.rejected(rejection))
            }
        }
        try flush()
        return results
    }
}
