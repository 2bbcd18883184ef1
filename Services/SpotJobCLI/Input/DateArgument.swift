import ArgumentParser
import BodyReading
import Chronology

/// A calendar date given on the command line, `YYYY-MM-DD`, in ``DateBounds/businessDays`` (the
/// funnel counts up to the day after `--to`, which 9999-12-31 does not have).
enum DateArgument {
    static func parse(_ text: String, _ option: String) throws -> CivilDate {
        guard let date = CivilDate(text) else { throw ValidationError("\(option) must be a date YYYY-MM-DD") }
        let days = DateBounds.businessDays
        guard days.contains(date) else { throw ValidationError("\(option) must be from \(days.lowerBound) to \(days.upperBound)") }
        return date
    }
}
