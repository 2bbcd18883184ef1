import CRabbitMQ
import Foundation

/// One rabbitmq-c connection with one channel (channel 1).
///
/// rabbitmq-c is blocking and not thread safe, so this class is not `Sendable`: it is owned by one
/// actor pinned to an `IOThreadExecutor` (``AMQPPublisher``, ``AMQPConsumer``). Any error leaves the
/// connection unusable; the owner discards it and connects again.
final class AMQPConnection {
    private let state: amqp_connection_state_t
    /// Where the TLS socket's session is recorded (`amqps://`), so ``flush()`` writes through it.
    private let tls: UnsafeMutablePointer<spotjob_tls_session>?
    private let channel: amqp_channel_t = 1
    private var closed = false
    /// How long an RPC waits for its reply, and a write of publishes for the socket to take more bytes.
    private let ioTimeout: Duration
    /// Frames of publishes not yet written; created on first use, after `frame_max` was negotiated.
    private lazy var publishFrames = PublishFrameEncoder(channel: channel, frameMax: Int(amqp_get_frame_max(state)))

    /// How many bytes of publish frames ``publish(_:)`` collects before it writes them.
    private static let flushThreshold = 64 * 1024

    init(configuration: AMQPConfiguration) throws(AMQPError) {
        guard let state = amqp_new_connection() else { throw .connectionFailed("out of memory") }
        self.state = state
        self.ioTimeout = configuration.connectTimeout * 2
        tls = configuration.tls.map { _ in
            let session = UnsafeMutablePointer<spotjob_tls_session>.allocate(capacity: 1)
            session.initialize(to: spotjob_tls_session(ssl: nil))
            return session
        }
        do {
            let socket = try Self.socket(for: configuration, on: state, session: tls)
            var connectTimeout = timeval(configuration.connectTimeout)
            let status = amqp_socket_open_noblock(socket, configuration.host, Int32(configuration.port), &connectTimeout)
            guard status == AMQP_STATUS_OK.rawValue else {
                throw AMQPError.connectionFailed(
                    "\(configuration.host):\(configuration.port): \(Self.describe(status: status))")
            }
            var rpcTimeout = timeval(ioTimeout)
            amqp_set_handshake_timeout(state, &connectTimeout)
            amqp_set_rpc_timeout(state, &rpcTimeout)
            let login = spotjob_amqp_login_plain(
                state, configuration.virtualHost, 0, 131_072, Int32(configuration.heartbeatSeconds),
                configuration.user, configuration.password)
            try check(login, "login as \(configuration.user) to vhost \(configuration.virtualHost)")
            amqp_channel_open(state, channel)
            try check(amqp_get_rpc_reply(state), "channel.open")
        } catch {
            discard()
            throw .connectionFailed((error as? AMQPError)?.description ?? "\(error)")
        }
    }

    deinit {
        discard()
        tls?.deallocate()
    }

