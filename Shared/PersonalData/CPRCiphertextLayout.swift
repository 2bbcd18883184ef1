/// The bytes of a ciphertext made by ``CPRCipher``, in order:
///
/// | bytes | field |
/// |---|---|
/// | 1 | format version, `1` |
/// | 4 | ``CPRKeyID`` of the key, big-endian |
/// | 12 | AES-GCM nonce, random per encryption |
/// | n | AES-GCM ciphertext of the plaintext: ten ASCII digits for a CPR number (n = 10), any bytes, none included, for a sealed message body |
/// | 16 | AES-GCM tag |
///
/// The authenticated data is the cipher's context string in UTF-8 followed by the first five
/// bytes (version and key id), so neither the purpose nor the header can be changed unnoticed.
struct CPRCiphertextLayout {
    static let version: UInt8 = 1
    static let headerCount = 1 + 4
    static let nonceCount = 12
    static let tagCount = 16

    let keyID: CPRKeyID
    let header: ArraySlice<UInt8>
    let nonce: ArraySlice<UInt8>
    let ciphertext: ArraySlice<UInt8>
    let tag: ArraySlice<UInt8>

    /// The fields of `blob`.
    ///
    /// - Throws: ``CPRCipherError/malformed`` when it is too short to hold the header, nonce and tag,
    ///   ``CPRCipherError/unsupportedVersion(_:)`` when its first byte is not ``version``.
    init(parsing blob: [UInt8]) throws(CPRCipherError) {
        guard let first = blob.first else { throw .malformed }
        guard first == Self.version else { throw .unsupportedVersion(first) }
        // An empty plaintext (an empty message body, sealed) has an empty ciphertext.
        guard blob.count >= Self.headerCount + Self.nonceCount + Self.tagCount else { throw .malformed }
        let nonceEnd = Self.headerCount + Self.nonceCount
        let tagStart = blob.count - Self.tagCount
        header = blob[..<Self.headerCount]
        keyID = CPRKeyID(bytes: blob[1..<Self.headerCount])
        nonce = blob[Self.headerCount..<nonceEnd]
        ciphertext = blob[nonceEnd..<tagStart]
        tag = blob[tagStart...]
    }

    /// The version byte and key id that start a ciphertext made with the key `keyID`.
    static func header(keyID: CPRKeyID) -> [UInt8] { [version] + keyID.bytes }

    /// The authenticated data: `context` in UTF-8, then `header`.
    static func authenticatedData(context: String, header: some Sequence<UInt8>) -> [UInt8] {
        Array(context.utf8) + header
    }
}
