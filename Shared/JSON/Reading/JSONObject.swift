/// The members of a JSON object, each key once, in the order written.
///
/// A sheet's objects have a handful of members, so a key is found by comparing it with each key
/// in turn, which is cheaper than hashing; an object with more than ``linearSearchLimit`` members
/// also gets a hash index, so that a body of thousands of keys is still read in linear time.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The most members an object is searched without a hash index.
    public static let linearSearchLimit = 16

    private var keys: [String] = []
    private var values: [JSONValue] = []
    private var positions: [String: Int]?

    public init() {}

    public init(dictionaryLiteral members: (String, JSONValue)...) {
        for (key, value) in members { append(key, value) }
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// The members in the order written.
    public var members: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }

    /// The value of member `key`, or `nil` when there is none.
    public subscript(key: String) -> JSONValue? {
        position(of: key).map { values[$0] }
    }

    /// Adds the member `key`, which must not be in the object yet.
    public mutating func append(_ key: String, _ value: JSONValue) {
        assert(self[key] == nil, "duplicate key \(key)")
        keys.append(key)
        values.append(value)
        if positions != nil {
            positions![key] = keys.count - 1
        } else if keys.count > Self.linearSearchLimit {
            positions = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
        }
    }

    /// Sets member `key` to `value`, in its place if it is there, else at the end.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let position = position(of: key) {
            values[position] = value
        } else {
            append(key, value)
        }
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return keys.firstIndex(of: key)
    }

    /// Equal when both have the same members, in any order.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && zip(lhs.keys, lhs.values).allSatisfy { rhs[$0] == $1 }
    }
}
