/// The single value of a slot of a ``JSONStreamEncoder``.
struct JSONSingleValueEncodingContainer: SingleValueEncodingContainer, JSONIntegerEncoding {
    let encoder: JSONStreamEncoder
    /// The slot the container was asked for in; the value must go there.
    let slot: Int

    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws {
        try encoder.beginSingleValue(slot: slot)
        encoder.writer.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        try encoder.beginSingleValue(slot: slot)
        encoder.writer.writeBool(value)
    }

    mutating func encode(_ value: String) throws {
        try encoder.beginSingleValue(slot: slot)
        encoder.writer.writeString(value)
    }

    mutating func encode(_ value: Double) throws {
        try encoder.beginSingleValue(slot: slot)
        try encoder.writeFloatingPoint(value, key: nil)
    }

    mutating func encode(_ value: Float) throws {
        try encoder.beginSingleValue(slot: slot)
        try encoder.writeFloatingPoint(value, key: nil)
    }

    mutating func encode(_ value: Int128) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt128) throws { try encodeInteger(value) }

    func encodeInteger(_ value: some FixedWidthInteger) throws {
        try encoder.beginSingleValue(slot: slot)
        encoder.writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.beginSingleValue(slot: slot)
        if try !encoder.encode(value, key: nil) { encoder.writer.writeEmptyObject() }
    }
}
