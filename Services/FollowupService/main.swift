import Contracts
import Followup
import Messaging
import ServiceRuntime

// The followup service: companies contacted within their first working days, placements followed up.
await ServiceMain.run { environment in
    let calendar = try FollowupCalendar(environment: environment)
    return ServiceDeclaration(
        name: FollowupEvents.service,
        consumes: FollowupEvents.consumed,
        handler: FollowupHandler(calendar: calendar),
        timers: TimerHandlers(FollowupTimerHandler.kinds, firedBy: FollowupTimerHandler(calendar: calendar)),
        rejections: RejectionPolicy().announcing(FollowupEvents.rejected, subjectField: .subjectOnly, for: FollowupEvents.consumed))
    .keepingJobcenterGrants()
}
