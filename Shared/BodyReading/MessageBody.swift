import JSON

/// Where a message body is read: the gate every body passes (size, UTF-8, JSON, depth, an object),
/// then the service's field reads with a ``FieldReader``.
///
/// The gate's checks run in this order, and the first failure is the only error (field `$`):
/// larger than the maximum size (`too-large`, not even parsed), not UTF-8 (`invalid-utf8`), not JSON
/// (`malformed-json`, `too-deep`), not an object (`not-an-object`). After that every field is read
/// and every problem reported. Unknown fields are ignored, so senders may add fields before a
/// service knows them.
public enum MessageBody {
    /// The largest body accepted unless a message type says otherwise: 64 KiB.
    public static let defaultMaximumSize = 64 * 1024

    /// Reads `body` with `read`, which reads fields from the body's object and returns the value, or
    /// `nil` when it found a problem (recorded in the reader).
    public static func read<Value>(
        _ body: [UInt8], maximumSize: Int = defaultMaximumSize,
        _ read: (FieldReader.Object, inout FieldReader) -> Value?
    ) -> Result<Value, Rejection> {
        let object: FieldReader.Object
        do {
            object = try self.object(body, maximumSize: maximumSize)
        } catch {
            return .failure(error)
        }
        var reader = FieldReader()
        if let value = read(object, &reader), reader.errors.isEmpty {
            return .success(value)
        }
        assert(!reader.errors.isEmpty, "a field was rejected without a FieldError")
        return .failure(Rejection(errors: reader.errors))
    }

    /// The body as a JSON object; throws the one error (field `$`) that keeps its fields from being read.
    public static func object(_ body: [UInt8], maximumSize: Int = defaultMaximumSize) throws(Rejection) -> FieldReader.Object {
        func refused(_ code: FieldError.Code, _ message: String) -> Rejection {
            Rejection(errors: [FieldError(.root, code, message)])
        }
        guard body.count <= maximumSize else {
            throw refused(.tooLarge, "body is \(body.count) bytes; at most \(maximumSize) are accepted")
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw refused(.invalidUTF8, "body is not valid UTF-8")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            switch error {
            case .malformed(let reason):
                throw refused(.malformedJSON, "body is not valid JSON: \(reason)")
            case .tooDeep:
                throw refused(.tooDeep, "body nests arrays and objects deeper than \(JSONParser.maximumDepth) levels")
            }
        }
        guard case .object(let members) = value else {
            throw refused(.notAnObject, "body must be a JSON object, found \(value.kindDescription)")
        }
        return FieldReader.Object(members: members, path: .root)
    }
}
