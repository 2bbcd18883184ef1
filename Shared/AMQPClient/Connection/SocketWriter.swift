import Foundation

/// Writes whole buffers to a non-blocking socket (rabbitmq-c's are), waiting with `poll` while the
/// socket's send buffer is full.
struct SocketWriter {
    let socket: Int32
    /// How long a write may wait for the socket to accept more bytes before it fails.
    let timeout: Duration

    /// Writes all of `bytes`, with as many `send` calls as the socket needs.
    /// - Throws: ``AMQPError/connectionLost(_:)`` if the socket fails or accepts nothing for ``timeout``;
    ///   an unknown part of `bytes` was written then.
    func write(_ bytes: [UInt8]) throws(AMQPError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { send(socket, $0.baseAddress! + offset, $0.count - offset, Self.flags) }
            if sent >= 0 {
                offset += sent
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try waitUntilWritable()
            case let code: throw .connectionLost("sending to the broker: \(String(cString: strerror(code)))")
            }
        }
    }

    private func waitUntilWritable() throws(AMQPError) {
        var descriptor = pollfd(fd: socket, events: Int16(POLLOUT), revents: 0)
        let milliseconds = Int32(clamping: Int64((timeout / .milliseconds(1)).rounded(.up)))
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            // On POLLERR or POLLHUP the next `send` reports what went wrong.
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
