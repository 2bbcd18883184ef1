import BodyReading
import Domain
import Foundation
import JSON

extension SpotJobSheet {
    /// Reads the fields of a `sheet.submitted` body after its `sheetId`, recording every
    /// problem in `reader`; `nil` when there was any. `submittedAt` must lie in `submitted`.
    ///
    /// `category`, `tasks` and `hoursPerWeek` are required, except that a sheet with none of them
    /// that asks for a visit is a lead; a sheet with some of them is refused `required` for each missing.
    init?(sheetId: String?, reading body: FieldReader.Object, with reader: inout FieldReader, submittedWithin submitted: ClosedRange<Date>) {
        let revision = reader.integer("revision", of: body, .optional, in: 1...Int(Int32.max))
        let source = reader.string("source", of: body, .required, length: 1...100)
        let municipality = reader.municipality("municipality", of: body, .required)
        let company = Company(reading: "company", of: body, with: &reader)
        let contact = Contact(reading: "contact", of: body, with: &reader)
        let job = Self.jobPresence(in: body)
        let category = reader.category("category", of: body, job)
        let tasks = reader.tasks("tasks", of: body, job, count: 1...20)
        let hoursPerWeek = reader.hoursPerWeek("hoursPerWeek", of: body, job)
        let positions = reader.integer("positions", of: body, .optional, in: 1...50)
        let jobType = reader.jobType("jobType", of: body, .optional)
        let visitRequested = reader.bool("visitRequested", of: body, .optional)
        let note = reader.string("note", of: body, .optional, length: 1...2000)
        let submittedAt = reader.timestamp("submittedAt", of: body, .required, in: submitted)

        guard reader.errors.isEmpty, let sheetId, let source, let municipality, let company, let contact, let submittedAt
        else { return nil }
        self.init(
            sheetId: sheetId, revision: revision ?? 1, source: source, municipality: municipality,
            company: company, contact: contact, category: category, tasks: tasks, hoursPerWeek: hoursPerWeek,
            positions: positions ?? 1, jobType: jobType ?? .smajob, visitRequested: visitRequested ?? false,
            note: note, submittedAt: submittedAt
        )
    }

    /// Whether `category`, `tasks` and `hoursPerWeek` are required: always, except on a lead's sheet,
    /// which asks for a visit (`visitRequested` is `true`) and gives none of them.
    private static func jobPresence(in body: FieldReader.Object) -> FieldReader.Presence {
        let asksForVisit = body.members["visitRequested"] == .bool(true)
        let givesJob = ["category", "tasks", "hoursPerWeek"].contains { key in body.members[key].map { $0 != .null } ?? false }
        return asksForVisit && !givesJob ? .optional : .required
    }
}

extension SpotJobSheet.Company {
    /// Reads the object `key` of `body`, recording every problem in `reader`.
    fileprivate init?(reading key: String, of body: FieldReader.Object, with reader: inout FieldReader) {
        guard let company = reader.object(key, of: body, .required) else { return nil }
        let cvr = reader.cvr("cvr", of: company, .required)
        let name = reader.string("name", of: company, .required, length: 1...200)
        let employees = reader.integer("employees", of: company, .optional, in: 0...Int(Int32.max))
        guard let cvr, let name else { return nil }
        self.init(cvr: cvr, name: name, employees: employees)
    }
}

extension SpotJobSheet.Contact {
    /// Reads the object `key` of `body`, recording every problem in `reader`, including a
    /// contact with neither phone nor e-mail.
    fileprivate init?(reading key: String, of body: FieldReader.Object, with reader: inout FieldReader) {
        guard let contact = reader.object(key, of: body, .required) else { return nil }
        let name = reader.string("name", of: contact, .required, length: 1...200)
        let errorsBefore = reader.errors.count
        let phone = reader.parsed("phone", of: contact, .optional, invalid: .invalidPhone, DanishPhoneNumber.init)
        let email = reader.parsed("email", of: contact, .optional, invalid: .invalidEmail, EmailAddress.init)
        if phone == nil, email == nil, reader.errors.count == errorsBefore {
            reader.report(contact.path, .contactMissing, "needs a phone number or an e-mail address")
        }
        guard let name, phone != nil || email != nil else { return nil }
        self.init(name: name, phone: phone, email: email)
    }
}
