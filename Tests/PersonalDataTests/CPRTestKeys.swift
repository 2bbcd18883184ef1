import Domain
import PersonalData

/// Fixed keys and numbers for the tests: a key is 32 copies of one byte.
enum CPRTestKeys {
    static func encryptionKey(_ byte: UInt8) -> CPREncryptionKey {
        CPREncryptionKey(bytes: [UInt8](repeating: byte, count: CPREncryptionKey.byteCount))!
    }

    static func keyring(current: UInt8, previous: [UInt8] = []) throws -> CPRKeyring {
        try CPRKeyring(current: encryptionKey(current), previous: previous.map(encryptionKey))
    }

    static func cipher(current: UInt8, previous: [UInt8] = [], context: String = CPRCipher.defaultContext) throws -> CPRCipher {
        CPRCipher(keyring: try keyring(current: current, previous: previous), context: context)
    }

    static let cpr = try! CPR("010203-1234")
}
