/// Encrypts the raw bodies a service keeps of the messages it refused, for a service whose
/// messages may hold CPR numbers (matching): its `rejected_messages` rows and its dead letters hold
/// the body only sealed (``RejectionPolicy/sealer``), and a replay opens it.
public protocol BodySealer: Sendable {
    /// `body` encrypted, and the id of the key that sealed it (stored beside it, for key rotation).
    func seal(_ body: [UInt8]) throws -> SealedBody
    /// The body ``seal(_:)`` encrypted.
    func open(_ sealed: [UInt8]) throws -> [UInt8]
}

/// A body encrypted by a ``BodySealer``.
public struct SealedBody: Sendable, Hashable {
    public var bytes: [UInt8]
    /// The key's id, eight characters.
    public var keyID: String

    public init(bytes: [UInt8], keyID: String) {
        self.bytes = bytes
        self.keyID = keyID
    }
}
