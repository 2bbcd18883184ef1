/// A value in an AMQP header table. Only the kinds SpotJob uses are modelled; other kinds in a
/// received table are skipped.
public enum AMQPHeaderValue: Sendable, Equatable, Hashable {
    case string(String)
    case int(Int64)
    case bool(Bool)

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }
}
