/// The integer overloads that `SingleValueEncodingContainer` and `UnkeyedEncodingContainer` both
/// require, each passed to the container's one ``encodeInteger(_:)``. (`Int128` and `UInt128` have
/// defaults in the standard library that a protocol extension cannot replace; the containers
/// declare those two themselves.)
protocol JSONIntegerEncoding {
    mutating func encodeInteger(_ value: some FixedWidthInteger) throws
}

extension JSONIntegerEncoding {
    mutating func encode(_ value: Int) throws { try encodeInteger(value) }
    mutating func encode(_ value: Int8) throws { try encodeInteger(value) }
    mutating func encode(_ value: Int16) throws { try encodeInteger(value) }
    mutating func encode(_ value: Int32) throws { try encodeInteger(value) }
    mutating func encode(_ value: Int64) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt8) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt16) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt32) throws { try encodeInteger(value) }
    mutating func encode(_ value: UInt64) throws { try encodeInteger(value) }
}
