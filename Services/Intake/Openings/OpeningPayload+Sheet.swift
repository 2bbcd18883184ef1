import Contracts
import Foundation

extension OpeningPayload {
    /// The announcement of `sheet`'s opening; `nil` for a lead, which is not an opening.
    init?(openingId: UUID, sheet: SpotJobSheet, registeredAt: Date, updatedAt: Date? = nil) {
        guard let category = sheet.category, let tasks = sheet.tasks, let hoursPerWeek = sheet.hoursPerWeek else { return nil }
        self.init(
            openingId: openingId, sheetId: sheet.sheetId, revision: sheet.revision, source: sheet.source,
            municipality: sheet.municipality.code,
            company: Company(cvr: sheet.company.cvr, name: sheet.company.name, employees: sheet.company.employees),
            category: category, tasks: tasks, hoursPerWeek: hoursPerWeek, positions: sheet.positions,
            jobType: sheet.jobType, visitRequested: sheet.visitRequested, submittedAt: sheet.submittedAt,
            registeredAt: registeredAt, updatedAt: updatedAt)
    }
}
