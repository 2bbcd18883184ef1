/// A JSON object being written by a ``JSONStreamEncoder``.
struct JSONKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONStreamEncoder
    let frame: JSONStreamEncoder.FrameReference

    var codingPath: [any CodingKey] { encoder.codingPath(of: frame) }

    mutating func encodeNil(forKey key: Key) throws {
        try encoder.beginValue(in: frame, key: key.stringValue)
        encoder.writer.writeNull()
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        try encoder.beginValue(in: frame, key: key.stringValue)
        encoder.writer.writeBool(value)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        try encoder.beginValue(in: frame, key: key.stringValue)
        encoder.writer.writeString(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try encoder.beginValue(in: frame, key: key.stringValue)
        try encoder.writeFloatingPoint(value, key: key)
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try encoder.beginValue(in: frame, key: key.stringValue)
        try encoder.writeFloatingPoint(value, key: key)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encodeInteger(value, forKey: key) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { try encodeInteger(value, forKey: key) }

    private func encodeInteger(_ value: some FixedWidthInteger, forKey key: Key) throws {
        try encoder.beginValue(in: frame, key: key.stringValue)
        encoder.writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.beginValue(in: frame, key: key.stringValue)
        if try !encoder.encode(value, key: key) { encoder.writer.writeEmptyObject() }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = encoder.nestedContainer(in: frame, codingKey: key, key: key.stringValue, isObject: true)
        return KeyedEncodingContainer(JSONKeyedEncodingContainer<NestedKey>(encoder: encoder, frame: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = encoder.nestedContainer(in: frame, codingKey: key, key: key.stringValue, isObject: false)
        return JSONUnkeyedEncodingContainer(encoder: encoder, frame: nested)
    }

    mutating func superEncoder() -> any Encoder { encoder.superEncoder() }

    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder.superEncoder() }
}
