import Foundation
import JSON
import Logging

/// Writes one JSON object per line to standard error, as container log collectors expect:
/// `{"label":"intake","level":"info","msg":"…","ts":"…", …metadata}`, keys sorted, written by
/// ``JSONCoding/encoder`` like every message body.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }).mapValues(LogValue.init)
        fields["ts"] = .string(RFC3339.format(Date()))
        fields["level"] = .string(event.level.rawValue)
        fields["label"] = .string(label)
        fields["msg"] = .string(event.message.description)
        if let error = event.error { fields["error"] = .string("\(error)") }
        guard var line = try? JSONCoding.encoder.encode(fields) else { return }
        line.append(0x0A)
        line.withUnsafeBytes { FileHandle.standardError.write(Data($0)) }
    }

    /// A metadata value as JSON: strings, arrays and objects.
    private enum LogValue: Encodable {
        case string(String)
        case array([LogValue])
        case object([String: LogValue])

        init(_ value: Logger.MetadataValue) {
            switch value {
            case .string(let string): self = .string(string)
            case .stringConvertible(let convertible): self = .string(convertible.description)
            case .array(let values): self = .array(values.map(LogValue.init))
            case .dictionary(let dictionary): self = .object(dictionary.mapValues(LogValue.init))
            }
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .string(let string):
                var container = encoder.singleValueContainer()
                try container.encode(string)
            case .array(let values):
                var container = encoder.singleValueContainer()
                try container.encode(values)
            case .object(let fields):
                var container = encoder.singleValueContainer()
                try container.encode(fields)
            }
        }
    }
}
