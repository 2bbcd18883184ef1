/// The ``CPRIndex`` digest of one CPR number: 32 bytes, equal for equal numbers.
public struct CPRIndexDigest: Sendable, Hashable {
    /// The length of every digest: 32 bytes.
    public static let byteCount = 32

    /// The HMAC-SHA256 output.
    public let bytes: [UInt8]

    /// A digest read back from storage, or `nil` when `bytes` is not ``byteCount`` long.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// The bytes as 64 lowercase hex digits.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}
