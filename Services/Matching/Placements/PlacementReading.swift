import BodyReading
import Chronology
import Contracts
import Domain
import Foundation

/// A valid `placement.reported`.
public struct PlacementReport: Sendable, Hashable {
    public var placementId: String
    public var candidateId: String
    public var openingId: UUID
    public var startDate: CivilDate
    public var hoursPerWeek: HoursPerWeek
}

/// A valid `placement.end-reported`.
public struct PlacementEnd: Sendable, Hashable {
    public var placementId: String
    public var endDate: CivilDate
    public var reason: String
}

/// Reads `placement.reported` and `placement.end-reported` bodies; every problem is reported.
public enum PlacementReader {
    /// What a refused placement's event names, as far as the body could be read.
    public struct Subject: Sendable, Hashable {
        public var placementId: String?
        public var candidateId: String?
        public var openingId: UUID?
    }

    public static func read(_ body: [UInt8]) -> Result<PlacementReport, PlacementRejection> {
        var subject = Subject()
        return MessageBody.read(body) { object, reader in
            subject.placementId = reader.string("placementId", of: object, .required, length: 1...64, trimming: false)
            subject.candidateId = reader.string("candidateId", of: object, .required, length: 1...64, trimming: false)
            subject.openingId = reader.resolved("openingId", of: object, .required, unknown: .wrongType, "must be a UUID", UUID.init(uuidString:))
            let startDate = reader.date("startDate", of: object, .required, in: DateBounds.businessDays)
            let hours = reader.hoursPerWeek("hoursPerWeek", of: object, .required)
            guard let placementId = subject.placementId, let candidateId = subject.candidateId,
                  let openingId = subject.openingId, let startDate, let hours
            else { return nil }
            return PlacementReport(placementId: placementId, candidateId: candidateId, openingId: openingId, startDate: startDate, hoursPerWeek: hours)
        }
        .mapError { PlacementRejection(subject: subject, errors: $0.errors) }
    }

    public static func readEnd(_ body: [UInt8]) -> Result<PlacementEnd, PlacementRejection> {
        var subject = Subject()
        return MessageBody.read(body) { object, reader in
            subject.placementId = reader.string("placementId", of: object, .required, length: 1...64, trimming: false)
            let endDate = reader.date("endDate", of: object, .required, in: DateBounds.businessDays)
            let reason = reader.string("reason", of: object, .required, length: 1...500)
            guard let placementId = subject.placementId, let endDate, let reason else { return nil }
            return PlacementEnd(placementId: placementId, endDate: endDate, reason: reason)
        }
        .mapError { PlacementRejection(subject: subject, errors: $0.errors) }
    }
}

/// Why a placement message was refused.
public struct PlacementRejection: Error, Sendable, Hashable {
    public var subject: PlacementReader.Subject
    public var errors: [FieldError]

    public var reason: String {
        BodyRejection(errors: errors).description
    }
}

extension CivilDate {
    /// The same day one year earlier (28 February for 29 February).
    var oneYearEarlier: CivilDate {
        CivilDate(year: year - 1, month: month, day: min(day, CivilDate.numberOfDays(inMonth: month, year: year - 1)))!
    }
}
