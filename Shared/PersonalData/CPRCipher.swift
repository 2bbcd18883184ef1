import Crypto
import Domain

/// Encrypts CPR numbers for storage with AES-256-GCM, and decrypts them with the key each
/// ciphertext names.
///
/// A ciphertext is self-describing bytes, 43 in all: a version byte (`1`), the four bytes of the
/// ``CPRKeyID`` of its key (big-endian), a random 12-byte nonce, the ten encrypted ASCII digits
/// and the 16-byte tag. The authenticated data is ``context`` in UTF-8 followed by the version
/// and key id bytes.
/// Encryption always uses the keyring's current key; decryption finds the named key among the
/// current and previous ones, so after a rotation old rows still decrypt and ``reencrypt(_:)``
/// moves them to the current key.
///
/// The ``context`` is authenticated with every ciphertext, so that a CPR encrypted for one
/// purpose does not decrypt under another, even with the same keys.
public struct CPRCipher: Sendable {
    /// The context of CPR numbers of candidate profiles.
    public static let defaultContext = "spotjob.cpr.v1"

    /// The keys to encrypt and decrypt with.
    public let keyring: CPRKeyring
    /// Bound to every ciphertext as authenticated data.
    public let context: String

    public init(keyring: CPRKeyring, context: String = CPRCipher.defaultContext) {
        self.keyring = keyring
        self.context = context
    }

    /// `cpr`'s ten digits, encrypted with the current key and a fresh random nonce.
    ///
    /// - Throws: ``CPRCipherError/encryptionFailed`` only if the crypto library fails.
    public func encrypt(_ cpr: CPR) throws(CPRCipherError) -> [UInt8] {
        try seal(Array(cpr.digits.utf8))
    }

    /// The CPR number in `ciphertext`.
    ///
    /// - Throws: a ``CPRCipherError``: ``CPRCipherError/unknownKey(_:)`` when the keyring lacks
    ///   the key it names, ``CPRCipherError/authenticationFailed`` when it was altered or made for
    ///   another ``context``.
    public func decrypt(_ ciphertext: [UInt8]) throws(CPRCipherError) -> CPR {
        let plaintext = try open(ciphertext)
        do {
            return try CPR(String(decoding: plaintext, as: UTF8.self))
        } catch {
            throw .invalidPlaintext
        }
    }

    /// `ciphertext` made with the current key: decrypted and encrypted anew when it names an older
    /// key, returned unchanged (after checking that it decrypts) when it names the current one.
    ///
    /// A rotation job compares the result with its input to tell whether to write it back.
    ///
    /// - Throws: a ``CPRCipherError``, as ``decrypt(_:)`` does.
    public func reencrypt(_ ciphertext: [UInt8]) throws(CPRCipherError) -> [UInt8] {
        let cpr = try decrypt(ciphertext)
        guard try Self.keyID(of: ciphertext) != keyring.current.id else { return ciphertext }
        return try encrypt(cpr)
    }

    /// The id of the key `ciphertext` was made with, read without decrypting it.
    ///
    /// - Throws: ``CPRCipherError/malformed`` or ``CPRCipherError/unsupportedVersion(_:)``.
    public static func keyID(of ciphertext: [UInt8]) throws(CPRCipherError) -> CPRKeyID {
        try CPRCiphertextLayout(parsing: ciphertext).keyID
    }
}
