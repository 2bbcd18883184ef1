import BodyReading
import Chronology
import Contracts
import Foundation
import Messaging
import PostgresClient

/// Followup's reaction to what it consumes: intake hands an opening or a lead over (a contact task
/// opens, ``open(_:on:)``), a company is contacted (``recordContact(_:cause:on:)``), a placement
/// starts or ends (``schedule(_:cause:on:)``, ``end(placementId:cause:on:)``), a check-in is
/// completed (``complete(_:cause:on:)``). Bodies are read in ``read(_:)``, before the transaction;
/// deadlines are durable timers scheduled in the same transaction (``FollowupTimerHandler`` fires them).
public struct FollowupHandler: MessageHandler {
    let calendar: FollowupCalendar
    private let clock: @Sendable () -> Date

    public init(calendar: FollowupCalendar = FollowupCalendar(), clock: @escaping @Sendable () -> Date = Date.init) {
        self.calendar = calendar
        self.clock = clock
    }

    public func read(_ envelope: Envelope) -> FollowupMessage {
        FollowupMessage.read(type: envelope.type, body: envelope.body, readAt: clock())
    }

    public func partitionKey(of message: FollowupMessage) -> String? {
        message.partitionKey
    }

    /// Handles a batch in delivery order. Consecutive hand-overs are saved together (``open(_:on:)``);
    /// everything else is handled one message at a time.
    public func handle(_ messages: [Received<FollowupMessage>], on connection: PostgresConnection) throws -> [HandlingResult] {
        var results: [HandlingResult] = []
        results.reserveCapacity(messages.count)
        var run: [(envelope: Envelope, handover: HandoverPayload)] = []
        func flush() throws {
            results += try open(run, on: connection)
            run.removeAll()
        }
        for received in messages {
            if case .handover(let handover) = received.message {
                // One statement cannot change a row twice: an opening already in the run starts a new one.
                if run.contains(where: { $0.handover.openingId == handover.openingId }) { try flush() }
                run.append((received.envelope, handover))
            } else {
                try flush()
                results.append(try handle(received, on: connection))
            }
        }
        try flush()
        return results
    }

    private func handle(_ received: Received<FollowupMessage>, on connection: PostgresConnection) throws -> HandlingResult {
        let envelope = received.envelope
        switch received.message {
        case .handover(let handover): return try open([(envelope, handover)], on: connection)[0]
        case .openingWithdrawn(let openingId): return try withdraw(openingId, on: connection)
        case .contacted(let contact): return try recordContact(contact, cause: envelope, on: connection)
        case .placement(let placement): return try schedule(placement, cause: envelope, on: connection)
        case .placementEnded(let placementId, let endDate, let reason):
            return try end(placementId: placementId, endDate: endDate, reason: reason, cause: envelope, on: connection)
        case .checkinCompleted(let completion): return try complete(completion, cause: envelope, on: connection)
        case .invalid(let rejection): return .rejected(rejection)
        }
    }

    /// Hand-overs arrive (of distinct openings): each new opening's or lead's task opens with the
    /// deadline counted from the sheet's submission, and its reminder is scheduled (the reminder
    /// schedules the first escalation when it fires, that one the second: ``FollowupTimerHandler``);
    /// one round trip for the whole run. A later revision (higher `revision`) updates what followup
    /// keeps and, while the task is open, is announced as `followup.task-updated`; it never moves the
    /// deadline. A redelivered or overtaken older revision changes nothing.
    func open(_ handovers: [(envelope: Envelope, handover: HandoverPayload)], on connection: PostgresConnection) throws -> [HandlingResult] {
        guard !handovers.isEmpty else { return [] }
        let now = clock()
        let tasks = handovers.map { entry in
            let submittedAt = entry.handover.submittedAt ?? entry.handover.registeredAt
            return (handover: entry.handover, taskId: UUID.timeOrdered(at: now), submittedAt: submittedAt,
                    deadlines: calendar.contactDeadlines(submittedAt: submittedAt))
        }
        let timers = tasks.map { FollowupTimer.contactReminder.scheduled(key: $0.taskId, at: $0.deadlines.reminderAt) }
        let saved = try ContactTaskStore.save(
            tasks.map { ($0.handover, $0.submittedAt, $0.taskId, $0.deadlines.dueAt) }, timers: timers, at: now, on: connection)
        return try zip(handovers, tasks).map { entry, task in
            let openingId = task.handover.openingId
            let announced: (type: String, taskId: UUID, dueAt: Date)
            if saved.opened.contains(openingId) {
                announced = (FollowupEvents.taskOpened, task.taskId, task.deadlines.dueAt)
            } else if saved.updated.contains(openingId), let open = saved.openTasks[openingId] {
                announced = (FollowupEvents.taskUpdated, open.taskId, open.dueAt)
            } else {
                return .handled(events: [])
            }
            return .handled(events: [try event(announced.type, TaskOpenedPayload(
                taskId: announced.taskId, handover: task.handover, submittedAt: task.submittedAt, dueAt: announced.dueAt),
                cause: entry.envelope, municipality: task.handover.municipality)])
        }
    }

