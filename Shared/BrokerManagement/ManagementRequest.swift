/// One call of RabbitMQ's management HTTP API: what it does (for messages), its method, its path
/// below `/api/` (segments percent-encoded), a JSON body, and the statuses that mean success.
public struct ManagementRequest: Sendable, Equatable {
    public enum Method: String, Sendable {
        case get = "GET", put = "PUT", post = "POST", delete = "DELETE"
    }

    public var action: String
    public var method: Method
    public var path: String
    public var body: [UInt8]?
    public var success: Set<Int>

    public init(action: String, method: Method, segments: [String], query: String? = nil, body: [UInt8]? = nil, success: Set<Int>) {
        self.action = action
        self.method = method
        self.path = "/api/" + segments.map(Self.percentEncoded).joined(separator: "/") + (query.map { "?\($0)" } ?? "")
        self.body = body
        self.success = success
    }

    /// `segment` with everything but unreserved characters (RFC 3986 §2.3) percent-encoded, so a
    /// vhost `/` or a name with `%` stays one segment.
    static func percentEncoded(_ segment: String) -> String {
        var encoded = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return encoded
    }
}
