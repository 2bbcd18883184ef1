import BodyReading
import Chronology
import Contracts
import Domain
import Foundation

/// Reads `placement.reported` and `placement.end-reported` bodies; every problem is reported. A
/// refusal names the placement (its subject) and, for a report, the candidate and the opening, as
/// far as the body could be read.
public enum PlacementReader {
    public static func read(_ body: [UInt8]) -> Result<PlacementReport, Rejection> {
        var placementId: String?, candidateId: String?, openingId: UUID?
        return MessageBody.read(body) { object, reader in
            placementId = reader.string("placementId", of: object, .required, length: 1...64, trimming: false)
            candidateId = reader.string("candidateId", of: object, .required, length: 1...64, trimming: false)
            openingId = reader.resolved("openingId", of: object, .required, unknown: .wrongType, "must be a UUID", UUID.init(uuidString:))
            let startDate = reader.date("startDate", of: object, .required, in: DateBounds.businessDays)
            let hours = reader.hoursPerWeek("hoursPerWeek", of: object, .required)
            guard let placementId, let candidateId, let openingId, let startDate, let hours else { return nil }
            return PlacementReport(placementId: placementId, candidateId: candidateId, openingId: openingId, startDate: startDate, hoursPerWeek: hours)
        }
        .mapError { Rejection(subject: placementId, errors: $0.errors, candidateId: candidateId, openingId: openingId) }
    }

    public static func readEnd(_ body: [UInt8]) -> Result<PlacementEnd, Rejection> {
        var placementId: String?
        return MessageBody.read(body) { object, reader in
            placementId = reader.string("placementId", of: object, .required, length: 1...64, trimming: false)
            let endDate = reader.date("endDate", of: object, .required, in: DateBounds.businessDays)
            let reason = reader.string("reason", of: object, .required, length: 1...500)
            guard let placementId, let endDate, let reason else { return nil }
            return PlacementEnd(placementId: placementId, endDate: endDate, reason: reason)
        }
        .mapError { $0.about(placementId) }
    }
}
