/// Validates the bodies of `sheet.submitted` and `sheet.withdrawn` messages against the
/// contract in `docs/messages.md`. Pure: no I/O, no clock.
///
/// The body is checked in this order, and the first of these failures is the only error:
/// larger than ``maximumBodySize`` (`too-large`, not even parsed), not UTF-8 (`invalid-utf8`),
/// not JSON (`malformed-json`, `too-deep`), not an object (`not-an-object`). After that every
/// field is checked and every problem reported, so a sheet with five faults gets five
/// ``FieldError``s. Unknown fields are ignored, so senders may add fields before intake
/// knows them.
public enum SheetValidator {
    /// The largest body accepted, in bytes: 64 KiB, far above any real sheet.
    public static let maximumBodySize = 64 * 1024

    /// The length of a `sheetId`, in characters.
    static let sheetIdLength = 1...64

    /// Validates and normalises a `sheet.submitted` body.
    public static func validateSheet(_ body: [UInt8]) -> Result<SpotJobSheet, SheetRejection> {
        validate(body, SpotJobSheet.init(sheetId:reading:with:))
    }

    /// Validates a `sheet.withdrawn` body.
    public static func validateWithdrawal(_ body: [UInt8]) -> Result<SheetWithdrawal, SheetRejection> {
        validate(body, SheetWithdrawal.init(sheetId:reading:with:))
    }

    /// Reads the body as a JSON object, then its `sheetId`, then the rest with `read`.
    private static func validate<Value>(
        _ body: [UInt8], _ read: (String?, FieldReader.Object, inout FieldReader) -> Value?
    ) -> Result<Value, SheetRejection> {
        let object: FieldReader.Object
        do {
            object = try parseObject(body)
        } catch {
            return .failure(error)
        }
        var reader = FieldReader()
        let sheetId = reader.string("sheetId", of: object, .required, length: sheetIdLength, trimming: false)
        if let value = read(sheetId, object, &reader), reader.errors.isEmpty {
            return .success(value)
        }
        assert(!reader.errors.isEmpty, "a field was rejected without a FieldError")
        return .failure(SheetRejection(sheetId: sheetId, errors: reader.errors))
    }

    /// The body as a JSON object; throws the one error that keeps its fields from being read.
    private static func parseObject(_ body: [UInt8]) throws(SheetRejection) -> FieldReader.Object {
        func rejection(_ code: FieldError.Code, _ message: String) -> SheetRejection {
            SheetRejection(sheetId: nil, errors: [FieldError(.root, code, message)])
        }
        guard body.count <= maximumBodySize else {
            throw rejection(.tooLarge, "body is \(body.count) bytes; at most \(maximumBodySize) are accepted")
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw rejection(.invalidUTF8, "body is not valid UTF-8")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            switch error {
            case .malformed(let reason):
                throw rejection(.malformedJSON, "body is not valid JSON: \(reason)")
            case .tooDeep:
                throw rejection(.tooDeep, "body nests arrays and objects deeper than \(JSONParser.maximumDepth) levels")
            }
        }
        guard case .object(let members) = value else {
            throw rejection(.notAnObject, "body must be a JSON object, found \(value.kindDescription)")
        }
        return FieldReader.Object(members: members, path: .root)
    }
}
