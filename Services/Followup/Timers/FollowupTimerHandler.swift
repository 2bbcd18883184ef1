import Contracts
import Foundation
import Messaging
import PostgresClient

/// A reminder fires (or a closed task's contact is erased): followup's reaction to its timers coming due, in the transaction that deletes
/// them (see ``TimerHandler``). A timer whose task was closed or check-in completed meanwhile does
/// nothing.
///
/// A contact task has one timer at a time, a chain: the reminder (08:00 on the due day) schedules
/// escalation level 1 at the deadline, which schedules level 2 (16:00 two working days later). One
/// timer row per open task instead of three; a chain already past fires at once, in order; a
/// contact cancels whichever link is pending.
public struct FollowupTimerHandler: TimerHandler {
    let calendar: FollowupCalendar

    /// The kinds it fires (``FollowupTimer``).
    public static let kinds = FollowupTimer.allCases.map(\.rawValue)

    public init(calendar: FollowupCalendar) {
        self.calendar = calendar
    }

    public func fire(_ timers: [DueTimer], on connection: PostgresConnection) throws -> [OutboxEvent] {
        try timers.flatMap { timer -> [OutboxEvent] in
            guard let kind = FollowupTimer(rawValue: timer.kind), let key = UUID(uuidString: timer.key) else { return [] }
            switch kind {
            case .contactReminder:
                guard let task = try ContactTaskStore.task(taskId: key, on: connection), task.isOpen else { return [] }
                try Timers.schedule(FollowupTimer.contactEscalation1.scheduled(key: task.taskId, at: task.dueAt), on: connection)
                return [try event(
                    FollowupEvents.contactDue, ContactDuePayload(taskId: task.taskId, openingId: task.openingId, dueAt: task.dueAt),
                    municipality: task.municipality)]
            case .contactEscalation1, .contactEscalation2:
                guard let task = try ContactTaskStore.task(taskId: key, on: connection), task.isOpen else { return [] }
                let level = kind == .contactEscalation1 ? 1 : 2
                if level == 1 {
                    try Timers.schedule(FollowupTimer.contactEscalation2.scheduled(
                        key: task.taskId, at: calendar.secondEscalation(dueAt: task.dueAt)), on: connection)
                }
                try ContactTaskStore.escalated(taskId: task.taskId, level: level, on: connection)
                return [try event(FollowupEvents.escalated, EscalatedPayload.contact(
                    taskId: task.taskId, openingId: task.openingId, level: level, dueAt: task.dueAt), municipality: task.municipality)]
            case .checkinDue:
                guard let checkin = try CheckinStore.checkin(key, on: connection), checkin.status == "scheduled" else { return [] }
                try CheckinStore.markDue(checkin.checkinId, on: connection)
                return [try event(FollowupEvents.checkinDue, CheckinPayload(checkin), municipality: checkin.jobcenter)]
            case .checkinEscalation:
                guard let checkin = try CheckinStore.checkin(key, on: connection), checkin.isPending else { return [] }
                try CheckinStore.markEscalated(checkin.checkinId, on: connection)
                return [try event(FollowupEvents.escalated, EscalatedPayload.checkin(
                    checkinId: checkin.checkinId, placementId: checkin.placementId, dueAt: checkin.dueAt),
                    municipality: checkin.jobcenter)]
            case .contactErasure:
                _ = try ContactTaskStore.eraseContact(taskId: key, on: connection)
                return []
            }
        }
    }

    /// A reminder to `municipality`'s jobcenter.
    private func event(_ type: String, _ payload: some Encodable, municipality: String) throws -> OutboxEvent {
        try OutboxEvent(type: type, payload: payload, producer: FollowupEvents.service, municipality: municipality)
    }
}

extension CheckinPayload {
    init(_ checkin: CheckinStore.Checkin) {
        self.init(
            checkinId: checkin.checkinId, placementId: checkin.placementId, openingId: checkin.openingId,
            candidateId: checkin.candidateId, sequence: checkin.sequence, dueAt: checkin.dueAt)
    }
}
