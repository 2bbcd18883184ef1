import AMQPClient
import ArgumentParser
import Contracts
import Foundation
import JSON
import Messaging

extension CandidatesCommand {
    /// `spotjob candidates submit FILE...`: publishes profiles as `candidate.profiled`, as a jobcenter system would.
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish candidate profiles from JSON files (an object or an array) as candidate.profiled, each as its jobcenter.",
            discussion: "Matching validates asynchronously; a refused profile is answered with candidate.rejected.")
        @OptionGroup var broker: BrokerOptions
        @Argument(help: "JSON files.", completion: .file()) var files: [String]

        func run() async throws {
            let profiles = try files.flatMap(JSONFile.objects(path:))
            let bodies = try profiles.map { profile in
                let jobcenter: String? = if case .string(let text)? = profile["jobcenter"] { text } else { nil }
                return (BrokerOptions.User.jobcenter(about: jobcenter), try JSONCoding.encoder.encode(JSONValue.object(profile)))
            }
            let envelopes = try await Publishing.publish(MatchingEvents.candidateProfiled, bodies: bodies, broker: broker)
            print("\(envelopes.count) profile(s) confirmed by the broker")
        }
    }
}
