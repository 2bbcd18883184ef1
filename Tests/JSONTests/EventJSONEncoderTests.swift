import Foundation
@testable import JSON
import SeededRandom
import TestSupport
import XCTest

/// ``EventJSONEncoder`` writes the bytes Foundation's `JSONEncoder` writes with SpotJob's settings
/// (``JSONCoding/makeEncoder(prettyPrinted:)``), whatever the value, but for UUIDs, which it writes
/// in lower case (``UUIDCase/foundationReference(_:)``).
final class EventJSONEncoderTests: XCTestCase {
    private let foundation = JSONCoding.makeEncoder()

    /// Encodes `value` with both encoders and expects the same bytes.
    private func assertSameJSON<T: Encodable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let expected = try UUIDCase.foundationReference(value)
            let actual = try JSONCoding.encoder.encode(value)
            XCTAssertEqual(
                String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self), file: file, line: line)
            XCTAssertEqual(actual, expected, file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    /// Encodes `value` with both encoders and expects both to throw.
    private func assertBothThrow<T: Encodable>(_ value: T, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try foundation.encode(value), file: file, line: line)
        XCTAssertThrowsError(try JSONCoding.encoder.encode(value), file: file, line: line) {
            XCTAssertTrue($0 is EncodingError, "\($0)", file: file, line: line)
        }
    }

    // MARK: Strings

    func testStringsAreEscapedAsFoundationEscapesThem() {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        for string in [
            "", "Mette Kjær", "Æbleø Åmose æøå ÆØÅ", "Høje-Taastrup", "say \"hi\"", #"C:\jobs\new"#, "a/b//c </script>",
            "line\nbreak\r\n\ttab", controls, "\u{7F}\u{80}\u{9F}\u{A0}", "\u{2028}\u{2029}", "😀 👩‍👩‍👧 🇩🇰",
            "e\u{301} é", "\u{FEFF}bom", "𝄞 \u{10FFFF}", String(repeating: "ø\"/\\\u{1}", count: 200),
        ] {
            assertSameJSON(string)
            assertSameJSON([string])
            assertSameJSON(["key": string])
        }
    }

    func testKeysAreSortedByTheirUTF8BytesAndEscaped() {
        assertSameJSON([
            "b": 1, "a": 2, "B": 3, "é": 4, "e\u{301}x": 5, "ab": 6, "a\"": 7, "a#": 8, "": 9, "a\\": 10, "a[": 11,
            "\u{1}": 12, "æ": 13, "ø": 14, "å": 15, "😀": 16, "z/": 17, "aa": 18, "a0": 19,
        ])
        var generator = SplitMix64(seed: 1)
        let keys = (0..<300).map { _ in randomString(using: &generator) }
        assertSameJSON(Dictionary(keys.enumerated().map { ($1, $0) }) { first, _ in first })
    }

    // MARK: Numbers

    func testIntegersOfEveryWidth() {
        assertSameJSON([0, 1, -1, 42, 1_000_000, Int.min, Int.max])
        assertSameJSON([Int8.min, Int8.max])
        assertSameJSON([Int16.min, Int16.max])
        assertSameJSON([Int32.min, Int32.max])
        assertSameJSON([Int64.min, Int64.max])
        assertSameJSON([UInt.min, UInt.max])
        assertSameJSON([UInt8.max])
        assertSameJSON([UInt16.max])
        assertSameJSON([UInt32.max])
        assertSameJSON([UInt64.max])
        assertSameJSON([Int128.min, Int128.max, 0])
        assertSameJSON([UInt128.max])
        assertSameJSON(Widths())
    }

    func testDoublesAreWrittenAsFoundationWritesThem() {
        assertSameJSON([
            0, -0.0, 7.5, 10, 37, 0.1, 0.2, 0.1 + 0.2, 1.0 / 3, -2.5, 100, 123_456.789, 1e15, 1e16, 1e21, 1e-5, 1e-7,
            .pi, .ulpOfOne, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
            -.greatestFiniteMagnitude, 9_007_199_254_740_993, 4.35, 2.675,
        ])
        // Every HoursPerWeek: tenths of an hour from 0.1 to 37.
        assertSameJSON((1...370).map { Double($0) / 10 })
        for tenths in 1...370 {
            assertSameJSON(["hoursPerWeek": Double(tenths) / 10])
        }
    }

    func testFloatsAreWrittenAsFoundationWritesThem() {
        assertSameJSON([Float(0), -0.0, 0.1, 7.5, 10, 1e-7, 3.4e38, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 16_777_217])
        assertSameJSON(Widths())
    }

    func testNonFiniteNumbersAreRefused() throws {
        for value in [[1, .nan], [.infinity]] as [[Double]] {
            func path(_ encode: () throws -> Any) -> [String]? {
                do {
                    _ = try encode()
                    return nil
                } catch EncodingError.invalidValue(_, let context) {
                    return context.codingPath.map(\.stringValue)
                } catch {
                    return nil
                }
            }
            let foundationPath = try XCTUnwrap(path { try self.foundation.encode(["list": value]) })
            XCTAssertEqual(path { try JSONCoding.encoder.encode(["list": value]) }, foundationPath)
        }
        assertBothThrow([Double.nan])
        assertBothThrow(["x": Double.infinity])
        assertBothThrow(-Double.infinity)
        assertBothThrow([Float.nan])
        assertBothThrow(Widths(float: .infinity))
        assertBothThrow(Widths(double: .nan))
    }

    func testRandomDoubles() {
        var generator = SplitMix64(seed: 2)
        let doubles = (0..<2000).map { index -> Double in
            switch index % 4 {
            case 0: Double(bitPattern: generator.next())
            case 1: Double.random(in: -1_000_000...1_000_000, using: &generator)
            case 2: Double(Int.random(in: -100_000...100_000, using: &generator)) / 100
            default: Double.random(in: 0...1, using: &generator)
            }
        }.filter(\.isFinite)
        assertSameJSON(doubles)
    }

    // MARK: Foundation types

    func testDatesAreRFC3339sInMilliseconds() {
        let dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_449_600.123),
            Date(timeIntervalSince1970: 1_795_449_600.1235), Date(timeIntervalSince1970: -1.5),
            Date(timeIntervalSince1970: 1e11), Date(timeIntervalSinceReferenceDate: 0), .distantPast, .distantFuture,
            Date(),
        ]
        assertSameJSON(dates)
        assertSameJSON(Dated(at: dates[1], maybe: nil, dates: dates))
        assertSameJSON(Dated(at: dates[2], maybe: dates[3], dates: []))
        assertSameJSON(dates[1])
    }

    func testUUIDsAreLowerCase() throws {
        let id = UUID(uuid: (0xAB, 0xCD, 0xEF, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0xFA, 0xFB, 0xFC, 0xFD))
        XCTAssertEqual(String(decoding: try JSONCoding.encoder.encode(["id": id]), as: UTF8.self), #"{"id":"abcdef01-0203-0405-0607-0809fafbfcfd"}"#)
        assertSameJSON([UUID(), UUID(), UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))])
        assertSameJSON(UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)))
        assertSameJSON(["id": UUID()])
    }

    func testURLsDecimalsAndData() throws {
        assertSameJSON([URL(string: "https://jobcenter.horsens.dk/spot/et job?id=1&a=ø")!, URL(fileURLWithPath: "/tmp/a b")])
        assertSameJSON(try XCTUnwrap(Decimal(string: "12.50")))
        assertSameJSON([Decimal(0), Decimal(-1), try XCTUnwrap(Decimal(string: "3.14159265358979323846264338327950288"))])
        assertSameJSON([Data(), Data([0]), Data([1, 2, 3, 255]), Data((0..<300).map { UInt8(truncatingIfNeeded: $0 * 7) })])
    }

    // MARK: Structure

    func testNilOptionalsAreOmittedAndNestedOptionalsWrittenAsNull() {
        assertSameJSON(Optionals(name: nil, count: nil, nested: nil, inner: nil, list: nil))
        assertSameJSON(Optionals(name: "a", count: 0, nested: .some(nil), inner: Optionals.Inner(value: nil), list: [nil, 1, nil]))
        assertSameJSON(Optionals(name: "", count: -7, nested: .some(.some(3)), inner: Optionals.Inner(value: "v"), list: []))
        assertSameJSON([Int?.none, 1])
        assertSameJSON(Int?.none)
        assertSameJSON(["a": Int?.none])
    }

    func testEmptyContainersAndValuesThatEncodeNothing() {
        assertSameJSON([Int]())
        assertSameJSON([String: Int]())
        assertSameJSON([[Int]](arrayLiteral: [], []))
        assertSameJSON(Nothing())
        assertSameJSON([Nothing(), Nothing()])
        assertSameJSON(["silent": Silent()])
        assertSameJSON([Silent()])
        assertSameJSON(SilentInSingleValue())
        assertSameJSON([Date: Silent]())
        assertBothThrow(Silent())
    }

    func testNestedValues() {
        assertSameJSON([[1, 2], [], [3]])
        assertSameJSON(["b": ["y": [1], "x": []], "a": [:]])
        assertSameJSON([Shape.circle(radius: 2.5), .square(side: 1, label: "æ"), .point, .labelled("x", 7)])
        assertSameJSON(["shapes": [Shape.point]])
        assertSameJSON([1: "one", -2: "minus two", 10: "ten"])
        assertSameJSON([UUID(): 1])
        assertSameJSON([Shape.point: 1])
        assertSameJSON(Deep(depth: 100))
        assertSameJSON(Optionals(name: "n", count: 1, nested: 2, inner: .init(value: "i"), list: [1]))
    }

    func testCustomEncodingWithNestedContainers() {
        assertSameJSON(Routed(kind: "k", from: "a", to: "b", tags: ["x", "y"], stamp: Date(timeIntervalSince1970: 5)))
        assertSameJSON(TwoKeyedContainers())
        assertSameJSON(SameKeyTwice())
    }

    func testCodingPathsAreFoundations() {
        assertSameJSON(PathRecorder())
        assertSameJSON([PathRecorder()])
        assertSameJSON(["a": [PathRecorder(), PathRecorder()]])
        assertSameJSON(["a": [PathRecorder?.none, PathRecorder()]])
        assertSameJSON(RecordsPaths())
        assertSameJSON([[RecordsPaths()]])
    }

    func testRandomTrees() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<300 {
            assertSameJSON(Tree.random(depth: 4, using: &generator))
        }
    }

    func testDeepNestingIsRefusedLikeFoundation() {
        assertSameJSON(Deep(depth: 511))
        assertBothThrow(Deep(depth: 512))
    }

    // MARK: Unsupported uses

    func testSuperEncoderIsRefused() {
        XCTAssertThrowsError(try JSONCoding.encoder.encode(UsesSuperEncoder())) {
            XCTAssertTrue("\($0)".contains("superEncoder"), "\($0)")
        }
    }

    func testWritingToAFinishedNestedContainerIsRefused() {
        XCTAssertThrowsError(try JSONCoding.encoder.encode(Interleaved())) {
            XCTAssertTrue("\($0)".contains("after the container it is nested in went on"), "\($0)")
        }
    }

    func testNestingUnderAKeyWithAValueIsRefused() {
        XCTAssertThrowsError(try JSONCoding.encoder.encode(NestedUnderUsedKey())) {
            XCTAssertTrue("\($0)".contains("already has a value"), "\($0)")
        }
    }

    func testAnErrorEndsEncodingEvenIfCaught() {
        XCTAssertNoThrow(try foundation.encode(CatchesAnError()))
        XCTAssertThrowsError(try JSONCoding.encoder.encode(CatchesAnError())) {
            XCTAssertTrue($0 is CatchesAnError.Failure, "\($0)")
        }
    }

    // MARK: Random strings

    private func randomString(using generator: inout SplitMix64) -> String {
        let scalars: [Unicode.Scalar] = [
            "a", "b", "z", "A", "Z", "0", "9", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{0}", "\u{1}", "\u{1F}",
            "\u{7F}", "æ", "ø", "å", "Æ", "Ø", "Å", "é", "\u{301}", "€", "\u{2028}", "😀", "🇩", "🇰", "\u{FFFF}",
        ]
        let length = Int.random(in: 0...12, using: &generator)
        return String(String.UnicodeScalarView((0..<length).map { _ in scalars.randomElement(using: &generator)! }))
    }
}

