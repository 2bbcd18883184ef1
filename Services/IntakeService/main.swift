import Contracts
import Intake
import Messaging
import ServiceRuntime

// The intake service: Spot et job sheets in, validated openings out.
await ServiceMain.run { _ in
    ServiceDeclaration(
        name: IntakeEvents.service,
        consumes: IntakeEvents.consumed,
        handler: IntakeHandler(),
        rejections: RejectionPolicy().announcing(IntakeEvents.sheetRejected, subjectField: .sheetId, for: IntakeEvents.consumed))
    .keepingJobcenterGrants()
}
