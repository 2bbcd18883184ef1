import AMQPClient
import Contracts
import JSON
import Logging
import Messaging
import TestSupport

/// Watches everything on the wire during the run, as a downstream system would: every event on
/// `spotjob` and every dead letter on `spotjob.dead`, each in a durable queue of its own that
/// outlives the broker restart. It keeps, per routing key, the message ids seen (and how often) and,
/// for the events the checks look at, the message ids per subject (the sheet, task, check-in,
/// invoice… the event is about).
actor ChaosObserver {
    private let events: EventObserver
    private let deadLetters: EventObserver
    private var drain: Task<Void, Never>?

    /// Deliveries and distinct message ids per routing key.
    private(set) var deliveries: [String: Int] = [:]
    private var messageIDs: [String: Set<String>] = [:]
    /// Routing key → subject → distinct message ids of the events about it.
    private var subjects: [String: [String: Set<String>]] = [:]
    /// Service → message ids it dead-lettered.
    private(set) var deadLettered: [String: Set<String>] = [:]
    private(set) var lastArrival = ContinuousClock.now

    init(stack: LocalStack, logger: Logger) throws {
        events = try EventObserver(stack: stack, routingKeys: ["#"], durable: true, logger: logger)
        deadLetters = try EventObserver(
            stack: stack, exchange: SpotJobTopology.deadLetterExchange, routingKeys: ServiceFleet.services,
            durable: true, logger: logger)
    }

    /// Binds both queues, then collects until ``stop()``.
    func start() async {
        await events.start()
        await deadLetters.start()
        drain = Task { [events, deadLetters] in
            while !Task.isCancelled {
                let arrived = await events.collect(.max, timeout: .milliseconds(300))
                let dead = await deadLetters.collect(.max, timeout: .milliseconds(1))
                self.record(arrived, dead: dead)
            }
        }
    }

    /// Stops collecting and deletes both queues.
    func stop() async {
        drain?.cancel()
        await drain?.value
        await events.close()
        await deadLetters.close()
    }

    /// What the checks read: per routing key the distinct message ids about each subject, and the
    /// message ids each service dead-lettered.
    struct Snapshot: Sendable {
        let subjects: [String: [String: Set<String>]]
        let deadLettered: [String: Set<String>]

        func subjects(of routingKey: String) -> [String: Set<String>] { subjects[routingKey] ?? [:] }
    }

    func snapshot() -> Snapshot { Snapshot(subjects: subjects, deadLettered: deadLettered) }

    /// Deliveries of a message id seen before, per routing key.
    var duplicateDeliveries: [String: Int] {
        deliveries.reduce(into: [:]) { result, entry in
            let repeated = entry.value - (messageIDs[entry.key]?.count ?? 0)
            if repeated > 0 { result[entry.key] = repeated }
        }
    }

    private func record(_ arrived: [Delivery], dead: [Delivery]) {
        if !arrived.isEmpty || !dead.isEmpty { lastArrival = .now }
        for delivery in arrived {
            let key = delivery.routingKey
            let id = delivery.properties.messageID?.lowercased() ?? ""
            deliveries[key, default: 0] += 1
            messageIDs[key, default: []].insert(id)
            if let subject = Self.subject(of: key, body: delivery.body) { subjects[key, default: [:]][subject, default: []].insert(id) }
        }
        for delivery in dead {
            deliveries["dead-letter \(delivery.routingKey)", default: 0] += 1
            messageIDs["dead-letter \(delivery.routingKey)", default: []].insert(delivery.properties.messageID?.lowercased() ?? "")
            deadLettered[delivery.routingKey, default: []].insert(delivery.properties.messageID?.lowercased() ?? "")
        }
    }

    /// What an event is about, for the events the checks count; `nil` for the others.
    static func subject(of routingKey: String, body: [UInt8]) -> String? {
        let fields: [String]
        switch routingKey {
        case IntakeEvents.openingRegistered: fields = ["sheetId"]
        case FollowupEvents.taskOpened, FollowupEvents.contactRecorded: fields = ["openingId"]
        case FollowupEvents.contactDue: fields = ["taskId"]
        case FollowupEvents.escalated: fields = ["kind", "taskId", "checkinId", "level"]
        case FollowupEvents.checkinScheduled, FollowupEvents.checkinDue: fields = ["checkinId"]
        case MatchingEvents.placementRecorded: fields = ["placementId"]
        case BillingEvents.invoiceIssued: fields = ["contractId", "invoiceNumber"]
        default: return nil
        }
        guard case .object(let object)? = try? JSONParser.parse(body) else { return nil }
        return fields.compactMap { field -> String? in
            switch object[field] {
            case .string(let text)?: text.lowercased()
            case .number(let number)?: number.text
            default: nil
            }
        }.joined(separator: " ")
    }
}
