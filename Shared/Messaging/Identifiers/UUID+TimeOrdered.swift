import Foundation

extension UUID {
    /// A new version 7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then 74 random bits.
    ///
    /// SpotJob's ids (message ids, opening ids) are time-ordered so that new rows land at the end of
    /// their primary-key index instead of on random pages of it. The random bits come from
    /// `SystemRandomNumberGenerator` (the kernel's CSPRNG), so ids stay unguessable; unlike
    /// `UUID()` on Linux this opens no file per id.
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return timeOrdered(milliseconds: UInt64(max(0, date.timeIntervalSince1970 * 1000)), using: &generator)
    }

    /// The version 7 UUID of `milliseconds` since 1970 with random bits from `generator`.
    static func timeOrdered(milliseconds: UInt64, using generator: inout some RandomNumberGenerator) -> UUID {
        let high = (milliseconds & 0xFFFF_FFFF_FFFF) << 16 | 0x7000 | generator.next() & 0x0FFF
        let low = 0x8000_0000_0000_0000 | generator.next() & 0x3FFF_FFFF_FFFF_FFFF
        let h = high.bigEndian, l = low.bigEndian
        return withUnsafeBytes(of: (h, l)) { bytes in
            UUID(uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }
}
