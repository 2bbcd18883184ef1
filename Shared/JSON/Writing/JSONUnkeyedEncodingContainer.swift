/// A JSON array being written by a ``JSONStreamEncoder``.
struct JSONUnkeyedEncodingContainer: UnkeyedEncodingContainer, JSONIntegerEncoding {
    let encoder: JSONStreamEncoder
    let frame: JSONStreamEncoder.FrameReference

    var codingPath: [any CodingKey] { encoder.codingPath(of: frame) }
    var count: Int { encoder.count(of: frame) }

    mutating func encodeNil() throws {
        try encoder.beginValue(in: frame, key: nil)
        encoder.writer.writeNull()
    }

    mutating func encode(_ value: Bool) throws {
        try encoder.beginValue(in: frame, key: nil)
        encoder.writer.writeBool(value)
    }

    mutating func encode(_ value: String) throws {
        try encoder.beginValue(in: frame, key: nil)
        encoder.writer.writeString(value)
    }

    mutating func encode(_ value: Double) throws {
        let index = try encoder.beginValue(in: frame, key: nil)
        try encoder.writeFloatingPoint(value, key: JSONIndexKey(index))
    }

    mutating func encode(_ value: Float) throws {
        let index = try encoder.beginValue(in: frame, key: nil)
        try encoder.writeFloatingPoint(value, key: JSONIndexKey(index))
    }

    mutating func encode(_ value: Int128) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt128) throws { try encodeInteger(value) }

    func encodeInteger(_ value: some FixedWidthInteger) throws {
        try encoder.beginValue(in: frame, key: nil)
        encoder.writer.writeInteger(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = try encoder.beginValue(in: frame, key: nil)
        if try !encoder.encode(value, key: JSONIndexKey(index)) { encoder.writer.writeEmptyObject() }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = encoder.nestedContainer(in: frame, codingKey: JSONIndexKey(count), key: nil, isObject: true)
        return KeyedEncodingContainer(JSONKeyedEncodingContainer<NestedKey>(encoder: encoder, frame: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = encoder.nestedContainer(in: frame, codingKey: JSONIndexKey(count), key: nil, isObject: false)
        return JSONUnkeyedEncodingContainer(encoder: encoder, frame: nested)
    }

    mutating func superEncoder() -> any Encoder { encoder.superEncoder() }
}
