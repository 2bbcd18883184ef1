import ArgumentParser
import Foundation
import JSON

/// An instant given on the command line, RFC 3339 with an offset.
enum Timestamp {
    static func parse(_ text: String) throws -> Date {
        guard let date = RFC3339.date(from: text) else {
            throw ValidationError("expected an RFC 3339 timestamp such as 2025-04-22T10:00:00+02:00")
        }
        return date
    }
}
