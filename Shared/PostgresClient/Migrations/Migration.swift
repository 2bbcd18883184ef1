import Foundation

/// One migration file, read into memory.
struct Migration: Sendable {
    /// `<directory name>/<file name>`, as recorded in `schema_migrations`.
    var name: String
    var sql: String

    /// The `*.sql` files of `directory`, sorted by file name.
    static func files(in directory: URL) throws -> [Migration] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .map { file in
                Migration(
                    name: "\(directory.lastPathComponent)/\(file.lastPathComponent)",
                    sql: try String(contentsOf: file, encoding: .utf8)
                )
            }
    }
}
