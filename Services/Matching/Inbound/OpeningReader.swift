import BodyReading
import Contracts
import Domain
import Foundation

/// Reads intake's opening events (the contract of `Contracts/IntakeEvents.swift`), as strictly as
/// any message: an event that does not fit is refused and dead-lettered, never half applied.
public enum OpeningReader {
    /// The opening in `body`, read at `now` (for the bound of `registeredAt`).
    public static func read(_ body: [UInt8], readAt now: Date) -> Result<OpeningCopy, Rejection> {
        var openingId: UUID?
        return MessageBody.read(body) { object, reader in
            openingId = reader.resolved("openingId", of: object, .required, unknown: .wrongType, "must be a UUID", UUID.init(uuidString:))
            let sheetId = reader.string("sheetId", of: object, .required, length: 1...64, trimming: false)
            let revision = reader.integer("revision", of: object, .required, in: 1...Int(Int32.max))
            let municipality = reader.municipality("municipality", of: object, .required)
            let company = reader.object("company", of: object, .required)
            let cvr = company.flatMap { reader.cvr("cvr", of: $0, .required) }
            let name = company.flatMap { reader.string("name", of: $0, .required, length: 1...200) }
            let category = reader.category("category", of: object, .required)
            let tasks = reader.tasks("tasks", of: object, .required, count: 0...50)
            let hours = reader.hoursPerWeek("hoursPerWeek", of: object, .required)
            let positions = reader.integer("positions", of: object, .required, in: 1...1000)
            let jobType = reader.jobType("jobType", of: object, .required)
            let registeredAt = reader.timestamp("registeredAt", of: object, .required, in: DateBounds.pastInstants(readAt: now))
            guard let openingId, let sheetId, let revision, let municipality, let cvr, let name, let category, let tasks,
                  let hours, let positions, let jobType, let registeredAt
            else { return nil }
            return OpeningCopy(
                openingId: openingId, sheetId: sheetId, revision: revision, municipality: municipality, cvr: cvr,
                companyName: name, category: category, tasks: tasks, hoursPerWeek: hours, positions: positions,
                jobType: jobType, registeredAt: registeredAt)
        }
        .mapError { $0.about(openingId?.uuidString.lowercased()) }
    }

    /// The `openingId` of an `opening.withdrawn`.
    public static func readWithdrawal(_ body: [UInt8]) -> Result<UUID, Rejection> {
        MessageBody.read(body) { object, reader in
            reader.resolved("openingId", of: object, .required, unknown: .wrongType, "must be a UUID", UUID.init(uuidString:))
        }
    }
}
