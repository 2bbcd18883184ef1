import ArgumentParser
import Foundation

/// An id given on the command line that must be a UUID.
enum UUIDArgument {
    static func parse(_ text: String, _ option: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else { throw ValidationError("\(option) must be a UUID") }
        return id
    }
}
