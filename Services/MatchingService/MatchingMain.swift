import Contracts
import Matching
import ServiceRuntime

/// The matching service: candidate profiles and openings in, explained proposals and placements out.
/// Refuses to start without CPR keys (`CPR_ENCRYPTION_KEY[_FILE]`, `CPR_INDEX_KEY[_FILE]`).
@main
enum MatchingMain {
    static func main() async {
        await ServiceMain.run(service: MatchingEvents.service, rejectedTable: "rejected_messages") { environment in try MatchingHandler(environment) }
    }
}
