import Foundation

/// Why a message was refused: what it is about, when that could be read, and every problem found.
/// The one rejection type of every service: a service says *what* is wrong, and the service kit
/// keeps the message, answers its sender and dead-letters it (`Messaging`'s `RejectionRecorder`).
public struct Rejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The id of what the message is about (a sheet, candidate, placement, contract), when it could
    /// be read; `nil` otherwise.
    public var subject: String?
    /// Every problem found; never empty.
    public var errors: [FieldError]
    /// For a message that pairs a person with an opening (a placement): the candidate, when readable.
    public var candidateId: String?
    /// For a message that pairs a person with an opening (a placement): the opening, when readable.
    public var openingId: UUID?

    public init(subject: String? = nil, errors: [FieldError], candidateId: String? = nil, openingId: UUID? = nil) {
        precondition(!errors.isEmpty, "a rejection names at least one problem")
        self.subject = subject
        self.errors = errors
        self.candidateId = candidateId
        self.openingId = openingId
    }

    /// The same problems about `subject`.
    public func about(_ subject: String?) -> Rejection {
        var rejection = self
        rejection.subject = subject
        return rejection
    }

    /// A message of a type the service does not handle (`$ unsupported-type`).
    public static func unsupported(type: String, by service: String) -> Rejection {
        Rejection(errors: [FieldError(field: "$", code: .unsupportedType, message: "\(service) does not handle messages of type \(type)")])
    }

    /// Fields and codes on one line, for logs and dead-letter reasons: `rejected: field code, …`.
    /// Never a value, which may be personal data.
    public var description: String {
        "rejected: " + errors.map { "\($0.field) \($0.code.rawValue)" }.joined(separator: ", ")
    }
}
