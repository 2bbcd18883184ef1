import ArgumentParser
import Chronology

/// A calendar date given on the command line, `YYYY-MM-DD`.
enum DateArgument {
    static func parse(_ text: String, _ option: String) throws -> CivilDate {
        guard let date = CivilDate(text) else { throw ValidationError("\(option) must be a date YYYY-MM-DD") }
        return date
    }
}
