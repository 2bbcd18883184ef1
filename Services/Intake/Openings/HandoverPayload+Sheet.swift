import Contracts
import Foundation

extension HandoverPayload {
    /// The hand-over of `sheet` to followup, with its contact; a lead's without a job.
    init(openingId: UUID, sheet: SpotJobSheet, registeredAt: Date, updatedAt: Date?) {
        let job = sheet.isLead ? nil : sheet
        self.init(
            openingId: openingId, sheetId: sheet.sheetId, revision: sheet.revision, source: sheet.source,
            municipality: sheet.municipality.code,
            company: OpeningPayload.Company(cvr: sheet.company.cvr, name: sheet.company.name, employees: sheet.company.employees),
            contact: Contact(name: sheet.contact.name, phone: sheet.contact.phone?.value, email: sheet.contact.email?.value),
            category: sheet.category, tasks: sheet.tasks, hoursPerWeek: sheet.hoursPerWeek, positions: job?.positions,
            jobType: job?.jobType, visitRequested: sheet.visitRequested, submittedAt: sheet.submittedAt,
            registeredAt: registeredAt, updatedAt: updatedAt)
    }
}
