@testable import AMQPClient
import CRabbitMQ
import Foundation
import Fuzzing
@testable import Messaging
import SeededRandom
import XCTest

/// Fuzzes what a consumer does with a delivery before any handler sees it: rabbitmq-c decodes the
/// message's properties (field tables included) as they came off the wire, SpotJob reads them
/// (``AMQPMessageProperties``) and the envelope (``Envelope/init(delivery:receivedAt:)``), and a
/// refused delivery becomes a dead letter whose properties are encoded again (where a timestamp of
/// 2⁶⁴−1 once trapped). Inputs are mutated from `Tests/Fixtures/fuzz/envelope` with a fixed seed.
/// A trap or a crash fails the whole test run.
final class EnvelopeFuzzTests: XCTestCase {
    static let inputs = 100_000
    static let receivedAt = Date(timeIntervalSince1970: 1_765_000_000)
    static let routingKeys = ["sheet.submitted", "opening.withdrawn", "company.contacted", "", "sheet.submit\u{0}ted"]

    func testNoInputTrapsTheEnvelopeReaderOrTheDeadLetter() throws {
        let corpus = try FuzzCorpus(target: "envelope")
        let seeds = corpus.inputs.map(\.bytes)
        var mutator = ByteMutator(
            random: SplitMix64(seed: 18),
            dictionary: [[0x00], Array("application/json".utf8), [UInt8(ascii: "A"), 0, 0, 0, 5], [UInt8(ascii: "F"), 0xFF, 0xFF, 0xFF, 0xFF]])
        var encoder = PublishFrameEncoder(channel: 1, frameMax: 131_072)
        var counts = (undecodable: 0, accepted: 0, refused: 0)
        for index in 0..<Self.inputs {
            let input = index < seeds.count ? seeds[index] : mutator.mutate(seeds[index % seeds.count], splicingFrom: seeds)
            guard let properties = Self.decodeProperties(input) else {
                counts.undecodable += 1
                continue
            }
            let delivery = Delivery(
                deliveryTag: UInt64(index), generation: 1, exchange: "spotjob",
                routingKey: Self.routingKeys[index % Self.routingKeys.count], redelivered: false, body: [],
                properties: properties)
            do {
                _ = try Envelope(delivery: delivery, receivedAt: Self.receivedAt)
                counts.accepted += 1
            } catch {
                counts.refused += 1
                try? encoder.append(DeadLetter.message(for: delivery, service: "fuzz", reason: "invalid envelope: \(error)"))
                encoder.removeAll(keepingCapacityUpTo: 1 << 20)
            }
        }
        // The mutations reach every outcome, or the fuzzing would prove little.
        XCTAssertGreaterThan(counts.undecodable, Self.inputs / 20, "\(counts)")
        XCTAssertGreaterThan(counts.accepted, Self.inputs / 500, "\(counts)")
        XCTAssertGreaterThan(counts.refused, Self.inputs / 20, "\(counts)")
    }

    /// The properties rabbitmq-c decodes from the bytes of a content header after its body size,
    /// as the consumer reads them; `nil` when rabbitmq-c finds them malformed.
    static func decodeProperties(_ bytes: [UInt8]) -> AMQPMessageProperties? {
        var pool = amqp_pool_t()
        init_amqp_pool(&pool, 4096)
        defer { empty_amqp_pool(&pool) }
        var copy = bytes
        return copy.withUnsafeMutableBytes { raw -> AMQPMessageProperties? in
            var decoded: UnsafeMutableRawPointer?
            let status = amqp_decode_properties(
                UInt16(AMQP_BASIC_CLASS), &pool, amqp_bytes_t(len: raw.count, bytes: raw.baseAddress), &decoded)
            guard status == AMQP_STATUS_OK.rawValue, let decoded else { return nil }
            return AMQPMessageProperties(decoded.load(as: amqp_basic_properties_t.self))
        }
    }
}
