import Crypto

extension CPRCipher {
    /// The context of whole message bodies that hold a CPR number (a rejected profile's raw body).
    public static let rawBodyContext = "spotjob.raw-body.v1"

    /// `plaintext` (a CPR number's digits, or any bytes such as a rejected message body that holds
    /// one) encrypted: the same layout (version, key id, nonce, ciphertext, tag), the current key,
    /// ``context`` authenticated. Use a cipher of another context than CPR numbers', e.g.
    /// ``rawBodyContext``.
    public func seal(_ plaintext: [UInt8]) throws(CPRCipherError) -> [UInt8] {
        let key = keyring.current
        let header = CPRCiphertextLayout.header(keyID: key.id)
        let sealed: AES.GCM.SealedBox
        do {
            sealed = try AES.GCM.seal(
                plaintext, using: key.material.key,
                authenticating: CPRCiphertextLayout.authenticatedData(context: context, header: header))
        } catch {
            throw .encryptionFailed
        }
        return header + sealed.nonce.withUnsafeBytes { Array($0) } + sealed.ciphertext + sealed.tag
    }

    /// The bytes ``seal(_:)`` encrypted.
    public func open(_ ciphertext: [UInt8]) throws(CPRCipherError) -> [UInt8] {
        let layout = try CPRCiphertextLayout(parsing: ciphertext)
        guard let key = keyring.key(for: layout.keyID) else { throw .unknownKey(layout.keyID) }
        do {
            let sealed = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: layout.nonce), ciphertext: layout.ciphertext, tag: layout.tag)
            return Array(try AES.GCM.open(
                sealed, using: key.material.key,
                authenticating: CPRCiphertextLayout.authenticatedData(context: context, header: layout.header)))
        } catch {
            throw .authenticationFailed
        }
    }

    /// `ciphertext` of ``seal(_:)`` under the current key (unchanged when it already is).
    public func reseal(_ ciphertext: [UInt8]) throws(CPRCipherError) -> [UInt8] {
        let plaintext = try open(ciphertext)
        guard try Self.keyID(of: ciphertext) != keyring.current.id else { return ciphertext }
        return try seal(plaintext)
    }
}