    /// A TCP socket, or for `amqps://` a TLS socket that verifies the broker's chain and host name
    /// and records its session in `session`.
    private static func socket(
        for configuration: AMQPConfiguration, on state: amqp_connection_state_t,
        session: UnsafeMutablePointer<spotjob_tls_session>?
    ) throws(AMQPError) -> OpaquePointer {
        guard let tls = configuration.tls, let session else {
            guard let socket = amqp_tcp_socket_new(state) else { throw .connectionFailed("no socket") }
            return socket
        }
        guard let socket = amqp_ssl_socket_new(state) else { throw .connectionFailed("no TLS socket") }
        guard spotjob_tls_prepare(socket, session, tls.caFile) == 0 else {
            throw .connectionFailed("cannot load the certificate authorities \(tls.caFile ?? "of the system's trust store")")
        }
        return socket
    }

    // MARK: Topology and channel settings

    func declare(_ topology: Topology) throws(AMQPError) {
        for exchange in topology.exchanges {
            let arena = CArena()
            amqp_exchange_declare(
                state, channel, arena.bytes(exchange.name), arena.bytes(exchange.kind.rawValue),
                0, 1, 0, 0, amqp_empty_table)
            try check(amqp_get_rpc_reply(state), "exchange.declare \(exchange.name)")
        }
        for queue in topology.queues {
            let arena = CArena()
            amqp_queue_declare(state, channel, arena.bytes(queue.name), 0, 1, 0, 0, arena.table(queue.arguments))
            try check(amqp_get_rpc_reply(state), "queue.declare \(queue.name)")
        }
        for binding in topology.bindings {
            let arena = CArena()
            amqp_queue_bind(
                state, channel, arena.bytes(binding.queue), arena.bytes(binding.exchange),
                arena.bytes(binding.routingKey), amqp_empty_table)
            try check(amqp_get_rpc_reply(state), "queue.bind \(binding.queue) \(binding.routingKey)")
        }
    }

    /// Removes all ready messages from `queue`; returns how many.
    func purge(queue: String) throws(AMQPError) -> Int {
        let arena = CArena()
        let ok = amqp_queue_purge(state, channel, arena.bytes(queue))
        try check(amqp_get_rpc_reply(state), "queue.purge \(queue)")
        return Int(ok?.pointee.message_count ?? 0)
    }

    func deleteQueue(_ queue: String) throws(AMQPError) {
        let arena = CArena()
        amqp_queue_delete(state, channel, arena.bytes(queue), 0, 0)
        try check(amqp_get_rpc_reply(state), "queue.delete \(queue)")
    }

    /// Messages ready in `queue` (a passive declare).
    func messageCount(queue: String) throws(AMQPError) -> Int {
        try occupancy(queue: queue).ready
    }

    /// The ready messages and the consumers of `queue`, as a passive queue.declare reports them.
    func occupancy(queue: String) throws(AMQPError) -> (ready: Int, consumers: Int) {
        let arena = CArena()
        let ok = amqp_queue_declare(state, channel, arena.bytes(queue), 1, 0, 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "queue.declare passive \(queue)")
        return (Int(ok?.pointee.message_count ?? 0), Int(ok?.pointee.consumer_count ?? 0))
    }

    func enableConfirms() throws(AMQPError) {
        amqp_confirm_select(state, channel)
        try check(amqp_get_rpc_reply(state), "confirm.select")
    }

    func startConsuming(queue: String, prefetch: UInt16) throws(AMQPError) {
        amqp_basic_qos(state, channel, 0, prefetch, 0)
        try check(amqp_get_rpc_reply(state), "basic.qos")
        let arena = CArena()
        amqp_basic_consume(state, channel, arena.bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "basic.consume \(queue)")
    }

    // MARK: Publishing

    /// Encodes basic.publish for `message` into a buffer that is written once it holds
    /// ``flushThreshold`` bytes; call ``flush()`` after the last message.
    ///
    /// `amqp_basic_publish` makes a `send` call per frame, three per message. Collecting the frames of
    /// many messages (``PublishFrameEncoder``) makes a batch cost a few `send` calls instead.
    func publish(_ message: OutgoingMessage) throws(AMQPError) {
        try publishFrames.append(message)
        if publishFrames.bytes.count >= Self.flushThreshold { try flush() }
    }

    /// Writes the frames of the publishes not yet written straight to rabbitmq-c's socket (through
    /// its TLS session on `amqps://`).
    ///
    /// rabbitmq-c does not see these writes. That is safe because they are whole frames, written
    /// completely (or the connection is discarded) before rabbitmq-c sends anything of its own. Its
    /// heartbeat timer counts only its own sends, so it may send heartbeats that were not needed,
    /// which is harmless.
    func flush() throws(AMQPError) {
        guard !publishFrames.bytes.isEmpty else { return }
        defer { publishFrames.removeAll(keepingCapacityUpTo: 2 * Self.flushThreshold) }
        try SocketWriter(socket: amqp_get_sockfd(state), tls: tls?.pointee.ssl, timeout: ioTimeout).write(publishFrames.bytes)
    }

    /// Waits up to `timeout` for a publisher confirm; `nil` when none arrived in time.
    func nextConfirm(timeout: Duration) throws(AMQPError) -> ConfirmTracker.Confirm? {
        guard let frame = try nextFrame(timeout: timeout) else { return nil }
        guard frame.frame_type == AMQP_FRAME_METHOD else { return nil }
        let method = frame.payload.method
        switch method.id {
        case SPOTJOB_AMQP_BASIC_ACK:
            let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            return .ack(ack.delivery_tag, multiple: ack.multiple != 0)
        case SPOTJOB_AMQP_BASIC_NACK:
            let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            return .nack(nack.delivery_tag, multiple: nack.multiple != 0)
        default:
            try failOnClose(method)
            return nil
        }
    }

    /// Reads and handles whatever the broker sent (heartbeats, a close) without waiting.
    func poll() throws(AMQPError) {
        while let frame = try nextFrame(timeout: .zero) {
            if frame.frame_type == AMQP_FRAME_METHOD { try failOnClose(frame.payload.method) }
        }
    }

    // MARK: Consuming

    /// Waits up to `timeout` for a delivery; `nil` when none arrived in time.
    func nextDelivery(timeout: Duration, generation: Int) throws(AMQPError) -> Delivery? {
        amqp_maybe_release_buffers(state)
        var envelope = amqp_envelope_t()
        var wait = timeval(timeout)
        let reply = amqp_consume_message(state, &envelope, &wait, 0)
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            defer { amqp_destroy_envelope(&envelope) }
            return Delivery(
                deliveryTag: envelope.delivery_tag, generation: generation,
                exchange: envelope.exchange.string, routingKey: envelope.routing_key.string,
                redelivered: envelope.redelivered != 0, body: envelope.message.body.array,
                properties: AMQPMessageProperties(envelope.message.properties))
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_TIMEOUT.rawValue:
            return nil
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue:
            // A method other than basic.deliver arrived: a close, a cancel, or a stray frame.
            if let frame = try nextFrame(timeout: .zero), frame.frame_type == AMQP_FRAME_METHOD {
                try failOnClose(frame.payload.method)
                if frame.payload.method.id == SPOTJOB_AMQP_BASIC_CANCEL {
                    throw .connectionLost("the broker cancelled the consumer (queue deleted?)")
                }
            }
            return nil
        default:
            try check(reply, "basic.consume")
            return nil
        }
    }

