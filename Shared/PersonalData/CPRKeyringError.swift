/// Why keys cannot form a ``CPRKeyring``.
public enum CPRKeyringError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two different keys have the same ``CPRKeyID``, so a ciphertext would not say which it needs.
    case conflictingKeyID(CPRKeyID)

    public var description: String {
        switch self {
        case .conflictingKeyID(let id):
            "two different CPR encryption keys have the same key id \(id)"
        }
    }
}
