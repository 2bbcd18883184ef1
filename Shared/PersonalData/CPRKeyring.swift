/// The keys a ``CPRCipher`` decrypts with: the ``current`` key, which also encrypts, and the keys
/// it replaced, kept until every ciphertext made with them has been re-encrypted.
public struct CPRKeyring: Sendable, CustomStringConvertible {
    /// Encrypts, and decrypts what it encrypted.
    public let current: CPREncryptionKey
    /// Only decrypt, for ciphertexts made before a rotation.
    public let previous: [CPREncryptionKey]

    private let keysByID: [CPRKeyID: CPREncryptionKey]

    /// A keyring of `current` and the `previous` keys.
    ///
    /// A key listed twice (say, the current one also among the previous) is kept once.
    ///
    /// - Throws: ``CPRKeyringError/conflictingKeyID(_:)`` when two different keys have the same id.
    public init(current: CPREncryptionKey, previous: [CPREncryptionKey] = []) throws(CPRKeyringError) {
        var keysByID = [current.id: current]
        var distinctPrevious: [CPREncryptionKey] = []
        for key in previous {
            if let known = keysByID[key.id] {
                guard known == key else { throw .conflictingKeyID(key.id) }
                continue
            }
            keysByID[key.id] = key
            distinctPrevious.append(key)
        }
        self.current = current
        self.previous = distinctPrevious
        self.keysByID = keysByID
    }

    /// The key with `id`, current or previous; `nil` when the keyring has none.
    public func key(for id: CPRKeyID) -> CPREncryptionKey? { keysByID[id] }

    /// The key ids, the current one marked: `"1a2b3c4d (current), 5e6f7a8b"`.
    public var description: String {
        (["\(current.id) (current)"] + previous.map(\.id.description)).joined(separator: ", ")
    }
}
