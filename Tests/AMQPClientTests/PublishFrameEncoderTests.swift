@testable import AMQPClient
import CRabbitMQ
import Foundation
import XCTest

final class PublishFrameEncoderTests: XCTestCase {
    func testEncodesMethodHeaderAndBodyFramesOfASmallPublish() throws {
        var encoder = PublishFrameEncoder(channel: 1, frameMax: 4096)
        try encoder.append(OutgoingMessage(
            exchange: "ex", routingKey: "rk", body: Array("hi".utf8),
            properties: AMQPMessageProperties(contentType: "t")))

        let method: [UInt8] = [
            0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x0D,  // method frame, channel 1, 13 bytes
            0x00, 0x3C, 0x00, 0x28,  // basic.publish (60, 40)
            0x00, 0x00,  // ticket
            0x02, 0x65, 0x78,  // exchange "ex"
            0x02, 0x72, 0x6B,  // routing key "rk"
            0x00,  // mandatory and immediate unset
            0xCE,
        ]
        let header: [UInt8] = [
            0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x11,  // header frame, channel 1, 17 bytes
            0x00, 0x3C, 0x00, 0x00,  // class basic, weight 0
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,  // body size 2
            0x90, 0x00,  // flags: content type, delivery mode
            0x01, 0x74,  // content type "t"
            0x02,  // delivery mode persistent
            0xCE,
        ]
        let body: [UInt8] = [
            0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,  // body frame, channel 1, 2 bytes
            0x68, 0x69,
            0xCE,
        ]
        XCTAssertEqual(encoder.bytes, method + header + body)
    }

    func testSplitsTheBodyIntoFramesOfAtMostFrameMax() throws {
        let perFrame = 4096 - 8
        var encoder = PublishFrameEncoder(channel: 1, frameMax: 4096)
        let body = (0..<(2 * perFrame + 1)).map { UInt8(truncatingIfNeeded: $0) }
        try encoder.append(OutgoingMessage(exchange: "ex", routingKey: "rk", body: body))

        let frames = try Self.frames(encoder.bytes)
        XCTAssertEqual(frames.map(\.type), [1, 2, 3, 3, 3])
        XCTAssertEqual(frames.map(\.payload.count).suffix(3), [perFrame, perFrame, 1])
        XCTAssertEqual(Array(frames.suffix(3).map(\.payload).joined()), body)
        XCTAssertEqual(frames.map(\.frameSize).max(), 4096)
    }

    func testABodyOfExactlyOneFrameAndAnEmptyBody() throws {
        var encoder = PublishFrameEncoder(channel: 1, frameMax: 4096)
        try encoder.append(OutgoingMessage(exchange: "ex", routingKey: "rk", body: [UInt8](repeating: 7, count: 4088)))
        try encoder.append(OutgoingMessage(exchange: "ex", routingKey: "rk", body: []))
        XCTAssertEqual(try Self.frames(encoder.bytes).map(\.type), [1, 2, 3, 1, 2], "no body frame for an empty body")
    }

    func testMessagesFollowEachOtherInOrder() throws {
        var encoder = PublishFrameEncoder(channel: 1, frameMax: 4096)
        for index in 0..<3 {
            try encoder.append(OutgoingMessage(exchange: "ex", routingKey: "rk", body: [UInt8(index)]))
        }
        let frames = try Self.frames(encoder.bytes)
        XCTAssertEqual(frames.filter { $0.type == 3 }.map(\.payload), [[0], [1], [2]])
        encoder.removeAll(keepingCapacityUpTo: 1 << 20)
        XCTAssertTrue(encoder.bytes.isEmpty)
    }

    func testAMessageRabbitMQCannotEncodeLeavesTheBufferAsItWas() throws {
        var encoder = PublishFrameEncoder(channel: 1, frameMax: 4096)
        try encoder.append(OutgoingMessage(exchange: "ex", routingKey: "rk", body: [1]))
        let before = encoder.bytes
        let tooLong = String(repeating: "k", count: 256)  // a short string holds at most 255 bytes
        XCTAssertThrowsError(try encoder.append(OutgoingMessage(exchange: "ex", routingKey: tooLong, body: [1])))
        XCTAssertThrowsError(try encoder.append(OutgoingMessage(
            exchange: "ex", routingKey: "rk", body: [1],
            properties: AMQPMessageProperties(headers: ["big": .string(String(repeating: "x", count: 5000))]))))
        XCTAssertEqual(encoder.bytes, before)
    }

    /// The frames are byte for byte those `amqp_basic_publish` sends for the same message, captured
    /// from a socket pair.
    func testMatchesWhatAmqpBasicPublishSends() throws {
        let message = OutgoingMessage(
            exchange: "spotjob", routingKey: "sheet.received", body: (0..<70_000).map { UInt8(truncatingIfNeeded: $0 * 7) },
            properties: AMQPMessageProperties(
                messageID: "m-1", type: "test.message", contentType: "application/json", correlationID: "c-1",
                appID: "tests", timestamp: 1_700_000_000,
                headers: ["schema-version": .int(1), "note": .string("æøå"), "flag": .bool(true)]))

        var sockets: [Int32] = [0, 0]
        XCTAssertEqual(socketpair(AF_UNIX, Self.streamSocket, 0, &sockets), 0)
        defer { close(sockets[1]) }
        let state = try XCTUnwrap(amqp_new_connection())
        defer { amqp_destroy_connection(state) }  // closes sockets[0]
        amqp_tcp_socket_set_sockfd(amqp_tcp_socket_new(state), sockets[0])

        let arena = CArena()
        var properties = message.properties.encoded(in: arena)
        let status = message.body.withUnsafeBytes { body in
            amqp_basic_publish(
                state, 1, arena.bytes(message.exchange), arena.bytes(message.routingKey), 0, 0, &properties,
                amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress)))
        }
        XCTAssertEqual(status, AMQP_STATUS_OK.rawValue)
        var sent: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while case let count = recv(sockets[1], &chunk, chunk.count, Int32(MSG_DONTWAIT)), count > 0 {
            sent += chunk[..<count]
        }

        var encoder = PublishFrameEncoder(channel: 1, frameMax: Int(amqp_get_frame_max(state)))
        try encoder.append(message)
        XCTAssertEqual(try Self.frames(encoder.bytes).map(\.type), [1, 2, 3, 3], "the body needs two frames")
        XCTAssertEqual(encoder.bytes.count, sent.count)
        XCTAssertTrue(encoder.bytes == sent, "same bytes as amqp_basic_publish")
    }

    // MARK: Helpers

    private struct Frame {
        var type: UInt8
        var payload: [UInt8]
        var frameSize: Int { payload.count + 8 }
    }

    /// Splits `bytes` into frames, checking channel 1 and each frame end.
    private static func frames(_ bytes: [UInt8]) throws -> [Frame] {
        var frames: [Frame] = []
        var offset = 0
        while offset < bytes.count {
            let channel = Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
            let size = bytes[(offset + 3)..<(offset + 7)].reduce(0) { $0 << 8 | Int($1) }
            XCTAssertEqual(channel, 1)
            XCTAssertEqual(bytes[offset + 7 + size], 0xCE, "frame end")
            frames.append(Frame(type: bytes[offset], payload: Array(bytes[(offset + 7)..<(offset + 7 + size)])))
            offset += 8 + size
        }
        XCTAssertEqual(offset, bytes.count)
        return frames
    }

    #if os(Linux)
    static let streamSocket = Int32(SOCK_STREAM.rawValue)
    #else
    static let streamSocket = SOCK_STREAM
    #endif
}