// MARK: - Values

/// Any JSON value, with arbitrary keys and strings.
private indirect enum Tree: Encodable {
    case null, bool(Bool), int(Int), double(Double), string(String), date(Date), id(UUID)
    case array([Tree]), object([String: Tree])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .date(let value): try container.encode(value)
        case .id(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    static func random(depth: Int, using generator: inout SplitMix64) -> Tree {
        let scalars: [Unicode.Scalar] = ["a", "B", "\"", "\\", "/", "\n", "\u{1}", "æ", "Ø", "é", "😀", " ", "0"]
        func string() -> String {
            String(String.UnicodeScalarView((0..<Int.random(in: 0...6, using: &generator)).map { _ in
                scalars.randomElement(using: &generator)!
            }))
        }
        switch Int.random(in: 0..<(depth > 0 ? 10 : 7), using: &generator) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(Int(truncatingIfNeeded: generator.next()) >> Int.random(in: 0...63, using: &generator))
        case 3: return .double(Double(Int.random(in: -10_000...10_000, using: &generator)) / 10)
        case 4: return .string(string())
        case 5: return .date(Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000_000, using: &generator)) / 1000))
        case 6: return .id(UUID())
        case 7: return .array((0..<Int.random(in: 0...4, using: &generator)).map { _ in random(depth: depth - 1, using: &generator) })
        default:
            var object: [String: Tree] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &generator) { object[string()] = random(depth: depth - 1, using: &generator) }
            return .object(object)
        }
    }
}

