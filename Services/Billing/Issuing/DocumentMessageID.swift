import Foundation
import Messaging

/// The message id of the event announcing a document, derived from the document (series and
/// number), so a redelivered or republished announcement has the same id and a consumer
/// recognises it: a name-based UUID (version 8, RFC 9562) of two FNV-1a 64-bit hashes of
/// `spotjob-billing/<series>/<number>`.
public enum DocumentMessageID {
    public static func of(series: String, number: Int) -> UUID {
        let name = Array("spotjob-billing/\(series)/\(number)".utf8)
        let high = FNV1a.hash(name) & 0xFFFF_FFFF_FFFF_0FFF | 0x8000
        let low = FNV1a.hash(name.reversed(), basis: 0x84222325_cbf29ce4) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let h = high.bigEndian, l = low.bigEndian
        return withUnsafeBytes(of: (h, l)) { bytes in
            UUID(uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }
}
