import AMQPClient
import ArgumentParser
import Contracts
import Foundation
import Messaging

extension CandidatesCommand {
    /// `spotjob candidates submit FILE...`: publishes profiles as `candidate.profiled`, as a jobcenter system would.
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish candidate profiles from JSON files (an object or an array) as candidate.profiled.",
            discussion: "Matching validates asynchronously; a refused profile is answered with candidate.rejected.")
        @OptionGroup var broker: BrokerOptions
        @Argument(help: "JSON files.", completion: .file()) var files: [String]

        func run() async throws {
            let bodies = try files.flatMap(JSONFile.bodies)
            let envelopes = try await Publishing.publish(MatchingEvents.candidateProfiled, bodies: bodies, as: .jobcenter, broker: broker)
            print("\(envelopes.count) profile(s) confirmed by the broker")
        }
    }
}