/// One property of every integer and floating-point type, in declaration order that is not key order.
private struct Widths: Encodable {
    var int = Int.min, int8 = Int8.min, int16 = Int16.min, int32 = Int32.min, int64 = Int64.min, int128 = Int128.min
    var uint = UInt.max, uint8 = UInt8.max, uint16 = UInt16.max, uint32 = UInt32.max, uint64 = UInt64.max
    var uint128 = UInt128.max
    var float: Float = 0.1
    var double: Double = 7.5
    var bool = false
}

private struct Dated: Encodable {
    var at: Date
    var maybe: Date?
    var dates: [Date]
}

private struct Optionals: Encodable {
    struct Inner: Encodable { var value: String? }
    var name: String?
    var count: Int?
    var nested: Int??
    var inner: Inner?
    var list: [Int?]?
}

/// A struct without properties: an empty keyed container.
private struct Nothing: Encodable {}

/// Encodes nothing at all: Foundation writes `{}`, or refuses it at the top level.
private struct Silent: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

private struct SilentInSingleValue: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Silent())
    }
}

/// Synthesized enum coding: nested keyed containers.
private enum Shape: Codable, Hashable {
    case circle(radius: Double)
    case square(side: Int, label: String)
    case point
    case labelled(String, Int)
}

private struct Deep: Encodable {
    var depth: Int
    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        if depth > 1 { try container.encode(Deep(depth: depth - 1)) }
    }
}

