import BodyReading
import Chronology
import Domain
import Foundation

/// Reads `candidate.profiled` and `candidate.withdrawn` bodies against the contract in
/// `docs/messages.md`. Pure: the moment of reading is given (for `submittedAt`, and its Copenhagen
/// date for `unemployedSince` and the default `availableFrom`).
///
/// Every problem is reported. A CPR number is never quoted: `invalid-cpr` says which rule it
/// breaks, in words without digits.
public enum ProfileReader {
    static let candidateIdLength = 1...64

    /// Validates and normalises a `candidate.profiled` body read at `now`.
    public static func read(_ body: [UInt8], readAt now: Date) -> Result<CandidateProfile, Rejection> {
        var candidateId: String?
        return MessageBody.read(body) { object, reader in
            candidateId = reader.string("candidateId", of: object, .required, length: candidateIdLength, trimming: false)
            return CandidateProfile(candidateId: candidateId, reading: object, with: &reader, readAt: now)
        }
        .mapError { $0.about(candidateId) }
    }

    /// Validates a `candidate.withdrawn` body `{candidateId, reason}`.
    public static func readWithdrawal(_ body: [UInt8]) -> Result<CandidateWithdrawal, Rejection> {
        var candidateId: String?
        return MessageBody.read(body) { object, reader in
            candidateId = reader.string("candidateId", of: object, .required, length: candidateIdLength, trimming: false)
            let reason = reader.string("reason", of: object, .required, length: 1...500)
            guard let candidateId, let reason else { return nil }
            return CandidateWithdrawal(candidateId: candidateId, reason: reason)
        }
        .mapError { $0.about(candidateId) }
    }
}

extension CandidateProfile {
    /// Reads the fields after `candidateId` at `now`, recording every problem in `reader`.
    init?(candidateId: String?, reading body: FieldReader.Object, with reader: inout FieldReader, readAt now: Date) {
        let today = Copenhagen.date(at: now) ?? .earliest
        let revision = reader.integer("revision", of: body, .optional, in: 1...Int(Int32.max))
        let jobcenter = reader.municipality("jobcenter", of: body, .required)
        let cpr = reader.parsed("cpr", of: body, .required, invalid: .invalidCPR, CPR.init)
        let home = reader.municipality("homeMunicipality", of: body, .required)
        let work = Self.municipalities("workMunicipalities", of: body, with: &reader)
        let categories = Self.list("categories", of: body, .required, count: 1...6, with: &reader) { $0.category($1) }
        let tasks = reader.field("tasks", of: body, .optional) == nil
            ? [] : reader.tasks("tasks", of: body, .optional, count: 0...30)
        let hours = Self.hours("hoursPerWeek", of: body, with: &reader)
        let jobTypes = Self.list("jobTypes", of: body, .optional, count: 1...5, with: &reader) { $0.jobType($1) }
        let maxJobs = reader.integer("maxJobs", of: body, .optional, in: 1...3)
        let unemployedSince = reader.date("unemployedSince", of: body, .required, in: DateBounds.unemploymentDays)
        if let unemployedSince, today < unemployedSince {
            reader.report(body.path.member("unemployedSince"), .inTheFuture, "must not be in the future")
        }
        let availableFrom = reader.date("availableFrom", of: body, .optional, in: DateBounds.businessDays)
        let note = reader.string("note", of: body, .optional, length: 1...2000)
        let submittedAt = reader.timestamp("submittedAt", of: body, .required, in: DateBounds.pastInstants(readAt: now))

        guard reader.errors.isEmpty, let candidateId, let jobcenter, let cpr, let home, let categories, let tasks,
              let hours, let unemployedSince, let submittedAt
        else { return nil }
        self.init(
            candidateId: candidateId, revision: revision ?? 1, jobcenter: jobcenter, cpr: cpr, homeMunicipality: home,
            workMunicipalities: work ?? [home], categories: categories, tasks: tasks, hours: hours,
            jobTypes: jobTypes ?? [.smajob], maxJobs: maxJobs ?? 1, unemployedSince: unemployedSince,
            availableFrom: availableFrom ?? today, note: note, submittedAt: submittedAt)
    }

    /// An array of `count` values each read by `element`, duplicates dropped (first kept);
    /// `nil` when absent or when any element is faulty.
    private static func list<Value: Hashable>(
        _ key: String, of body: FieldReader.Object, _ presence: FieldReader.Presence, count: ClosedRange<Int>,
        with reader: inout FieldReader, _ element: (inout FieldReader, FieldReader.Field) -> Value?
    ) -> [Value]? {
        guard let items = reader.array(key, of: body, presence, count: count) else { return nil }
        var values: [Value?] = []
        for item in items { values.append(element(&reader, item)) }
        guard !values.contains(nil) else { return nil }
        var seen = Set<Value>()
        return values.compactMap { $0 }.filter { seen.insert($0).inserted }
    }

    private static func municipalities(_ key: String, of body: FieldReader.Object, with reader: inout FieldReader) -> [Municipality]? {
        guard let items = reader.array(key, of: body, .optional, count: 1...98) else { return nil }
        var values: [Municipality?] = []
        for item in items { values.append(reader.municipality(item)) }
        guard !values.contains(nil) else { return nil }
        var seen = Set<Municipality>()
        return values.compactMap { $0 }.filter { seen.insert($0).inserted }
    }

    /// `{min, max}`: each more than 0 and at most 37 with one decimal at most, `min` ≤ `max`.
    private static func hours(_ key: String, of body: FieldReader.Object, with reader: inout FieldReader) -> HoursRange? {
        guard let object = reader.object(key, of: body, .required) else { return nil }
        let min = reader.hoursPerWeek("min", of: object, .required)
        let max = reader.hoursPerWeek("max", of: object, .required)
        guard let min, let max else { return nil }
        guard let range = HoursRange(min: min, max: max) else {
            reader.report(object.path.member("min"), .minAboveMax, "must not be greater than max")
            return nil
        }
        return range
    }
}
