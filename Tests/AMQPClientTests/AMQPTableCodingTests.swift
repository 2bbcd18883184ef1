@testable import AMQPClient
import CRabbitMQ
import XCTest

/// Every AMQP field type goes through rabbitmq-c's wire encoding and back unchanged: a header SpotJob
/// does not use itself must still reach a dead letter as it arrived.
final class AMQPTableCodingTests: XCTestCase {
    static let everyKind: [String: AMQPHeaderValue] = [
        "bool": .bool(true), "int8": .int8(-8), "uint8": .uint8(200), "int16": .int16(-30_000),
        "uint16": .uint16(60_000), "int32": .int32(-2_000_000_000), "uint32": .uint32(4_000_000_000),
        "int64": .int(-9_000_000_000_000), "uint64": .uint64(18_000_000_000_000_000_000),
        "float": .float(1.5), "double": .double(-2.25), "decimal": .decimal(scale: 2, value: 17_500_000),
        "string": .string("æøå"), "bytes": .bytes([0, 1, 0xFF]), "timestamp": .timestamp(1_700_000_000),
        "void": .void, "empty-array": .array([]), "empty-table": .table([:]),
    ]

    func testEveryFieldKindRoundTrips() throws {
        for (key, value) in Self.everyKind {
            XCTAssertEqual(try roundTrip([key: value]), [key: value], key)
        }
        XCTAssertEqual(try roundTrip(Self.everyKind), Self.everyKind)
    }

    func testNestedArraysAndTablesRoundTrip() throws {
        let nested: [String: AMQPHeaderValue] = [
            "x-death": .array([
                .table([
                    "count": .int(1), "reason": .string("rejected"), "queue": .string("intake"),
                    "time": .timestamp(1_700_000_000), "routing-keys": .array([.string("sheet.submitted")]),
                ]),
            ]),
            "matrix": .array([.array([.int32(1), .int32(2)]), .array([]), .table(["deep": .table(["deeper": .void])])]),
        ]
        XCTAssertEqual(try roundTrip(nested), nested)
    }

    func testHeadersNestedToTheMaximumDepthAreReadAndDeeperAreRefused() throws {
        // The headers are level 1, so a header's value may nest `maximumDepth - 1` containers.
        func nested(_ levels: Int, _ container: (AMQPHeaderValue) -> AMQPHeaderValue) -> AMQPHeaderValue {
            (1..<levels).reduce(container(.void)) { inner, _ in container(inner) }
        }
        for container in [{ AMQPHeaderValue.array([$0]) }, { AMQPHeaderValue.table(["k": $0]) }] {
            let deepest = ["h": nested(AMQPHeaderValue.maximumDepth - 1, container)]
            XCTAssertEqual(try roundTrip(deepest), deepest)
            XCTAssertThrowsError(try roundTrip(["h": nested(AMQPHeaderValue.maximumDepth, container)])) { error in
                XCTAssertTrue(error is HeadersTooDeep)
            }
        }
    }

    func testIntValueReadsEveryIntegerKind() {
        let integers: [AMQPHeaderValue] = [.int8(-1), .uint8(1), .int16(-1), .uint16(1), .int32(-1), .uint32(1), .int(-1), .uint64(1)]
        XCTAssertEqual(integers.map(\.intValue), [-1, 1, -1, 1, -1, 1, -1, 1])
        XCTAssertNil(AMQPHeaderValue.uint64(.max).intValue)
        XCTAssertNil(AMQPHeaderValue.string("1").intValue)
    }

    /// Encodes `headers` with rabbitmq-c's table encoder, as they go on the wire, and decodes them again.
    private func roundTrip(_ headers: [String: AMQPHeaderValue]) throws -> [String: AMQPHeaderValue] {
        let arena = CArena()
        var table = arena.table(headers)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        return try buffer.withUnsafeMutableBytes { raw in
            let encoded = amqp_bytes_t(len: raw.count, bytes: raw.baseAddress)
            var offset = 0
            guard amqp_encode_table(encoded, &table, &offset) == 0 else { throw CodingFailure.encode }
            var pool = amqp_pool_t()
            init_amqp_pool(&pool, 4096)
            defer { empty_amqp_pool(&pool) }
            var decoded = amqp_table_t()
            var readOffset = 0
            guard amqp_decode_table(amqp_bytes_t(len: offset, bytes: raw.baseAddress), &pool, &decoded, &readOffset) == 0,
                  readOffset == offset
            else { throw CodingFailure.decode }
            return try decoded.headers(depth: 1)
        }
    }

    private enum CodingFailure: Error { case encode, decode }
}
