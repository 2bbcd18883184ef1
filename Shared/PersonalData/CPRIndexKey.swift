import Foundation

/// The 32-byte HMAC-SHA256 key of a ``CPRIndex``.
///
/// It must stay the same for as long as the digests made with it are stored, and be separate from
/// every ``CPREncryptionKey``. Its description and mirror show nothing of the key.
public struct CPRIndexKey: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The length of the key: 32 bytes.
    public static let byteCount = KeyMaterial.byteCount

    let material: KeyMaterial

    /// The key `bytes`, or `nil` when they are not exactly ``byteCount`` long.
    public init?(bytes: some ContiguousBytes) {
        guard let material = KeyMaterial(bytes: bytes) else { return nil }
        self.material = material
    }

    public var description: String { "CPRIndexKey(redacted)" }

    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
