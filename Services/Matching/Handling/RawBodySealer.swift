import Messaging
import PersonalData

/// Matching's raw bodies at rest and in dead letters: a refused profile holds a CPR number, so the
/// kit keeps every body matching refuses only sealed (AES-GCM with the CPR keys, context
/// `spotjob.raw-body.v1`).
public struct RawBodySealer: BodySealer {
    let cipher: CPRCipher

    public init(keys: CPRKeys) {
        cipher = keys.cipher(context: CPRCipher.rawBodyContext)
    }

    public func seal(_ body: [UInt8]) throws -> SealedBody {
        let sealed = try cipher.seal(body)
        return SealedBody(bytes: sealed, keyID: try CPRCipher.keyID(of: sealed).description)
    }

    public func open(_ sealed: [UInt8]) throws -> [UInt8] {
        try cipher.open(sealed)
    }
}
