@testable import AMQPClient
import Foundation
import Synchronization
import XCTest

final class SocketWriterTests: XCTestCase {
    private var sockets: [Int32] = [-1, -1]

    override func setUpWithError() throws {
        #if os(Linux)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        XCTAssertEqual(socketpair(AF_UNIX, stream, 0, &sockets), 0)
        // The writing end is non-blocking, as rabbitmq-c's socket is.
        XCTAssertEqual(fcntl(sockets[0], F_SETFL, fcntl(sockets[0], F_GETFL) | O_NONBLOCK), 0)
    }

    override func tearDown() {
        for socket in sockets where socket >= 0 { close(socket) }
    }

    func testWritesMoreThanTheSocketBufferHoldsWhileTheOtherEndReads() throws {
        let bytes = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let received = Mutex<[UInt8]>([])
        let reader = sockets[1]
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var all: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while all.count < bytes.count {
                let count = read(reader, &chunk, chunk.count)
                guard count > 0 else { break }
                all += chunk[..<count]
            }
            received.withLock { $0 = all }
            done.signal()
        }

        try SocketWriter(socket: sockets[0], tls: nil, timeout: .seconds(5)).write(bytes)
        XCTAssertEqual(done.wait(timeout: .now() + 10), .success)
        XCTAssertTrue(received.withLock { $0 } == bytes, "every byte arrived in order")
    }

    func testFailsWhenTheSocketAcceptsNothingForTheTimeout() {
        let bytes = [UInt8](repeating: 1, count: 1 << 20)  // more than the socket buffers; nobody reads
        let started = ContinuousClock.now
        XCTAssertThrowsError(try SocketWriter(socket: sockets[0], tls: nil, timeout: .milliseconds(100)).write(bytes)) { error in
            guard case .connectionLost = error as? AMQPError else { return XCTFail("\(error)") }
        }
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(5))
    }

    func testFailsWhenTheOtherEndIsClosed() {
        close(sockets[1])
        sockets[1] = -1
        XCTAssertThrowsError(try SocketWriter(socket: sockets[0], tls: nil, timeout: .seconds(1)).write([1, 2, 3])) { error in
            guard case .connectionLost = error as? AMQPError else { return XCTFail("\(error)") }
        }
    }
}
