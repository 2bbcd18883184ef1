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
            var envelopes: [Envelope] = []
            for file in files {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                let parsed = try JSONSerialization.jsonObject(with: data)
                let objects = (parsed as? [Any]) ?? [parsed]
                for object in objects {
                    let body = try JSONSerialization.data(withJSONObject: object)
                    envelopes.append(Envelope(type: MatchingEvents.candidateProfiled, producer: "spotjob-cli", body: Array(body)))
                }
            }
            let publisher = try broker.publisher(as: .jobcenter)
            defer { Task { await publisher.close() } }
            try await publisher.publish(envelopes.map { $0.outgoing(exchange: SpotJobTopology.exchange) })
            print("\(envelopes.count) profile(s) confirmed by the broker")
        }
    }
}
