import Crypto
import Foundation

/// A 256-bit secret key that can cross concurrency domains.
///
/// swift-crypto marks `SymmetricKey` `Sendable` only from its version 4. In 3.x it is already an
/// immutable value whose storage is never written after creation (and is zeroed when freed), so
/// sharing it is safe; this wrapper says so. Drop it when the package requires swift-crypto 4
/// (the manifest allows 3.12 up to 4.x; both build).
struct KeyMaterial: @unchecked Sendable, Equatable {
    /// The length every key in this module has: 32 bytes, for AES-256 and HMAC-SHA256.
    static let byteCount = 32

    let key: SymmetricKey

    /// The key, or `nil` when `bytes` is not exactly ``byteCount`` long.
    init?(bytes: some ContiguousBytes) {
        guard bytes.withUnsafeBytes({ $0.count }) == Self.byteCount else { return nil }
        key = SymmetricKey(data: bytes)
    }

    /// Compares in constant time (swift-crypto's `SymmetricKey` equality).
    static func == (lhs: Self, rhs: Self) -> Bool { lhs.key == rhs.key }
}
