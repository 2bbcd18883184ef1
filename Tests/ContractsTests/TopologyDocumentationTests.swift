import Foundation
import XCTest

/// The diagram of who publishes and who consumes what (`docs/architecture.md`, "Who publishes and
/// who consumes what") is the broker's configuration in words: every row's consumers are the queues
/// `deploy/rabbitmq/topology.tsv` binds to its keys, and its publishers are the users whose topic
/// permission in `permissions.tsv` allows them.
final class TopologyDocumentationTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func read(_ path: String) throws -> String {
        try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The non-comment lines of a tab-separated file, split into columns.
    private func table(_ path: String) throws -> [[String]] {
        try read(path).split(separator: "\n").map(String.init)
            .filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The documented rows: routing keys, publishers, consumers (names in backticks).
    private func documentedRows() throws -> [(keys: [String], publishers: [String], consumers: [String])] {
        let text = try read("docs/architecture.md")
        guard let start = text.range(of: "## Who publishes and who consumes what") else { return [] }
        let end = text.range(of: "\n## ", range: start.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        func names(_ cell: Substring) -> [String] {
            cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        return text[start.upperBound..<end].split(separator: "\n").filter { $0.hasPrefix("| `") }.map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
            let columns = Array(cells.prefix(3))
            return (names(columns[0]), names(columns[1]), names(columns[2]))
        }
    }

    /// The rows of `permissions.tsv`, each checked to have its nine columns.
    private func permissions() throws -> [[String]] {
        let rows = try table("deploy/rabbitmq/permissions.tsv")
        XCTAssertFalse(rows.isEmpty)
        for row in rows { XCTAssertEqual(row.count, 9, "permissions.tsv: \(row.first ?? "")") }
        return rows.filter { $0.count == 9 }
    }

    /// On `spotjob.dead` the routing key is the service that dead-letters: each service user may
    /// publish and bind its own name only, outside users none, the administrator every one.
    func testOnTheDeadLetterExchangeEachServicePublishesAndBindsOnlyItsOwnName() throws {
        let services = try table("deploy/rabbitmq/topology.tsv").filter { $0.first == "service" }.map { $0[1] }
        XCTAssertEqual(services.sorted(), ["billing", "followup", "intake", "matching"])
        func allowed(_ pattern: String) throws -> [String] {
            let regex = try NSRegularExpression(pattern: pattern)
            return services.filter { regex.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
        }
        for row in try permissions() {
            let user = row[0]
            let expected = user == "spotjob-admin" ? services : services.filter { $0 == user }
            XCTAssertEqual(try allowed(row[7]), expected, "\(user) publishes on spotjob.dead")
            XCTAssertEqual(try allowed(row[8]), expected, "\(user) binds on spotjob.dead")
        }
    }

    /// Bindings by routing key; a `jobcenter` line binds its queue by the header `municipality`.
    func testEveryBindingOfTheTopologyIsDocumentedAndNoOtherIs() throws {
        var bound = Set<String>()
        for row in try table("deploy/rabbitmq/topology.tsv") where row.count == 3 && row[0] != "jobcenter" {
            for key in row[2].split(separator: ",") { bound.insert("\(row[1]) ← \(key)") }
        }
        var documented = Set<String>()
        for row in try documentedRows() {
            for key in row.keys { for consumer in row.consumers { documented.insert("\(consumer) ← \(key)") } }
        }
        XCTAssertFalse(documented.isEmpty, "docs/architecture.md has the table")
        XCTAssertEqual(documented.subtracting(bound).sorted(), [], "documented but not bound in topology.tsv")
        XCTAssertEqual(bound.subtracting(documented).sorted(), [], "bound in topology.tsv but not documented")
    }

    func testEveryDocumentedPublisherMayPublishItsKeysAndNoServiceMayPublishAnothersKeys() throws {
        var topicWrite: [String: NSRegularExpression] = [:]
        for row in try permissions() {
            topicWrite[row[0]] = try NSRegularExpression(pattern: row[5])
        }
        // `jobcenter-<kommunekode>` in the table stands for every jobcenter's user.
        let jobcenters = topicWrite.keys.filter { $0.wholeMatch(of: /jobcenter-[0-9]{3}/) != nil }
        XCTAssertFalse(jobcenters.isEmpty, "permissions.tsv has jobcenter users")
        func users(_ publisher: String) -> [String] {
            publisher == "jobcenter-<kommunekode>" ? jobcenters : [publisher]
        }
        func allows(_ user: String, _ key: String) -> Bool {
            guard let regex = topicWrite[user] else { return false }
            return regex.firstMatch(in: key, range: NSRange(key.startIndex..., in: key)) != nil
        }
        let rows = try documentedRows()
        XCTAssertFalse(rows.isEmpty, "docs/architecture.md has the table")
        for row in rows {
            for key in row.keys {
                let publishers = row.publishers.flatMap(users)
                for publisher in publishers { XCTAssertTrue(allows(publisher, key), "\(publisher) may not publish \(key)") }
                for user in topicWrite.keys where user != "spotjob-admin" && !publishers.contains(user) {
                    XCTAssertFalse(allows(user, key), "\(user) may publish \(key), which only \(row.publishers) publish")
                }
            }
        }
    }

    /// Each jobcenter's queue is read by its own user alone, who declares nothing and binds nothing.
    func testEachJobcentersQueueIsReadOnlyByItsOwnUser() throws {
        let queues = try table("deploy/rabbitmq/topology.tsv").filter { $0.first == "jobcenter" }.map { "jobcenter.\($0[1])" }
        XCTAssertEqual(queues.sorted(), ["jobcenter.183", "jobcenter.615", "jobcenter.661", "jobcenter.766"])
        for row in try permissions() where row[0] != "spotjob-admin" {
            let read = try NSRegularExpression(pattern: row[4])
            let readable = queues.filter { read.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil }
            let own = row[0].hasPrefix("jobcenter-") ? ["jobcenter.\(row[0].dropFirst("jobcenter-".count))"] : []
            XCTAssertEqual(readable, own, "\(row[0]) reads")
            if row[0].hasPrefix("jobcenter-") {
                XCTAssertEqual(row[2], "^$", "\(row[0]) declares nothing")
                XCTAssertEqual(row[6], "^$", "\(row[0]) binds nothing")
            }
        }
    }
}
