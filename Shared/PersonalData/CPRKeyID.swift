import Crypto

/// Names a ``CPREncryptionKey`` inside every ciphertext made with it, so that decryption can find
/// the key in a ``CPRKeyring`` after rotation.
///
/// Four bytes, shown as eight lowercase hex digits. Derived from the key, it is the first four
/// bytes of the key's SHA-256 hash: stable wherever the same key is configured, and revealing
/// nothing usable about the key.
public struct CPRKeyID: Sendable, Hashable, CustomStringConvertible {
    /// The four bytes as a big-endian number, the order they have in a ciphertext.
    public let rawValue: UInt32

    /// An explicit id, for keys whose id is assigned rather than derived.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// The id derived from `key`: the first four bytes of its SHA-256 hash.
    init(derivedFrom key: KeyMaterial) {
        let hash = key.key.withUnsafeBytes { SHA256.hash(data: $0) }
        rawValue = hash.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The id as it is written in a ciphertext.
    var bytes: [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: rawValue >> (24 - 8 * $0)) } }

    /// The id from the four bytes written in a ciphertext.
    init(bytes: some Collection<UInt8>) {
        rawValue = bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// Eight lowercase hex digits, e.g. `"1a2b3c4d"`.
    public var description: String {
        let hex = String(rawValue, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
