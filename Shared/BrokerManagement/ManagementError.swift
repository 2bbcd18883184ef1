/// Why a management API call failed. No case holds a password, a URL or a body sent.
public enum ManagementError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The management URL is unusable: why.
    case badURL(String)
    /// The API answered `status` to what the request did (`action`).
    case refused(action: String, status: Int)
    /// The answer was not what the API documents.
    case malformedResponse(action: String)
    /// The API could not be reached or the connection failed: why, in the transport's words.
    case unreachable(String)

    public var description: String {
        switch self {
        case .badURL(let why):
            "the management URL is unusable: \(why)"
        case .refused(let action, 401):
            "\(action): the management API refused the credentials (HTTP 401)"
        case .refused(let action, 403):
            "\(action): the user is not allowed to do this (HTTP 403; it needs the administrator tag)"
        case .refused(let action, let status):
            "\(action): the management API answered HTTP \(status)"
        case .malformedResponse(let action):
            "\(action): the management API's answer is not what it documents"
        case .unreachable(let why):
            "the management API cannot be reached: \(why)"
        }
    }
}