    /// The opening (or lead) is withdrawn: its task closes, its timers are cancelled, and its
    /// contact's erasure is scheduled.
    func withdraw(_ openingId: UUID, on connection: PostgresConnection) throws -> HandlingResult {
        let now = clock()
        if let taskId = try ContactTaskStore.withdraw(openingId: openingId, at: now, on: connection) {
            _ = try Timers.cancel(FollowupTimer.keys(FollowupTimer.contactKinds, of: taskId), on: connection)
            try scheduleErasure(of: taskId, closedAt: now, on: connection)
        }
        return .handled(events: [])
    }

    /// The contact of a task closed at `closedAt` is erased ``FollowupCalendar/contactRetentionDays`` later.
    private func scheduleErasure(of taskId: UUID, closedAt: Date, on connection: PostgresConnection) throws {
        try Timers.schedule(
            FollowupTimer.contactErasure.scheduled(key: taskId, at: calendar.contactErasure(closedAt: closedAt)), on: connection)
    }

    /// A company was contacted: the contact is recorded; the first that reached the company closes
    /// the task and cancels its timers (`no-answer` keeps it open). A contact for a closed task is
    /// recorded and announced but changes nothing. Only the opening's jobcenter (or Code of Care)
    /// reports contacts for it.
    func recordContact(
        _ contact: FollowupMessage.CompanyContact, cause envelope: Envelope, on connection: PostgresConnection
    ) throws -> HandlingResult {
        let subject = contact.openingId.uuidString.lowercased()
        if let refusal = Sender.refusal(of: envelope.sender, about: nil, field: "openingId") {
            return .rejected(Rejection(subject: subject, errors: [refusal]))
        }
        guard let task = try ContactTaskStore.task(openingId: contact.openingId, on: connection) else {
            return .rejected(Rejection(subject: subject, errors: [
                FieldError(field: "openingId", code: .unknownOpening, message: "followup knows no opening with this id"),
            ]))
        }
        // The duty is the jobcenter's of the opening's municipality.
        if let refusal = try Sender.refusal(of: envelope.sender, about: task.municipality, field: "openingId", on: connection) {
            return .rejected(Rejection(subject: subject, errors: [refusal]))
        }
        let onTime = contact.contactedAt <= task.dueAt
        let closing = task.isOpen && contact.outcome.closesTask
        let now = clock()
        try ContactTaskStore.record(
            contact, task: task, onTime: onTime, closing: closing, messageID: envelope.messageID, at: now, on: connection)
        if closing {
            _ = try Timers.cancel(FollowupTimer.keys(FollowupTimer.contactKinds, of: task.taskId), on: connection)
            try scheduleErasure(of: task.taskId, closedAt: now, on: connection)
        }
        return .handled(events: [try event(FollowupEvents.contactRecorded, ContactRecordedPayload(
            taskId: task.taskId, openingId: task.openingId, outcome: contact.outcome, contactedAt: contact.contactedAt,
            onTime: onTime), cause: envelope, municipality: task.municipality)])
    }

