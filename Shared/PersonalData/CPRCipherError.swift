/// Why ``CPRCipher`` could not encrypt or decrypt.
///
/// No case carries plaintext or key material; a ``CPRKeyID`` and the version byte are not secret.
public enum CPRCipherError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are too short to hold a version, key id, nonce and tag.
    case malformed
    /// The first byte is a format version this code does not know.
    case unsupportedVersion(UInt8)
    /// The ciphertext names a key the keyring does not hold.
    case unknownKey(CPRKeyID)
    /// The tag does not match: the bytes were altered, made for another context, or made with
    /// another key that has the same id.
    case authenticationFailed
    /// The bytes decrypt, but not to a valid CPR number.
    case invalidPlaintext
    /// The crypto library refused to encrypt.
    case encryptionFailed

    public var description: String {
        switch self {
        case .malformed:
            "CPR ciphertext is too short to hold a version, key id, nonce and tag"
        case .unsupportedVersion(let version):
            "CPR ciphertext has format version \(version), which this build does not know"
        case .unknownKey(let id):
            "CPR ciphertext was made with key \(id), which is not in the keyring"
        case .authenticationFailed:
            "CPR ciphertext failed authentication: altered, made for another context, or made with another key"
        case .invalidPlaintext:
            "CPR ciphertext decrypts, but not to a valid CPR number"
        case .encryptionFailed:
            "CPR could not be encrypted"
        }
    }
}
