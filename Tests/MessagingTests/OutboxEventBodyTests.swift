import Foundation
import JSON
import Messaging
import XCTest

/// An event's body is written by ``EventJSONEncoder``: the bytes Foundation's encoder writes with
/// SpotJob's settings.
final class OutboxEventBodyTests: XCTestCase {
    func testEventBodiesOfTheRepository() throws {
        let foundation = JSONCoding.makeEncoder()
        for pong in [RecordingHandler.Pong(body: "ping \"æøå\" \n"), RecordingHandler.Pong(body: "ø/\u{1}")] {
            XCTAssertEqual(try JSONCoding.encoder.encode(pong), Array(try foundation.encode(pong)))
        }
        let note = ["note": String(repeating: "x", count: 1000)]
        XCTAssertEqual(try JSONCoding.encoder.encode(note), Array(try foundation.encode(note)))
        let event = try OutboxEvent(type: "test.pong", payload: RecordingHandler.Pong(body: "ø/\u{1}"), producer: "test")
        XCTAssertEqual(event.envelope.body, Array(try foundation.encode(RecordingHandler.Pong(body: "ø/\u{1}"))))
        XCTAssertEqual(String(decoding: event.envelope.body, as: UTF8.self), #"{"body":"ø/\u0001"}"#)
    }
}