/// A custom encoding that nests containers and goes on with the outer one afterwards.
private struct Routed: Encodable {
    var kind: String, from: String, to: String, tags: [String], stamp: Date
    enum Keys: String, CodingKey { case kind, route, tags, stamp }
    enum RouteKeys: String, CodingKey { case to, from }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(stamp, forKey: .stamp)
        var route = container.nestedContainer(keyedBy: RouteKeys.self, forKey: .route)
        try route.encode(to, forKey: .to)
        try route.encode(from, forKey: .from)
        var list = container.nestedUnkeyedContainer(forKey: .tags)
        for tag in tags { try list.encode(tag) }
        var pairs = list.nestedUnkeyedContainer()
        try pairs.encode(1)
        var object = list.nestedContainer(keyedBy: RouteKeys.self)
        try object.encodeNil(forKey: .to)
        try list.encode(true)
        try container.encode(kind, forKey: .kind)
    }
}

/// Asks for the keyed container twice, as a subclass and its superclass do: one object.
private struct TwoKeyedContainers: Encodable {
    enum Keys: String, CodingKey { case b, a }
    enum OtherKeys: String, CodingKey { case d, c }
    func encode(to encoder: any Encoder) throws {
        var first = encoder.container(keyedBy: Keys.self)
        try first.encode(1, forKey: .b)
        var second = encoder.container(keyedBy: OtherKeys.self)
        try second.encode(2, forKey: .d)
        try first.encode(3, forKey: .a)
        try second.encode(4, forKey: .c)
    }
}

