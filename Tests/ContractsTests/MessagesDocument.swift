import Foundation

/// `docs/messages.md`, and its sections by heading, for the tests that keep the contracts in step with it.
enum MessagesDocument {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let text: String = (try? String(contentsOf: repositoryRoot.appendingPathComponent("docs/messages.md"), encoding: .utf8)) ?? ""

    /// The text under the heading `### key` (or `## key …`), up to the next heading of that level.
    static func section(_ key: String) -> Substring? {
        for marker in ["\n### \(key)\n", "\n## \(key) "] {
            guard let start = text.range(of: marker) else { continue }
            let level = marker.hasPrefix("\n###") ? "\n### " : "\n## "
            let end = text.range(of: level, range: start.upperBound..<text.endIndex)?.lowerBound
            return text[start.lowerBound..<(end ?? text.endIndex)]
        }
        return nil
    }
}
