import Chronology
import Domain

/// One amount of a contract's schedule and when it falls due.
public struct ScheduleLine: Sendable, Hashable {
    /// When a line falls due.
    public enum Due: Sendable, Hashable {
        /// At 06:00 Copenhagen time on the date (`{"on": "2023-02-01"}`).
        case on(CivilDate)
        /// At signing: as soon as billing has the contract (`{"signed": true}`).
        case signed
        /// Once this many Task Force meetings of the contract were held (`{"afterMeetings": 4}`).
        case afterMeetings(Int)
    }

    public let lineId: String
    public let description: String
    public let amount: Money
    public let due: Due

    public init(lineId: String, description: String, amount: Money, due: Due) {
        self.lineId = lineId
        self.description = description
        self.amount = amount
        self.due = due
    }
}

extension ScheduleLine.Due: CustomStringConvertible {
    /// `on 2023-02-01`, `at signing`, `after 4 meetings`.
    public var description: String {
        switch self {
        case .on(let date): "on \(date)"
        case .signed: "at signing"
        case .afterMeetings(let count): "after \(count) meeting\(count == 1 ? "" : "s")"
        }
    }
}