/// Writes a key twice: the last value counts.
private struct SameKeyTwice: Encodable {
    enum Keys: String, CodingKey { case b, a }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .a)
        try container.encode("x", forKey: .b)
        try container.encode([2], forKey: .a)
    }
}

/// Writes the coding path it is encoded at.
private struct PathRecorder: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(describe(encoder.codingPath) + " " + describe(container.codingPath))
    }
}

private func describe(_ path: [any CodingKey]) -> String {
    path.map { "\($0.stringValue):\($0.intValue.map(String.init) ?? "-")" }.joined(separator: "/")
}

/// Writes the coding paths of its containers and of values in them.
private struct RecordsPaths: Encodable {
    enum Keys: String, CodingKey { case z, y, x, w, v }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(describe(container.codingPath), forKey: .z)
        try container.encode(PathRecorder(), forKey: .y)
        var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .x)
        try nested.encode(describe(nested.codingPath), forKey: .z)
        try nested.encode(PathRecorder(), forKey: .y)
        var list = nested.nestedUnkeyedContainer(forKey: .x)
        try list.encode(describe(list.codingPath))
        try list.encode(PathRecorder())
        var inner = list.nestedContainer(keyedBy: Keys.self)
        try inner.encode(PathRecorder(), forKey: .z)
        try inner.encode(describe(encoder.codingPath), forKey: .y)
        try container.encode(describe(encoder.codingPath), forKey: .w)
        try container.encode([PathRecorder()], forKey: .v)
    }
}

/// Catches the error of a value and goes on: fine for Foundation, which had not written it yet.
private struct CatchesAnError: Encodable {
    struct Failure: Error {}
    struct Failing: Encodable {
        func encode(to encoder: any Encoder) throws { throw Failure() }
    }
    enum Keys: String, CodingKey { case a, b }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try? container.encode(Failing(), forKey: .a)
        try container.encode(1, forKey: .b)
    }
}

private struct UsesSuperEncoder: Encodable {
    enum Keys: String, CodingKey { case a }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .a)
        try Nothing().encode(to: container.superEncoder())
    }
}

private struct Interleaved: Encodable {
    enum Keys: String, CodingKey { case a, b }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .a)
        try container.encode(1, forKey: .b)
        try nested.encode(2, forKey: .a)
    }
}

private struct NestedUnderUsedKey: Encodable {
    enum Keys: String, CodingKey { case a }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .a)
        var nested = container.nestedUnkeyedContainer(forKey: .a)
        try nested.encode(2)
    }
}
