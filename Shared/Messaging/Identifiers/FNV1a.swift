/// The 64-bit FNV-1a hash: fast, stable across runs and machines, not cryptographic. SpotJob uses it
/// where the same input must give the same number everywhere (a consumer's lane, a document's
/// message id).
public enum FNV1a {
    /// The standard offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// The hash of `bytes`, starting from `basis`.
    public static func hash(_ bytes: some Sequence<UInt8>, basis: UInt64 = offsetBasis) -> UInt64 {
        var hash = basis
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* prime
        }
        return hash
    }
}
