import Contracts
import Intake
import ServiceRuntime

/// The intake service: Spot et job sheets in, validated openings out.
@main
enum IntakeMain {
    static func main() async {
        await ServiceMain.run(service: IntakeEvents.service, rejectedTable: "rejected_sheets") { _ in IntakeHandler() }
    }
}
