import Fuzzing

/// The seed bodies of one reader: `Tests/Fixtures/fuzz/<reader>/<routing key>[.<n>].json`, each with
/// the routing key it is delivered under.
struct ReaderCorpus {
    struct Seed {
        let type: String
        let body: [UInt8]
    }

    let seeds: [Seed]

    /// The seeds in `Tests/Fixtures/fuzz/<reader>`, in name order.
    init(_ reader: String) throws {
        seeds = try FuzzCorpus(target: reader).inputs.filter { $0.name.hasSuffix(".json") }.map { input in
            var parts = input.name.dropLast(".json".count).split(separator: ".")
            if let last = parts.last, last.allSatisfy(\.isNumber) { parts.removeLast() }
            return Seed(type: parts.joined(separator: "."), body: input.bytes)
        }
    }

    /// Every seed body of every target: the donors of splices.
    static func everySeed() throws -> [Seed] {
        try FuzzCorpus.targets().flatMap { try ReaderCorpus($0).seeds }
    }
}
