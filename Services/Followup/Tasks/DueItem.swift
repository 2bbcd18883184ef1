import Foundation
import PostgresClient

/// What consultants must do: open contact tasks and pending check-ins, most overdue first, with
/// how late each is in working days (`spotjob followup due`).
public struct DueItem: Codable, Sendable, Equatable {
    /// `contact`, `visit` (a lead's contact task) or `checkin`.
    public var kind: String
    /// The task or check-in id.
    public var id: UUID
    public var openingId: UUID
    public var placementId: String?
    /// The check-in's sequence (1, 2, 3).
    public var sequence: Int?
    public var municipality: String
    public var dueAt: Date
    public var workingDaysLate: Int
}
