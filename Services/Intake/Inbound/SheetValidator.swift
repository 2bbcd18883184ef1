import BodyReading
import Foundation

/// Validates the bodies of `sheet.submitted` and `sheet.withdrawn` messages against the
/// contract in `docs/messages.md`. Pure: no I/O, and the moment of reading is given.
///
/// Every body first passes ``MessageBody``'s gate (size, UTF-8, JSON, an object); then every
/// field is checked and every problem reported, so a sheet with five faults gets five
/// ``FieldError``s. Unknown fields are ignored, so senders may add fields before intake knows them.
public enum SheetValidator {
    /// The largest body accepted, in bytes: 64 KiB, far above any real sheet.
    public static let maximumBodySize = MessageBody.defaultMaximumSize

    /// The length of a `sheetId`, in characters.
    static let sheetIdLength = 1...64

    /// Validates and normalises a `sheet.submitted` body read at `now` (its `submittedAt` may be
    /// at most ``DateBounds/clockSkew`` later).
    public static func validateSheet(_ body: [UInt8], readAt now: Date) -> Result<SpotJobSheet, Rejection> {
        let submitted = DateBounds.pastInstants(readAt: now)
        return validate(body) { SpotJobSheet(sheetId: $0, reading: $1, with: &$2, submittedWithin: submitted) }
    }

    /// Validates a `sheet.withdrawn` body.
    public static func validateWithdrawal(_ body: [UInt8]) -> Result<SheetWithdrawal, Rejection> {
        validate(body, SheetWithdrawal.init(sheetId:reading:with:))
    }

    /// Reads the body's `sheetId`, then the rest with `read`; a rejection names the sheet when its
    /// id could be read.
    private static func validate<Value>(
        _ body: [UInt8], _ read: (String?, FieldReader.Object, inout FieldReader) -> Value?
    ) -> Result<Value, Rejection> {
        var sheetId: String?
        return MessageBody.read(body, maximumSize: maximumBodySize) { object, reader in
            sheetId = reader.string("sheetId", of: object, .required, length: sheetIdLength, trimming: false)
            return read(sheetId, object, &reader)
        }
        .mapError { $0.about(sheetId) }
    }
}
