import JSON

/// Reads the management API's listings (pure, no socket).
public enum ManagementListing {
    /// A binding from a headers exchange to a queue, matched on one header.
    public struct HeaderBinding: Sendable, Equatable {
        public var queue: String
        /// The value of the header the binding matches, `nil` when it matches on no such header.
        public var value: String?
        /// How the API names the binding, to delete it.
        public var propertiesKey: String

        public init(queue: String, value: String?, propertiesKey: String) {
            self.queue = queue
            self.value = value
            self.propertiesKey = propertiesKey
        }
    }

    /// The names of `GET /api/users`.
    public static func userNames(_ json: JSONValue, action: String) throws(ManagementError) -> [String] {
        try objects(json, action: action).map { object throws(ManagementError) in try string(object["name"], action: action) }
    }

    /// The messages in each queue of `GET /api/queues/<vhost>` (0 where the broker has no figure yet).
    public static func queueMessages(_ json: JSONValue, action: String) throws(ManagementError) -> [String: Int] {
        var messages: [String: Int] = [:]
        for object in try objects(json, action: action) {
            let count: Int? = if case .number(let number)? = object["messages"] { number.integer() } else { nil }
            messages[try string(object["name"], action: action)] = count ?? 0
        }
        return messages
    }

    /// The bindings to queues in a bindings listing, with the value of each one's `header` argument.
    public static func headerBindings(_ json: JSONValue, header: String, action: String) throws(ManagementError) -> [HeaderBinding] {
        var bindings: [HeaderBinding] = []
        for object in try objects(json, action: action) {
            guard case .string("queue")? = object["destination_type"] else { continue }
            let value: String? = if case .object(let arguments)? = object["arguments"], case .string(let value)? = arguments[header] {
                value
            } else {
                nil
            }
            bindings.append(HeaderBinding(
                queue: try string(object["destination"], action: action), value: value,
                propertiesKey: try string(object["properties_key"], action: action)))
        }
        return bindings
    }

    private static func objects(_ json: JSONValue, action: String) throws(ManagementError) -> [JSONObject] {
        guard case .array(let items) = json else { throw .malformedResponse(action: action) }
        return try items.map { item throws(ManagementError) in
            guard case .object(let object) = item else { throw .malformedResponse(action: action) }
            return object
        }
    }

    private static func string(_ value: JSONValue?, action: String) throws(ManagementError) -> String {
        guard case .string(let text)? = value else { throw .malformedResponse(action: action) }
        return text
    }
}
