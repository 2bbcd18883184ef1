import AMQPClient
import CRabbitMQ
import Foundation

/// The reference every AMQP figure is divided by: rabbitmq-c called directly, with no Swift
/// abstraction, the fastest way we know on this machine (pre-built properties, confirms read in
/// bulk, `multiple` acks).
final class RawRabbitMQ {
    private let state: amqp_connection_state_t

    init(_ configuration: AMQPConfiguration) throws {
        state = amqp_new_connection()
        let socket = amqp_tcp_socket_new(state)
        guard amqp_socket_open(socket, configuration.host, Int32(configuration.port)) == 0 else {
            throw BenchmarkError("raw: cannot open socket")
        }
        let login = spotjob_amqp_login_plain(
            state, configuration.virtualHost, 0, 131_072, 0, configuration.user, configuration.password)
        guard login.reply_type == AMQP_RESPONSE_NORMAL else { throw BenchmarkError("raw: login failed") }
        amqp_channel_open(state, 1)
        guard amqp_get_rpc_reply(state).reply_type == AMQP_RESPONSE_NORMAL else { throw BenchmarkError("raw: channel") }
    }

    deinit {
        amqp_channel_close(state, 1, AMQP_REPLY_SUCCESS)
        amqp_connection_close(state, AMQP_REPLY_SUCCESS)
        amqp_destroy_connection(state)
    }

    /// Publishes `count` persistent messages of `body` to `exchange`/`routingKey` in batches of
    /// `batch`, waiting for the confirms of each batch.
    func publishConfirmed(count: Int, batch: Int, exchange: String, routingKey: String, body: [UInt8]) throws {
        try enableConfirms()
        for start in stride(from: 0, to: count, by: batch) {
            try publishBatchConfirmed(Array(repeating: body, count: min(batch, count - start)), exchange: exchange, routingKey: routingKey)
        }
    }

    /// Consumes `count` messages from `queue` with `prefetch`, acking every `batch` with `multiple`.
    func consumeAcked(count: Int, queue: String, prefetch: UInt16, batch: Int) throws {
        amqp_basic_qos(state, 1, 0, prefetch, 0)
        _ = queue.withCString { amqp_basic_consume(state, 1, amqp_cstring_bytes($0), amqp_empty_bytes, 0, 0, 0, amqp_empty_table) }
        guard amqp_get_rpc_reply(state).reply_type == AMQP_RESPONSE_NORMAL else { throw BenchmarkError("raw: consume") }
        var received = 0
        var lastTag: UInt64 = 0
        while received < count {
            amqp_maybe_release_buffers(state)
            var envelope = amqp_envelope_t()
            let reply = amqp_consume_message(state, &envelope, nil, 0)
            guard reply.reply_type == AMQP_RESPONSE_NORMAL else { throw BenchmarkError("raw: consume_message") }
            lastTag = envelope.delivery_tag
            amqp_destroy_envelope(&envelope)
            received += 1
            if received % batch == 0 || received == count { amqp_basic_ack(state, 1, lastTag, 1) }
        }
    }

    /// Consumes from `queue`; for each batch already buffered, republishes the messages through
    /// `publisher` (its own connection, as in a service) with confirms, then acks the batch: the
    /// broker pass-through a service does, minus its database.
    func passThrough(
        count: Int, queue: String, prefetch: UInt16, batch: Int, via publisher: RawRabbitMQ, exchange: String,
        routingKey: String
    ) throws {
        amqp_basic_qos(state, 1, 0, prefetch, 0)
        _ = queue.withCString { amqp_basic_consume(state, 1, amqp_cstring_bytes($0), amqp_empty_bytes, 0, 0, 0, amqp_empty_table) }
        guard amqp_get_rpc_reply(state).reply_type == AMQP_RESPONSE_NORMAL else { throw BenchmarkError("raw: consume") }
        try publisher.enableConfirms()
        var handled = 0
        while handled < count {
            var bodies: [[UInt8]] = []
            var lastTag: UInt64 = 0
            var timeout = timeval(tv_sec: 0, tv_usec: 0)
            repeat {
                amqp_maybe_release_buffers(state)
                var envelope = amqp_envelope_t()
                let reply = bodies.isEmpty
                    ? amqp_consume_message(state, &envelope, nil, 0)
                    : amqp_consume_message(state, &envelope, &timeout, 0)
                if reply.reply_type != AMQP_RESPONSE_NORMAL { break }
                lastTag = envelope.delivery_tag
                bodies.append(Array(UnsafeRawBufferPointer(start: envelope.message.body.bytes, count: envelope.message.body.len)))
                amqp_destroy_envelope(&envelope)
            } while bodies.count < batch && handled + bodies.count < count && amqp_data_in_buffer(state) != 0
            try publisher.publishBatchConfirmed(bodies, exchange: exchange, routingKey: routingKey)
            amqp_basic_ack(state, 1, lastTag, 1)
            handled += bodies.count
        }
    }

    private var published: UInt64 = 0
    private var confirmed: UInt64 = 0

    private func enableConfirms() throws {
        amqp_confirm_select(state, 1)
        guard amqp_get_rpc_reply(state).reply_type == AMQP_RESPONSE_NORMAL else { throw BenchmarkError("raw: confirm.select") }
    }

    private func publishBatchConfirmed(_ bodies: [[UInt8]], exchange: String, routingKey: String) throws {
        var properties = amqp_basic_properties_t()
        properties._flags = amqp_flags_t(AMQP_BASIC_DELIVERY_MODE_FLAG)
        properties.delivery_mode = 2
        for body in bodies {
            let status = exchange.withCString { exchangeName in
                routingKey.withCString { key in
                    body.withUnsafeBytes { bytes in
                        amqp_basic_publish(state, 1, amqp_cstring_bytes(exchangeName), amqp_cstring_bytes(key), 0, 0, &properties,
                                           amqp_bytes_t(len: bytes.count, bytes: UnsafeMutableRawPointer(mutating: bytes.baseAddress)))
                    }
                }
            }
            guard status == 0 else { throw BenchmarkError("raw: publish") }
            published += 1
        }
        while confirmed < published {
            var frame = amqp_frame_t()
            guard amqp_simple_wait_frame(state, &frame) == 0 else { throw BenchmarkError("raw: wait frame") }
            guard frame.frame_type == AMQP_FRAME_METHOD, frame.payload.method.id == SPOTJOB_AMQP_BASIC_ACK else { continue }
            let ack = frame.payload.method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            confirmed = ack.multiple != 0 ? ack.delivery_tag : max(confirmed, ack.delivery_tag)
        }
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
