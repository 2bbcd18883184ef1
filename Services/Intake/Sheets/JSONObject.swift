/// The members of a JSON object, each key once, in the order written.
///
/// A sheet's objects have a handful of members, so a key is found by comparing it with each key
/// in turn, which is cheaper than hashing; an object with more than ``linearSearchLimit`` members
/// also gets a hash index, so that a body of thousands of keys is still read in linear time.
struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The most members an object is searched without a hash index.
    static let linearSearchLimit = 16

    private var keys: [String] = []
    private var values: [JSONValue] = []
    private var positions: [String: Int]?

    init() {}

    init(dictionaryLiteral members: (String, JSONValue)...) {
        for (key, value) in members { append(key, value) }
    }

    /// The number of members.
    var count: Int { keys.count }

    /// The value of member `key`, or `nil` when there is none.
    subscript(key: String) -> JSONValue? {
        position(of: key).map { values[$0] }
    }

    /// Adds the member `key`, which must not be in the object yet.
    mutating func append(_ key: String, _ value: JSONValue) {
        assert(self[key] == nil, "duplicate key \(key)")
        keys.append(key)
        values.append(value)
        if positions != nil {
            positions![key] = keys.count - 1
        } else if keys.count > Self.linearSearchLimit {
            positions = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
        }
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return keys.firstIndex(of: key)
    }

    /// Equal when both have the same members, in any order.
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count && zip(lhs.keys, lhs.values).allSatisfy { rhs[$0] == $1 }
    }
}
