import BodyReading
import Chronology
import Contracts
import Domain
import Foundation
import Messaging
import PersonalData
import PostgresClient

/// The monthly list STAR funding needs (seed 001): the CPR number of each person of the target group
/// (out of work at least a year) who started in a job that month, and the company's CVR number.
///
/// A run is recorded (who, when, month, how many rows; never the rows), its placements are marked
/// as reported, withdrawn people whose CPR number was kept only for this report are erased, and
/// `report.star-generated` (counts only) goes to matching's outbox, all in one transaction.
public enum StarReport {
    public static let header = "cpr;cvr;startDate;jobcenter"

    /// One line of the list.
    public struct Row: Sendable, Hashable {
        public var cpr: CPR
        public var cvr: String
        public var startDate: String
        public var jobcenter: String

        public var line: String { "\(cpr.formatted);\(cvr);\(startDate);\(jobcenter)" }
    }

    /// A generated report.
    public struct Generated: Sendable {
        public var runId: UUID
        public var rows: [Row]
        public var event: StarReportGeneratedPayload

        /// The CSV: the header, then one line per row, each ending in a line break.
        public var csv: String { ([header] + rows.map(\.line)).map { $0 + "\n" }.joined() }
    }

    /// `YYYY-MM` as its first day, or `nil`; a month outside ``DateBounds/businessDays`` is `nil` too
    /// (the report counts up to the next month's first day, which 9999-12 does not have).
    public static func month(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]),
              let first = CivilDate(year: year, month: month, day: 1), DateBounds.businessDays.contains(first)
        else { return nil }
        return first
    }
}

public enum StarReportError: Error, CustomStringConvertible {
    case cprErased(placementId: String)

    public var description: String {
        switch self {
        case .cprErased(let id): "the CPR number of placement \(id)'s candidate was erased; the report cannot name them"
        }
    }
}
