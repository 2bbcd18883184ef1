import AMQPClient
import Contracts
import Foundation
import JSON

/// An event seen on the broker, its body decoded as the `Contracts` type of its routing key.
public struct ObservedEvent: Sendable {
    public let routingKey: String
    public let messageID: String?
    public let appID: String?
    /// The decoded body: a value of ``ContractBodies/type(of:)`` for ``routingKey``.
    public let payload: any Sendable
    /// The names of the body's members, for what a type cannot tell: a member absent or `null`.
    public let memberNames: Set<String>

    /// Decodes `delivery`'s body with ``JSONCoding/makeDecoder()``; throws when its routing key has no
    /// contract type or the body is not a value of it.
    public init(_ delivery: Delivery) throws {
        routingKey = delivery.routingKey
        messageID = delivery.properties.messageID
        appID = delivery.properties.appID
        guard let type = ContractBodies.type(of: delivery.routingKey) else {
            throw UndecodableEvent(routingKey: delivery.routingKey, body: delivery.body, reason: "no Contracts type for this routing key")
        }
        do {
            payload = try Self.decode(type, delivery.body)
            memberNames = if case .object(let object) = try JSONParser.parse(delivery.body) { Set(object.members.map(\.0)) } else { [] }
        } catch {
            throw UndecodableEvent(routingKey: delivery.routingKey, body: delivery.body, reason: "\(error)")
        }
    }

    private static func decode<Body: Decodable & Sendable>(_: Body.Type, _ body: [UInt8]) throws -> any Sendable {
        try JSONCoding.makeDecoder().decode(Body.self, from: Data(body))
    }

    /// The body as `Body`, or nil when it is another type.
    public func body<Body>(_: Body.Type) -> Body? { payload as? Body }

    /// The body of a `*.rejected` event.
    public var rejected: RejectedPayload? { body(RejectedPayload.self) }
}

/// An event whose body is not what its contract says: the test that saw it fails.
public struct UndecodableEvent: Error, CustomStringConvertible {
    public let routingKey: String
    public let body: [UInt8]
    public let reason: String

    public var description: String {
        "\(routingKey): body does not decode as its contract type (\(reason)): \(String(decoding: body.prefix(500), as: UTF8.self))"
    }
}

/// The `Contracts` type of each routing key SpotJob's services emit.
public enum ContractBodies {
    public static func type(of routingKey: String) -> (any (Decodable & Sendable).Type)? {
        if routingKey.hasSuffix(".rejected") { return RejectedPayload.self }
        return types[routingKey]
    }

    private static let types: [String: any (Decodable & Sendable).Type] = [
        IntakeEvents.openingRegistered: OpeningPayload.self,
        IntakeEvents.openingUpdated: OpeningPayload.self,
        IntakeEvents.openingWithdrawn: OpeningWithdrawnPayload.self,
        IntakeEvents.openingHandedOver: HandoverPayload.self,
        IntakeEvents.leadRegistered: HandoverPayload.self,
        IntakeEvents.leadUpdated: HandoverPayload.self,
        IntakeEvents.leadWithdrawn: OpeningWithdrawnPayload.self,
        MatchingEvents.matchProposed: MatchProposedPayload.self,
        MatchingEvents.placementRecorded: PlacementRecordedPayload.self,
        MatchingEvents.placementEnded: PlacementEndedPayload.self,
        MatchingEvents.assignmentProposed: AssignmentProposedPayload.self,
        MatchingEvents.starReportGenerated: StarReportGeneratedPayload.self,
        FollowupEvents.taskOpened: TaskOpenedPayload.self,
        FollowupEvents.taskUpdated: TaskOpenedPayload.self,
        FollowupEvents.contactDue: ContactDuePayload.self,
        FollowupEvents.escalated: EscalatedPayload.self,
        FollowupEvents.contactRecorded: ContactRecordedPayload.self,
        FollowupEvents.checkinScheduled: CheckinPayload.self,
        FollowupEvents.checkinDue: CheckinPayload.self,
        FollowupEvents.retentionRisk: RetentionRiskPayload.self,
        BillingEvents.invoiceIssued: DocumentIssuedPayload.self,
        BillingEvents.creditNoteIssued: DocumentIssuedPayload.self,
    ]

    /// Every routing key the four services emit.
    public static let emitted = IntakeEvents.emitted + MatchingEvents.emitted + FollowupEvents.emitted + BillingEvents.emitted
}

extension EventObserver {
    /// Decoded events for which `isMine` holds, collected until `done` holds of them or `timeout`
    /// passed, then `settle` more to catch late ones and duplicates. Throws ``UndecodableEvent`` for
    /// any body, the test's or not, that is not its contract type.
    public func events(
        timeout: Duration = .seconds(30), settle: Duration = .milliseconds(700),
        where isMine: (ObservedEvent) -> Bool, until done: ([ObservedEvent]) -> Bool
    ) async throws -> [ObservedEvent] {
        var mine: [ObservedEvent] = []
        let deadline = ContinuousClock.now + timeout
        while !done(mine), ContinuousClock.now < deadline {
            mine += try await collect(1, timeout: .milliseconds(300)).map(ObservedEvent.init).filter(isMine)
        }
        mine += try await collect(Int.max, timeout: .zero, settle: settle).map(ObservedEvent.init).filter(isMine)
        return mine
    }

    /// Decoded events for which `isMine` holds, until `count` of them arrived or `timeout` passed,
    /// then `settle` more.
    public func events(
        _ count: Int, timeout: Duration = .seconds(30), settle: Duration = .milliseconds(700),
        where isMine: (ObservedEvent) -> Bool
    ) async throws -> [ObservedEvent] {
        try await events(timeout: timeout, settle: settle, where: isMine, until: { $0.count >= count })
    }
}
