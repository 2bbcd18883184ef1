import Foundation

/// Encodes event bodies as compact JSON: byte for byte what Foundation's `JSONEncoder` writes with
/// the settings of ``JSONCoding/makeEncoder(prettyPrinted:)``, in a fraction of the time.
///
/// Like that encoder it sorts object keys by their UTF-8 bytes, does not escape `/`, writes dates
/// with ``RFC3339/format(_:)``, UUIDs in lower case (RFC 9562 §4; Foundation writes them in upper case, the one difference), URLs as their
/// `absoluteString`, `Decimal`s as numbers, `Data` as Base64, floating-point numbers as their
/// `description` without a trailing `.0`, and `{}` for a value that encodes nothing; it refuses
/// NaN and infinity, and gives values the coding paths Foundation gives them. A ``JSONNumber`` (as
/// read from a body) is written as it was read.
///
/// Values are written as they are encoded (see ``JSONStreamEncoder``), so a few uses of `Encoder`
/// that the tree of Foundation's encoder allows fail with an `EncodingError` instead:
/// `superEncoder()`, writing to a nested container after its parent went on, and going on after
/// catching an error of a nested value.
public struct EventJSONEncoder: Sendable {
    /// The capacity the output starts with: an `opening.registered` body fits.
    private static let initialCapacity = 512

    public init() {}

    /// The JSON of `value`.
    /// - Throws: `EncodingError.invalidValue` for NaN, infinity, a value that encodes nothing at
    ///   the top level and the unsupported uses above; any error `value` throws.
    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONStreamEncoder(capacity: Self.initialCapacity)
        guard try encoder.encode(value, key: nil) else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Top-level \(T.self) did not encode any values."))
        }
        return encoder.writer.bytes
    }
}
