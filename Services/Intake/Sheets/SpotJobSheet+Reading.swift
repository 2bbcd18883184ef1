import Domain

extension SpotJobSheet {
    /// Reads the fields of a `sheet.submitted` body after its `sheetId`, recording every
    /// problem in `reader`; `nil` when there was any.
    init?(sheetId: String?, reading body: FieldReader.Object, with reader: inout FieldReader) {
        let revision = reader.integer("revision", of: body, .optional, in: 1...Int(Int32.max))
        let source = reader.string("source", of: body, .required, length: 1...100)
        let municipality = reader.resolved(
            "municipality", of: body, .required, unknown: .unknownMunicipality,
            "is neither a Danish kommunekode nor a municipality name", Municipalities.denmark.resolve
        )
        let company = Company(reading: "company", of: body, with: &reader)
        let contact = Contact(reading: "contact", of: body, with: &reader)
        let category = reader.resolved(
            "category", of: body, .required, unknown: .unknownCategory,
            "is not a job category: use \(Self.categoryCodes) or its Danish label", JobCategory.init(label:)
        )
        let tasks = Self.tasks(of: body, with: &reader)
        let hoursPerWeek = Self.hoursPerWeek(of: body, with: &reader)
        let positions = reader.integer("positions", of: body, .optional, in: 1...50)
        let jobType = reader.resolved(
            "jobType", of: body, .optional, unknown: .unknownJobType,
            "is not a job type: use \(Self.jobTypeCodes)",
            JobType.init(label:)
        )
        let visitRequested = reader.bool("visitRequested", of: body, .optional)
        let note = reader.string("note", of: body, .optional, length: 1...2000)
        let submittedAt = reader.resolved(
            "submittedAt", of: body, .required, unknown: .invalidTimestamp,
            "must be an RFC 3339 timestamp such as 2017-05-15T13:30:00+02:00", RFC3339Timestamp.date(from:)
        )

        guard reader.errors.isEmpty, let sheetId, let source, let municipality, let company, let contact,
              let category, let tasks, let hoursPerWeek, let submittedAt
        else { return nil }
        self.init(
            sheetId: sheetId, revision: revision ?? 1, source: source, municipality: municipality,
            company: company, contact: contact, category: category, tasks: tasks, hoursPerWeek: hoursPerWeek,
            positions: positions ?? 1, jobType: jobType ?? .smajob, visitRequested: visitRequested ?? false,
            note: note, submittedAt: submittedAt
        )
    }

    private static let categoryCodes = JobCategory.allCases.map(\.rawValue).joined(separator: ", ")
    private static let jobTypeCodes = JobType.allCases.map(\.rawValue).joined(separator: ", ")

    /// 1–20 strings of 1–200 characters, normalised with ``JobTask/normalise(_:)``, duplicates dropped.
    private static func tasks(of body: FieldReader.Object, with reader: inout FieldReader) -> [JobTask]? {
        guard let items = reader.array("tasks", of: body, .required, count: 1...20) else { return nil }
        let texts = items.map { reader.string($0, .required, length: 1...200) }
        var seen = Set<JobTask>()
        let tasks = texts.compactMap { $0.map(JobTask.normalise) }.filter { seen.insert($0).inserted }
        return texts.contains(nil) ? nil : tasks
    }

    /// More than 0 and at most 37, with at most one decimal.
    private static func hoursPerWeek(of body: FieldReader.Object, with reader: inout FieldReader) -> HoursPerWeek? {
        guard let (number, path) = reader.number("hoursPerWeek", of: body, .required) else { return nil }
        let hours = number.doubleValue
        guard hours > 0, hours <= 37 else {
            reader.report(path, .outOfRange, "must be more than 0 and at most 37 hours")
            return nil
        }
        guard let hoursPerWeek = number.integer(scaledBy: 1).flatMap(HoursPerWeek.init(tenths:)) else {
            reader.report(path, .tooPrecise, "must have at most one decimal, such as 7.5")
            return nil
        }
        return hoursPerWeek
    }
}

extension SpotJobSheet.Company {
    /// Reads the object `key` of `body`, recording every problem in `reader`.
    fileprivate init?(reading key: String, of body: FieldReader.Object, with reader: inout FieldReader) {
        guard let company = reader.object(key, of: body, .required) else { return nil }
        let cvr = reader.parsed("cvr", of: company, .required, invalid: .invalidCVR, CVR.init)
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
