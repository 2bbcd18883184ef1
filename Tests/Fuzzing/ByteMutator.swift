/// Mutates inputs the way coverage-less fuzzers do: flips bits, writes boundary values (0, 0x7F,
/// 0x80, 0xFF, and 64-bit ones such as 2⁶⁴−1), inserts, deletes and repeats runs, and splices
/// inputs together, a few times per input. Deterministic for a given generator.
public struct ByteMutator<Random: RandomNumberGenerator> {
    public var random: Random
    /// Bytes that are special in the formats under test (JSON and AMQP punctuation, NUL).
    public var dictionary: [[UInt8]]

    public init(random: Random, dictionary: [[UInt8]] = []) {
        self.random = random
        self.dictionary = dictionary
    }

    private static var boundaryBytes: [UInt8] { [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF] }
    private static var boundaryWords: [UInt64] { [0, 1, UInt64(Int64.max), 1 << 63, .max, 0xFFFF_FFFF, 0x8000_0000] }

    /// `input` changed by one to eight mutations; `others` are spliced from.
    public mutating func mutate(_ input: [UInt8], splicingFrom others: [[UInt8]]) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            mutateOnce(&bytes, others: others)
        }
        return bytes
    }

    private mutating func mutateOnce(_ bytes: inout [UInt8], others: [[UInt8]]) {
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0 where !bytes.isEmpty:
            bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1 where !bytes.isEmpty:
            bytes[position] = Self.boundaryBytes.randomElement(using: &random)!
        case 2 where bytes.count >= 8:
            let word = Self.boundaryWords.randomElement(using: &random)!
            let start = Int.random(in: 0...(bytes.count - 8), using: &random)
            for offset in 0..<8 { bytes[start + offset] = UInt8(truncatingIfNeeded: word >> (8 * (7 - offset))) }
        case 3:
            let inserted = dictionary.isEmpty || Bool.random(using: &random)
                ? (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                : dictionary.randomElement(using: &random)!
            bytes.insert(contentsOf: inserted, at: position)
        case 4 where !bytes.isEmpty:
            let count = Int.random(in: 1...min(16, bytes.count - position), using: &random)
            bytes.removeSubrange(position..<position + count)
        case 5 where !bytes.isEmpty:
            let count = Int.random(in: 1...min(32, bytes.count - position), using: &random)
            let run = Array(bytes[position..<position + count])
            for _ in 0..<Int.random(in: 1...64, using: &random) { bytes.insert(contentsOf: run, at: position) }
        case 6 where !others.isEmpty:
            let other = others.randomElement(using: &random)!
            guard !other.isEmpty else { return }
            let from = Int.random(in: 0..<other.count, using: &random)
            bytes = Array(bytes[..<position]) + other[from...]
        default:
            bytes.removeSubrange(min(position + 1, bytes.count)...)
        }
    }
}
