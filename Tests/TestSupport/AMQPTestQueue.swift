import AMQPClient
import Logging

/// Broker look-ups for assertions, as the admin user.
public enum AMQPTestQueue {
    /// Ready messages in `queue` (those not delivered to a consumer).
    public static func messageCount(_ queue: String, stack: LocalStack) async throws -> Int {
        let inspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        defer { Task { await inspector.close() } }
        return try await inspector.messageCount(queue: queue)
    }
}
