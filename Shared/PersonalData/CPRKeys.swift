/// The keys that protect CPR numbers at rest: a ``CPRKeyring`` for ``CPRCipher`` and a separate
/// ``CPRIndexKey`` for ``CPRIndex``.
///
/// Usually read from the environment with ``init(environment:readFile:)``.
public struct CPRKeys: Sendable {
    /// The keys to encrypt and decrypt CPR numbers with.
    public let encryption: CPRKeyring
    /// The key of the duplicate-finding digest.
    public let index: CPRIndexKey

    public init(encryption: CPRKeyring, index: CPRIndexKey) {
        self.encryption = encryption
        self.index = index
    }

    /// A cipher over ``encryption`` for `context`.
    public func cipher(context: String = CPRCipher.defaultContext) -> CPRCipher {
        CPRCipher(keyring: encryption, context: context)
    }

    /// An index under ``index``.
    public var cprIndex: CPRIndex { CPRIndex(key: index) }
}
