import Foundation
import PostgresClient

/// Why an attempt to commit a batch failed, as ``BatchCommitStateMachine`` needs to know it.
/// Computed by the consumer from the error the transaction threw.
enum BatchFailure: Equatable, Sendable {
    /// One message fails (``BatchTransaction/MessageFailure``); the batch is applied again without it.
    case messageFailure(id: UUID, reason: String)
    /// Applying the batch again may succeed (``Swift/Error/warrantsRetry``).
    case transient(description: String)
    /// Applying the same batch again will fail the same way.
    case permanent(description: String)

    /// The classification of `error`; the descriptions are the error's own text.
    init(_ error: any Error) {
        if let failure = error as? BatchTransaction.MessageFailure {
            self = .messageFailure(id: failure.messageID, reason: failure.reason)
        } else if error.warrantsRetry {
            self = .transient(description: "\(error)")
        } else {
            self = .permanent(description: "\(error)")
        }
    }
}

extension Error {
    /// Whether applying the batch again may succeed: the connection was lost, the transaction hit a
    /// serialization failure or deadlock, or a concurrent replica inserted the same key first.
    var warrantsRetry: Bool {
        guard let error = self as? PostgresError else { return false }
        return error.isTransient || error.kind == .uniqueViolation
    }
}
