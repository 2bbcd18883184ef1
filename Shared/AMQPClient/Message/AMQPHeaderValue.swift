/// A value in an AMQP field table (message headers, queue arguments): every field type of AMQP
/// 0-9-1 as RabbitMQ and rabbitmq-c define them, so a message's headers survive a round trip
/// through SpotJob (a dead letter carries every header it arrived with).
public enum AMQPHeaderValue: Sendable, Hashable {
    /// `t`
    case bool(Bool)
    /// `b`
    case int8(Int8)
    /// `B`
    case uint8(UInt8)
    /// `s`
    case int16(Int16)
    /// `u`
    case uint16(UInt16)
    /// `I`
    case int32(Int32)
    /// `i`
    case uint32(UInt32)
    /// `l`, the integer SpotJob writes.
    case int(Int64)
    /// `L`
    case uint64(UInt64)
    /// `f`
    case float(Float)
    /// `d`
    case double(Double)
    /// `D`: `value` × 10^-`scale`.
    case decimal(scale: UInt8, value: UInt32)
    /// `S`, a long string (bytes that are not UTF-8 are repaired when read).
    case string(String)
    /// `x`, a byte array.
    case bytes([UInt8])
    /// `T`, whole seconds since 1970.
    case timestamp(UInt64)
    /// `A`
    case array([AMQPHeaderValue])
    /// `F`, a nested table.
    case table([String: AMQPHeaderValue])
    /// `V`, no value.
    case void

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value of any integer kind that fits an `Int64`.
    public var intValue: Int64? {
        switch self {
        case .int8(let value): Int64(value)
        case .uint8(let value): Int64(value)
        case .int16(let value): Int64(value)
        case .uint16(let value): Int64(value)
        case .int32(let value): Int64(value)
        case .uint32(let value): Int64(value)
        case .int(let value): value
        case .uint64(let value): Int64(exactly: value)
        default: nil
        }
    }
}
