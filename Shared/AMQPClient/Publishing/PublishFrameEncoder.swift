import CRabbitMQ

/// Encodes basic.publish commands as AMQP 0-9-1 frames into one byte buffer, so that the frames of
/// many messages reach the socket in one write (see ``AMQPConnection/publish(_:)``).
///
/// A message becomes the frames `amqp_basic_publish` sends: a method frame (basic.publish), a
/// content header frame (body size and properties) and body frames of at most ``frameMax`` − 8 bytes
/// of body each (none for an empty body). rabbitmq-c encodes the method arguments and the properties
/// (`amqp_encode_method`, `amqp_encode_properties`), so they are the bytes it would send; this type
/// lays out the frames around them: type (u8), channel (u16), payload size (u32), payload, and the
/// frame end `0xCE`, integers big-endian.
struct PublishFrameEncoder {
    /// The frames encoded since the last ``removeAll(keepingCapacityUpTo:)``.
    private(set) var bytes: [UInt8] = []
    let channel: amqp_channel_t
    /// The largest frame the connection negotiated, frame header and end included.
    let frameMax: Int
    /// Where rabbitmq-c encodes arguments and properties before they are copied into ``bytes``;
    /// as large as the largest payload a frame may carry.
    private var scratch: [UInt8]

    /// Frame type, channel and payload size before the payload; the frame end after it.
    private static let frameOverhead = 8
    private static let frameEnd = UInt8(AMQP_FRAME_END)
    private static let basicClass = UInt16(AMQP_BASIC_CLASS)

    /// - Parameter frameMax: the negotiated maximum (`amqp_get_frame_max`); AMQP guarantees at least 4096.
    init(channel: amqp_channel_t, frameMax: Int) {
        precondition(frameMax >= 4096, "AMQP 0-9-1 frame_max is at least 4096")
        self.channel = channel
        self.frameMax = frameMax
        self.scratch = [UInt8](repeating: 0, count: frameMax - Self.frameOverhead)
    }

    /// Appends the frames that publish `message`.
    /// - Throws: ``AMQPError/connectionLost(_:)``, as `amqp_basic_publish` would fail, when rabbitmq-c
    ///   cannot encode it (an exchange or routing key over 255 bytes, properties larger than a frame);
    ///   ``bytes`` is then as before.
    mutating func append(_ message: OutgoingMessage) throws(AMQPError) {
        let start = bytes.count
        do throws(AMQPError) {
            let arena = CArena()
            var method = amqp_basic_publish_t(
                ticket: 0, exchange: arena.bytes(message.exchange), routing_key: arena.bytes(message.routingKey),
                mandatory: 0, immediate: 0)
            var properties = message.properties.encoded(in: arena)

            // Method frame: class and method id, then the arguments.
            let arguments = try encode(reserving: 4) { amqp_encode_method(SPOTJOB_AMQP_BASIC_PUBLISH, &method, $0) }
            appendFrameStart(type: AMQP_FRAME_METHOD, payloadSize: 4 + arguments)
            append(UInt32(SPOTJOB_AMQP_BASIC_PUBLISH))
            bytes.append(contentsOf: scratch[..<arguments])
            bytes.append(Self.frameEnd)

            // Content header frame: class id, weight 0, body size, then property flags and properties.
            let encodedProperties = try encode(reserving: 12) {
                amqp_encode_properties(Self.basicClass, &properties, $0)
            }
            appendFrameStart(type: AMQP_FRAME_HEADER, payloadSize: 12 + encodedProperties)
            append(Self.basicClass)
            append(UInt16(0))
            append(UInt64(message.body.count))
            bytes.append(contentsOf: scratch[..<encodedProperties])
            bytes.append(Self.frameEnd)
        } catch {
            bytes.removeSubrange(start...)
            throw error
        }

        // Body frames.
        let bodyPerFrame = frameMax - Self.frameOverhead
        for offset in stride(from: 0, to: message.body.count, by: bodyPerFrame) {
            let fragment = message.body[offset..<min(offset + bodyPerFrame, message.body.count)]
            appendFrameStart(type: AMQP_FRAME_BODY, payloadSize: fragment.count)
            bytes.append(contentsOf: fragment)
            bytes.append(Self.frameEnd)
        }
    }

    /// Forgets the encoded frames once they are written. A buffer that grew past `limit` bytes for a
    /// large message is released rather than kept for the connection's lifetime.
    mutating func removeAll(keepingCapacityUpTo limit: Int) {
        bytes.removeAll(keepingCapacity: bytes.capacity <= limit)
    }

    /// Lets rabbitmq-c encode into ``scratch``, leaving room for `reserved` payload bytes written
    /// before it; returns the encoded length.
    private mutating func encode(
        reserving reserved: Int, _ encoder: (amqp_bytes_t) -> Int32
    ) throws(AMQPError) -> Int {
        let capacity = scratch.count - reserved
        // Despite its documentation ("0 on success"), rabbitmq-c returns the encoded length.
        let length = scratch.withUnsafeMutableBytes { encoder(amqp_bytes_t(len: capacity, bytes: $0.baseAddress)) }
        guard length >= 0 else {
            throw .connectionLost("basic.publish: \(String(cString: amqp_error_string2(length)))")
        }
        return Int(length)
    }

    private mutating func appendFrameStart(type: Int32, payloadSize: Int) {
        bytes.append(UInt8(type))
        append(channel)
        append(UInt32(payloadSize))
    }

    private mutating func append(_ value: some FixedWidthInteger) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
