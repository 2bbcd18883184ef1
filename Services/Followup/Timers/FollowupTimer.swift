import Foundation
import Messaging

/// Followup's durable timers: kind and key (a task or check-in id). They carry no payload: when one
/// fires, the task or check-in is read as it is then, so a contact or completion that came first
/// simply makes the timer a no-op (and cancels it where it can).
enum FollowupTimer: String, CaseIterable {
    /// 08:00 on the contact deadline's day: `followup.contact-due`.
    case contactReminder = "followup.contact-reminder"
    /// The contact deadline: `followup.escalated` level 1.
    case contactEscalation1 = "followup.contact-escalation-1"
    /// 16:00 two working days after the deadline: `followup.escalated` level 2.
    case contactEscalation2 = "followup.contact-escalation-2"
    /// 10:00 on a check-in's day: `followup.checkin-due`.
    case checkinDue = "followup.checkin-due"
    /// 16:00 two working days after a check-in was due: `followup.escalated` (kind `checkin`).
    case checkinEscalation = "followup.checkin-escalation"
    /// `FOLLOWUP_CONTACT_RETENTION_DAYS` after a task closed: its company contact's name, phone and
    /// e-mail are erased.
    case contactErasure = "followup.erase-contact"

    static let contactKinds: [FollowupTimer] = [.contactReminder, .contactEscalation1, .contactEscalation2]
    static let checkinKinds: [FollowupTimer] = [.checkinDue, .checkinEscalation]

    func scheduled(key: UUID, at dueAt: Date) -> ScheduledTimer {
        ScheduledTimer(kind: rawValue, key: key.uuidString.lowercased(), dueAt: dueAt)
    }

    /// The timers of `kinds` for `key`, to cancel.
    static func keys(_ kinds: [FollowupTimer], of key: UUID) -> [(kind: String, key: String)] {
        kinds.map { ($0.rawValue, key.uuidString.lowercased()) }
    }
}
