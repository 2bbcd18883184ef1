import JSON

/// The management API calls SpotJob makes, as requests (no socket): users, their permissions and
/// topic permissions, quorum queues, and headers bindings of a queue to an exchange.
public enum ManagementAPI {
    public static func user(_ name: String) -> ManagementRequest {
        ManagementRequest(action: "reading a user", method: .get, segments: ["users", name], success: [200, 404])
    }

    public static func users() -> ManagementRequest {
        ManagementRequest(action: "listing users", method: .get, segments: ["users"], success: [200])
    }

    /// Creates `name`, or sets its password and tags when it exists.
    public static func putUser(_ name: String, password: String, tags: [String] = []) throws -> ManagementRequest {
        struct Body: Encodable { var password: String; var tags: String }
        return ManagementRequest(
            action: "creating a user", method: .put, segments: ["users", name],
            body: try JSONCoding.encoder.encode(Body(password: password, tags: tags.joined(separator: ","))), success: [201, 204])
    }

    public static func deleteUser(_ name: String) -> ManagementRequest {
        ManagementRequest(action: "deleting a user", method: .delete, segments: ["users", name], success: [204, 404])
    }

    /// Configure, write and read permissions of `user` in `vhost` (regular expressions).
    public static func putPermissions(_ user: String, vhost: String, configure: String, write: String, read: String) throws -> ManagementRequest {
        struct Body: Encodable { var configure: String; var write: String; var read: String }
        return ManagementRequest(
            action: "setting permissions", method: .put, segments: ["permissions", vhost, user],
            body: try JSONCoding.encoder.encode(Body(configure: configure, write: write, read: read)), success: [201, 204])
    }

    /// The routing keys `user` may publish (`write`) and bind (`read`) on the topic exchange `exchange`.
    public static func putTopicPermissions(_ user: String, vhost: String, exchange: String, write: String, read: String) throws
        -> ManagementRequest
    {
        struct Body: Encodable { var exchange: String; var write: String; var read: String }
        return ManagementRequest(
            action: "setting topic permissions", method: .put, segments: ["topic-permissions", vhost, user],
            body: try JSONCoding.encoder.encode(Body(exchange: exchange, write: write, read: read)), success: [201, 204])
    }

    /// A durable quorum queue; declaring one that exists with the same arguments changes nothing.
    public static func putQuorumQueue(_ name: String, vhost: String) throws -> ManagementRequest {
        struct Arguments: Encodable { var queueType = "quorum"; enum CodingKeys: String, CodingKey { case queueType = "x-queue-type" } }
        struct Body: Encodable { var durable = true; var autoDelete = false; var arguments = Arguments()
            enum CodingKeys: String, CodingKey { case durable, autoDelete = "auto_delete", arguments }
        }
        return ManagementRequest(
            action: "declaring a queue", method: .put, segments: ["queues", vhost, name], body: try JSONCoding.encoder.encode(Body()),
            success: [201, 204])
    }

    public static func queues(vhost: String) -> ManagementRequest {
        ManagementRequest(
            action: "listing queues", method: .get, segments: ["queues", vhost], query: "columns=name,messages", success: [200])
    }

    /// Deletes `name` and whatever it holds. (The API's `if-empty` is no help: quorum queues do
    /// not support it on RabbitMQ 3.10, which answers 400 whatever they hold.)
    public static func deleteQueue(_ name: String, vhost: String) -> ManagementRequest {
        ManagementRequest(action: "deleting a queue", method: .delete, segments: ["queues", vhost, name], success: [204, 404])
    }

    /// Binds `queue` to the headers exchange `exchange` for messages whose `header` is `value`.
    public static func bindByHeader(_ queue: String, to exchange: String, vhost: String, header: String, value: String) throws
        -> ManagementRequest
    {
        struct Body: Encodable { var routingKey = ""; var arguments: [String: String]
            enum CodingKeys: String, CodingKey { case routingKey = "routing_key", arguments }
        }
        return ManagementRequest(
            action: "binding a queue", method: .post, segments: ["bindings", vhost, "e", exchange, "q", queue],
            body: try JSONCoding.encoder.encode(Body(arguments: ["x-match": "all", header: value])), success: [201])
    }

    /// The bindings from `exchange` to `queue`; each names its `properties_key`, which
    /// ``unbind(_:from:vhost:propertiesKey:)`` needs.
    public static func bindings(of queue: String, from exchange: String, vhost: String) -> ManagementRequest {
        ManagementRequest(
            action: "listing bindings", method: .get, segments: ["bindings", vhost, "e", exchange, "q", queue], success: [200, 404])
    }

    /// Every binding whose source is `exchange`.
    public static func bindings(from exchange: String, vhost: String) -> ManagementRequest {
        ManagementRequest(
            action: "listing bindings", method: .get, segments: ["exchanges", vhost, exchange, "bindings", "source"], success: [200])
    }

    public static func unbind(_ queue: String, from exchange: String, vhost: String, propertiesKey: String) -> ManagementRequest {
        ManagementRequest(
            action: "removing a binding", method: .delete, segments: ["bindings", vhost, "e", exchange, "q", queue, propertiesKey],
            success: [204, 404])
    }
}
