import Foundation

/// A 32-byte AES-256 key for ``CPRCipher``, with the ``CPRKeyID`` written into what it encrypts.
///
/// Its description and mirror show only the id, never the key.
public struct CPREncryptionKey: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    /// The length of every key: 32 bytes.
    public static let byteCount = KeyMaterial.byteCount

    /// Written into every ciphertext made with this key.
    public let id: CPRKeyID

    let material: KeyMaterial

    /// The key `bytes`, with the ``CPRKeyID`` derived from them (see ``CPRKeyID``).
    ///
    /// - Returns: `nil` when `bytes` is not exactly ``byteCount`` long.
    public init?(bytes: some ContiguousBytes) {
        guard let material = KeyMaterial(bytes: bytes) else { return nil }
        self.init(material: material, id: CPRKeyID(derivedFrom: material))
    }

    /// The key `bytes` with an explicitly assigned `id`.
    ///
    /// - Returns: `nil` when `bytes` is not exactly ``byteCount`` long.
    public init?(bytes: some ContiguousBytes, id: CPRKeyID) {
        guard let material = KeyMaterial(bytes: bytes) else { return nil }
        self.init(material: material, id: id)
    }

    private init(material: KeyMaterial, id: CPRKeyID) {
        self.material = material
        self.id = id
    }

    public var description: String { "CPREncryptionKey(id: \(id))" }

    public var customMirror: Mirror { Mirror(self, children: ["id": id], displayStyle: .struct) }
}