    /// A placement starts: its check-ins are scheduled (7, 28 and 91 days by default).
    func schedule(
        _ placement: FollowupMessage.PlacementNotice, cause envelope: Envelope, on connection: PostgresConnection
    ) throws -> HandlingResult {
        let now = clock()
        let checkins = calendar.checkins(startDate: placement.startDate).map { (id: UUID.timeOrdered(at: now), checkin: $0) }
        guard try CheckinStore.record(placement, checkins: checkins, at: now, on: connection) else { return .handled(events: []) }
        try Timers.schedule(checkins.flatMap { id, checkin in
            [FollowupTimer.checkinDue.scheduled(key: id, at: checkin.dueAt),
             FollowupTimer.checkinEscalation.scheduled(key: id, at: checkin.escalationAt)]
        }, on: connection, now: now)
        return .handled(events: try checkins.map { id, checkin in
            try event(FollowupEvents.checkinScheduled, CheckinPayload(
                checkinId: id, placementId: placement.placementId, openingId: placement.openingId,
                candidateId: placement.candidateId, sequence: checkin.sequence, dueAt: checkin.dueAt),
                cause: envelope, municipality: placement.jobcenter)
        })
    }

    /// A placement ends: the check-ins still to come are cancelled.
    func end(
        placementId: String, endDate: CivilDate, reason: String, cause envelope: Envelope, on connection: PostgresConnection
    ) throws -> HandlingResult {
        guard let cancelled = try CheckinStore.end(placementId: placementId, endDate: endDate, reason: reason, on: connection) else {
            return .rejected(Rejection(subject: placementId, errors: [
                FieldError(field: "placementId", code: .unknownPlacement, message: "followup knows no placement with this id"),
            ]))
        }
        _ = try Timers.cancel(cancelled.flatMap { FollowupTimer.keys(FollowupTimer.checkinKinds, of: $0) }, on: connection)
        return .handled(events: [])
    }

    /// A check-in is completed: its timers are cancelled, and `needs-support` or `at-risk` is
    /// announced as a retention risk. Completing it again changes nothing. Only the citizen's
    /// jobcenter (or Code of Care) completes its check-ins.
    func complete(
        _ completion: FollowupMessage.CheckinCompletion, cause envelope: Envelope, on connection: PostgresConnection
    ) throws -> HandlingResult {
        let subject = completion.checkinId.uuidString.lowercased()
        if let refusal = Sender.refusal(of: envelope.sender, about: nil, field: "checkinId") {
            return .rejected(Rejection(subject: subject, errors: [refusal]))
        }
        guard let checkin = try CheckinStore.checkin(completion.checkinId, on: connection) else {
            return .rejected(Rejection(subject: subject, errors: [
                FieldError(field: "checkinId", code: .unknownCheckin, message: "followup knows no check-in with this id"),
            ]))
        }
        if let refusal = Sender.refusal(of: envelope.sender, about: checkin.jobcenter, field: "checkinId") {
            return .rejected(Rejection(subject: subject, errors: [refusal]))
        }
        guard checkin.isPending else { return .handled(events: []) }
        try CheckinStore.complete(completion, on: connection)
        _ = try Timers.cancel(FollowupTimer.keys(FollowupTimer.checkinKinds, of: checkin.checkinId), on: connection)
        guard completion.outcome.isRisk else { return .handled(events: []) }
        return .handled(events: [try event(FollowupEvents.retentionRisk, RetentionRiskPayload(
            checkinId: checkin.checkinId, placementId: checkin.placementId, openingId: checkin.openingId,
            candidateId: checkin.candidateId, outcome: completion.outcome, completedAt: completion.completedAt),
            cause: envelope, municipality: checkin.jobcenter)])
    }

    /// An event about `municipality`'s opening, or the placement of a citizen of `municipality`'s
    /// jobcenter, delivered to that jobcenter.
    private func event(_ type: String, _ payload: some Encodable, cause: Envelope, municipality: String) throws -> OutboxEvent {
        try OutboxEvent(type: type, payload: payload, producer: FollowupEvents.service, cause: cause, municipality: municipality)
    }
}