    func ack(_ deliveryTag: UInt64, multiple: Bool) throws(AMQPError) {
        let status = amqp_basic_ack(state, channel, deliveryTag, multiple ? 1 : 0)
        guard status == AMQP_STATUS_OK.rawValue else { throw .connectionLost("basic.ack: \(Self.describe(status: status))") }
    }

    func nack(_ deliveryTag: UInt64, requeue: Bool) throws(AMQPError) {
        let status = amqp_basic_nack(state, channel, deliveryTag, 0, requeue ? 1 : 0)
        guard status == AMQP_STATUS_OK.rawValue else { throw .connectionLost("basic.nack: \(Self.describe(status: status))") }
    }

    // MARK: Closing

    /// Closes politely (channel, then connection); errors are ignored because the broker may be gone.
    func close() {
        guard !closed else { return }
        amqp_channel_close(state, channel, AMQP_REPLY_SUCCESS)
        amqp_connection_close(state, AMQP_REPLY_SUCCESS)
        discard()
    }

    private func discard() {
        guard !closed else { return }
        closed = true
        amqp_destroy_connection(state)
    }

    // MARK: Frames and errors

    private func nextFrame(timeout: Duration) throws(AMQPError) -> amqp_frame_t? {
        var frame = amqp_frame_t()
        var wait = timeval(timeout)
        let status = amqp_simple_wait_frame_noblock(state, &frame, &wait)
        if status == AMQP_STATUS_TIMEOUT.rawValue { return nil }
        guard status == AMQP_STATUS_OK.rawValue else {
            throw .connectionLost("waiting for a frame: \(Self.describe(status: status))")
        }
        return frame
    }

    private func failOnClose(_ method: amqp_method_t) throws(AMQPError) {
        switch method.id {
        case SPOTJOB_AMQP_CHANNEL_CLOSE:
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            throw .closedByBroker(code: Int(close.reply_code), text: close.reply_text.string)
        case SPOTJOB_AMQP_CONNECTION_CLOSE:
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            throw .closedByBroker(code: Int(close.reply_code), text: close.reply_text.string)
        default:
            return
        }
    }

    private func check(_ reply: amqp_rpc_reply_t, _ context: @autoclosure () -> String) throws(AMQPError) {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw .connectionLost("\(context()): \(Self.describe(status: reply.library_error))")
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            try failOnClose(reply.reply)
            throw .connectionLost("\(context()): unexpected method \(reply.reply.id)")
        default:
            throw .connectionLost("\(context()): no reply from the broker")
        }
    }

    private static func describe(status: Int32) -> String {
        String(cString: amqp_error_string2(status))
    }
}

extension timeval {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
