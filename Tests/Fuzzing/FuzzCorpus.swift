import Foundation

/// The seed inputs of one fuzz target, kept in `Tests/Fixtures/fuzz/<target>/`: one input per file,
/// `*.hex` (bytes as hexadecimal, for binary inputs) or any other file taken byte for byte.
/// Inputs that once crashed something are kept there too, so every run tries them again.
public struct FuzzCorpus: Sendable {
    public let target: String
    /// The inputs, by file name in name order.
    public let inputs: [(name: String, bytes: [UInt8])]

    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    /// The names of every target's folder, in name order.
    public static func targets() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    }

    public init(target: String) throws {
        let directory = Self.root.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        inputs = try names.map { name in
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard name.hasSuffix(".hex") else { return (name, Array(data)) }
            return (name, try Self.bytes(hex: String(decoding: data, as: UTF8.self), file: name))
        }
        guard !inputs.isEmpty else { throw CorpusError(message: "no inputs in \(directory.path)") }
        self.target = target
    }

    private static func bytes(hex: String, file: String) throws -> [UInt8] {
        let digits = Array(hex.utf8.filter { !$0.isASCIIWhitespace })
        guard digits.count.isMultiple(of: 2) else { throw CorpusError(message: "\(file): an odd number of hex digits") }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                throw CorpusError(message: "\(file): not hexadecimal")
            }
            return byte
        }
    }

    public struct CorpusError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}

extension UInt8 {
    fileprivate var isASCIIWhitespace: Bool { self == 0x20 || self == 0x0A || self == 0x0D || self == 0x09 }
}
