import Contracts
import Foundation

extension OpeningPayload {
    /// The announcement of `sheet`'s opening.
    init(openingId: UUID, sheet: SpotJobSheet, registeredAt: Date, updatedAt: Date? = nil) {
        self.init(
            openingId: openingId, sheetId: sheet.sheetId, revision: sheet.revision, source: sheet.source,
            municipality: sheet.municipality.code,
            company: Company(cvr: sheet.company.cvr, name: sheet.company.name, employees: sheet.company.employees),
            category: sheet.category, tasks: sheet.tasks, hoursPerWeek: sheet.hoursPerWeek, positions: sheet.positions,
            jobType: sheet.jobType, visitRequested: sheet.visitRequested, submittedAt: sheet.submittedAt,
            registeredAt: registeredAt, updatedAt: updatedAt)
    }
}
