import Crypto
import Domain

/// Finds the same person registered twice without storing the CPR number in clear.
///
/// The digest is HMAC-SHA256, under the ``CPRIndexKey``, of the ten bare digits
/// (`CPR.digits`), so `DDMMYY-SSSS` and `DDMMYYSSSS` give the same digest. Unlike an
/// encryption with a random nonce it is deterministic, so it can be a unique database column;
/// unlike a plain hash it cannot be reversed by trying all CPR numbers without the key.
public struct CPRIndex: Sendable {
    private let key: CPRIndexKey

    public init(key: CPRIndexKey) {
        self.key = key
    }

    /// The digest of `cpr`.
    public func digest(of cpr: CPR) -> CPRIndexDigest {
        let code = HMAC<SHA256>.authenticationCode(for: Array(cpr.digits.utf8), using: key.material.key)
        return CPRIndexDigest(bytes: Array(code))!  // SHA-256 codes are always 32 bytes.
    }
}
