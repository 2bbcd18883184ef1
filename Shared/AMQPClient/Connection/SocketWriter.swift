import CRabbitMQ
import Foundation

/// Writes whole buffers to a non-blocking socket (rabbitmq-c's are), through its TLS session when it
/// has one, waiting with `poll` while the socket cannot take more.
struct SocketWriter {
    let socket: Int32
    /// rabbitmq-c's TLS session on ``socket`` (`amqps://`), or `nil` to write the socket itself.
    let tls: OpaquePointer?
    /// How long a write may wait for the socket to accept more bytes before it fails.
    let timeout: Duration

    /// What one attempt to send did.
    private enum Attempt {
        case sent(Int)
        /// Nothing sent; try again once `poll` reports these events.
        case wait(Int16)
        case failed(String)
    }

    /// Writes all of `bytes`, with as many calls as the socket needs.
    /// - Throws: ``AMQPError/connectionLost(_:)`` if the socket fails or accepts nothing for ``timeout``;
    ///   an unknown part of `bytes` was written then.
    func write(_ bytes: [UInt8]) throws(AMQPError) {
        var offset = 0
        while offset < bytes.count {
            let attempt = bytes.withUnsafeBytes { buffer in
                send(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
            }
            switch attempt {
            case .sent(let count): offset += count
            case .wait(let events): try waitUntilReady(events)
            case .failed(let why): throw .connectionLost("sending to the broker: \(why)")
            }
        }
    }

    private func send(_ buffer: UnsafeRawBufferPointer) -> Attempt {
        if let tls {
            // The same pointer and length are passed again after a wait, as OpenSSL requires.
            let sent = SSL_write(tls, buffer.baseAddress, Int32(clamping: buffer.count))
            if sent > 0 { return .sent(Int(sent)) }
            switch SSL_get_error(tls, sent) {
            case SSL_ERROR_WANT_WRITE: return .wait(Int16(POLLOUT))
            case SSL_ERROR_WANT_READ: return .wait(Int16(POLLIN))
            case SSL_ERROR_SYSCALL: return .failed(String(cString: strerror(errno)))
            default: return .failed("the TLS session failed")
            }
        }
        let sent = Foundation.send(socket, buffer.baseAddress, buffer.count, Self.flags)
        if sent >= 0 { return .sent(sent) }
        switch errno {
        case EINTR: return .sent(0)
        case EAGAIN, EWOULDBLOCK: return .wait(Int16(POLLOUT))
        case let code: return .failed(String(cString: strerror(code)))
        }
    }

    private func waitUntilReady(_ events: Int16) throws(AMQPError) {
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        let milliseconds = Int32(clamping: Int64((timeout / .milliseconds(1)).rounded(.up)))
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            // On POLLERR or POLLHUP the next send reports what went wrong.
            if ready > 0 { return }
            if ready == 0 { throw .connectionLost("sending to the broker: no progress in \(timeout)") }
            guard errno == EINTR else {
                throw .connectionLost("waiting to send to the broker: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Linux raises SIGPIPE on a write to a closed socket unless told not to; rabbitmq-c sets
    /// `SO_NOSIGPIPE` on the socket where that flag does not exist.
    #if os(Linux)
    private static let flags = Int32(MSG_NOSIGNAL)
    #else
    private static let flags: Int32 = 0
    #endif
}
