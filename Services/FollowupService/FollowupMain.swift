import Contracts
import Followup
import ServiceRuntime

/// The followup service: companies contacted within their first working days, placements followed up.
@main
enum FollowupMain {
    static func main() async {
        await ServiceMain.run(
            service: FollowupEvents.service, rejectedTable: "rejected_messages", timerHandler: FollowupTimerHandler()
        ) { environment in
            FollowupHandler(calendar: try FollowupCalendar(environment: environment))
        }
    }
}
