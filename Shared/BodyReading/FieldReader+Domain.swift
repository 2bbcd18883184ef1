import Chronology
import Domain
import Foundation
import JSON

/// The values several services read the same way, with the same codes and messages.
extension FieldReader {
    /// A municipality: kommunekode (`615`) or name (`Horsens`, `Københavns Kommune`).
    public mutating func municipality(_ key: String, of object: Object, _ presence: Presence) -> Municipality? {
        resolved(key, of: object, presence, unknown: .unknownMunicipality, Self.unknownMunicipalityMessage,
                 Municipalities.denmark.resolve)
    }

    /// The municipality in `field` (an element of an array of municipalities).
    public mutating func municipality(_ field: Field) -> Municipality? {
        resolved(field, unknown: .unknownMunicipality, Self.unknownMunicipalityMessage, Municipalities.denmark.resolve)
    }

    /// A job category: its code or its Danish label.
    public mutating func category(_ key: String, of object: Object, _ presence: Presence) -> JobCategory? {
        resolved(key, of: object, presence, unknown: .unknownCategory, Self.unknownCategoryMessage, JobCategory.init(label:))
    }

    /// The job category in `field` (an element of an array of categories).
    public mutating func category(_ field: Field) -> JobCategory? {
        resolved(field, unknown: .unknownCategory, Self.unknownCategoryMessage, JobCategory.init(label:))
    }

    /// A job type code (`smajob`, …).
    public mutating func jobType(_ key: String, of object: Object, _ presence: Presence) -> JobType? {
        resolved(key, of: object, presence, unknown: .unknownJobType, Self.unknownJobTypeMessage, JobType.init(label:))
    }

    /// The job type in `field` (an element of an array of job types).
    public mutating func jobType(_ field: Field) -> JobType? {
        resolved(field, unknown: .unknownJobType, Self.unknownJobTypeMessage, JobType.init(label:))
    }

    /// A CVR number (spaces allowed).
    public mutating func cvr(_ key: String, of object: Object, _ presence: Presence) -> CVR? {
        parsed(key, of: object, presence, invalid: .invalidCVR, CVR.init)
    }

    /// An RFC 3339 timestamp with an offset, within `range` (``DateBounds`` has the ranges).
    public mutating func timestamp(_ key: String, of object: Object, _ presence: Presence, in range: ClosedRange<Date>) -> Date? {
        guard let field = field(key, of: object, presence),
              let instant = resolved(field, presence, unknown: .invalidTimestamp,
                                     "must be an RFC 3339 timestamp such as 2017-05-15T13:30:00+02:00", RFC3339.date(from:))
        else { return nil }
        return bounded(instant, at: field.path, in: range, RFC3339.format)
    }

    /// A UUID (any case).
    public mutating func uuid(_ key: String, of object: Object, _ presence: Presence) -> UUID? {
        resolved(key, of: object, presence, unknown: .invalidUUID, "must be a UUID", UUID.init(uuidString:))
    }

    /// One of the values of `Value` (its raw values, e.g. `reached`, `visit-booked`).
    public mutating func oneOf<Value: RawRepresentable & CaseIterable>(
        _ key: String, of object: Object, _ presence: Presence, _ type: Value.Type = Value.self
    ) -> Value? where Value.RawValue == String {
        resolved(key, of: object, presence, unknown: .unknownValue,
                 "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))", Value.init(rawValue:))
    }

    /// A calendar date `YYYY-MM-DD` within `range` (``DateBounds`` has the ranges).
    public mutating func date(_ key: String, of object: Object, _ presence: Presence, in range: ClosedRange<CivilDate>) -> CivilDate? {
        guard let field = field(key, of: object, presence),
              let date = resolved(field, presence, unknown: .invalidDate, "must be a date such as 2017-05-15", CivilDate.init)
        else { return nil }
        return bounded(date, at: field.path, in: range, \.description)
    }

    /// `value` when `range` holds it; otherwise `nil`, reported as `too-early` or `too-late` with
    /// the bound it passed (described by `describe`), never the value.
    private mutating func bounded<Value: Comparable>(
        _ value: Value, at path: FieldPath, in range: ClosedRange<Value>, _ describe: (Value) -> String
    ) -> Value? {
        if value < range.lowerBound {
            report(path, .tooEarly, "must not be before \(describe(range.lowerBound))")
            return nil
        }
        if value > range.upperBound {
            report(path, .tooLate, "must not be after \(describe(range.upperBound))")
            return nil
        }
        return value
    }

    /// `count` strings of 1–200 characters, normalised with ``JobTask/normalise(_:)``, duplicates dropped.
    public mutating func tasks(_ key: String, of object: Object, _ presence: Presence, count: ClosedRange<Int>) -> [JobTask]? {
        guard let items = array(key, of: object, presence, count: count) else { return nil }
        let texts = items.map { string($0, .required, length: 1...200) }
        var seen = Set<JobTask>()
        let tasks = texts.compactMap { $0.map(JobTask.normalise) }.filter { seen.insert($0).inserted }
        return texts.contains(nil) ? nil : tasks
    }

    /// Hours per week: more than 0 and at most 37, with at most one decimal.
    public mutating func hoursPerWeek(_ key: String, of object: Object, _ presence: Presence) -> HoursPerWeek? {
        guard let (number, path) = number(key, of: object, presence) else { return nil }
        let hours = number.doubleValue
        guard hours > 0, hours <= 37 else {
            report(path, .outOfRange, "must be more than 0 and at most 37 hours")
            return nil
        }
        guard let hoursPerWeek = number.integer(scaledBy: 1).flatMap(HoursPerWeek.init(tenths:)) else {
            report(path, .tooPrecise, "must have at most one decimal, such as 7.5")
            return nil
        }
        return hoursPerWeek
    }

    private static let unknownMunicipalityMessage = "is neither a Danish kommunekode nor a municipality name"
    private static let unknownCategoryMessage =
        "is not a job category: use \(JobCategory.allCases.map(\.rawValue).joined(separator: ", ")) or its Danish label"
    private static let unknownJobTypeMessage =
        "is not a job type: use \(JobType.allCases.map(\.rawValue).joined(separator: ", "))"
}
