import Foundation

/// The seed bodies of one reader: `Tests/Fixtures/fuzz/<reader>/<routing key>[.<n>].json`, each with
/// the routing key it is delivered under.
struct FuzzCorpus {
    struct Seed {
        let type: String
        let body: [UInt8]
    }

    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    let seeds: [Seed]

    /// The seeds in `Tests/Fixtures/fuzz/<reader>`, in name order.
    init(_ reader: String) throws {
        let folder = Self.root.appendingPathComponent(reader)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        seeds = try names.map { name in
            var parts = name.dropLast(".json".count).split(separator: ".")
            if let last = parts.last, last.allSatisfy(\.isNumber) { parts.removeLast() }
            return Seed(type: parts.joined(separator: "."), body: Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    /// Every seed of every reader: the donors of splices.
    static func everySeed() throws -> [Seed] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).sorted().flatMap { try FuzzCorpus($0).seeds }
    }
}
