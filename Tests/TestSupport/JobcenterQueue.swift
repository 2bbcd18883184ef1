import AMQPClient
import Foundation
import Logging

/// A jobcenter's queue `jobcenter.<kommunekode>`, as its system reads it: as the jobcenter's own
/// broker user over TLS (`JOBCENTER_<kommunekode>_AMQP_URL` of the local stack's env).
public struct JobcenterQueue: Sendable {
    public let kommunekode: String
    /// The jobcenter's broker user, to read its queue or publish as it.
    public let user: AMQPConfiguration

    public struct MissingURL: Error, CustomStringConvertible {
        public let variable: String
        public var description: String { "\(variable) is not set: source <(bash deploy/local-stack.sh env)" }
    }

    /// The queue of `kommunekode`, read as `user`.
    public init(kommunekode: String, user: AMQPConfiguration) {
        self.kommunekode = kommunekode
        self.user = user
    }

    public init(_ kommunekode: String) throws {
        let variable = "JOBCENTER_\(kommunekode)_AMQP_URL"
        guard let url = ProcessInfo.processInfo.environment[variable] else { throw MissingURL(variable: variable) }
        self.kommunekode = kommunekode
        user = try AMQPConfiguration(url: url)
    }

    /// The messages whose body mentions `text`, in order, until `count` arrived or `timeout` passed.
    /// Everything read is acknowledged (other tests' messages included: nobody else reads these queues).
    public func read(mentioning text: String, count: Int, timeout: Duration, logger: Logger) async -> [Delivery] {
        let consumer = AMQPConsumer(configuration: user, queue: "jobcenter.\(kommunekode)", logger: logger)
        var found: [Delivery] = []
        let deadline = ContinuousClock.now + timeout
        while found.count < count, ContinuousClock.now < deadline {
            let batch = await consumer.next(maxCount: 100, timeout: .milliseconds(300))
            if let last = batch.last { await consumer.ackAll(through: last) }
            found += batch.filter { String(decoding: $0.body, as: UTF8.self).contains(text) }
        }
        await consumer.close()
        return found
    }
}
