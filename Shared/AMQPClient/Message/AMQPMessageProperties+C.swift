import CRabbitMQ

extension AMQPMessageProperties {
    /// Decodes the fields SpotJob uses from a received message.
    init(_ properties: amqp_basic_properties_t) {
        func has(_ flag: Int32) -> Bool { properties._flags & amqp_flags_t(flag) != 0 }
        let headers = has(AMQP_BASIC_HEADERS_FLAG) ? try? properties.headers.headers(depth: 1) : [:]
        self.init(
            messageID: has(AMQP_BASIC_MESSAGE_ID_FLAG) ? properties.message_id.string : nil,
            type: has(AMQP_BASIC_TYPE_FLAG) ? properties.type.string : nil,
            contentType: has(AMQP_BASIC_CONTENT_TYPE_FLAG) ? properties.content_type.string : nil,
            correlationID: has(AMQP_BASIC_CORRELATION_ID_FLAG) ? properties.correlation_id.string : nil,
            appID: has(AMQP_BASIC_APP_ID_FLAG) ? properties.app_id.string : nil,
            userID: has(AMQP_BASIC_USER_ID_FLAG) ? properties.user_id.string : nil,
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG) ? properties.timestamp : nil,
            headers: headers ?? [:], headersTooDeep: headers == nil,
            persistent: has(AMQP_BASIC_DELIVERY_MODE_FLAG) && properties.delivery_mode == 2
        )
    }

    /// The C form, with strings copied into `arena` so they live as long as the publish call.
    func encoded(in arena: CArena) -> amqp_basic_properties_t {
        var properties = amqp_basic_properties_t()
        var flags: Int32 = AMQP_BASIC_DELIVERY_MODE_FLAG
        properties.delivery_mode = persistent ? 2 : 1
        func set(_ value: String?, _ flag: Int32, _ field: WritableKeyPath<amqp_basic_properties_t, amqp_bytes_t>) {
            guard let value else { return }
            flags |= flag
            properties[keyPath: field] = arena.bytes(value)
        }
        set(messageID, AMQP_BASIC_MESSAGE_ID_FLAG, \.message_id)
        set(type, AMQP_BASIC_TYPE_FLAG, \.type)
        set(contentType, AMQP_BASIC_CONTENT_TYPE_FLAG, \.content_type)
        set(correlationID, AMQP_BASIC_CORRELATION_ID_FLAG, \.correlation_id)
        set(appID, AMQP_BASIC_APP_ID_FLAG, \.app_id)
        set(userID, AMQP_BASIC_USER_ID_FLAG, \.user_id)
        if let timestamp {
            flags |= AMQP_BASIC_TIMESTAMP_FLAG
            properties.timestamp = timestamp
        }
        if !headers.isEmpty {
            flags |= AMQP_BASIC_HEADERS_FLAG
            properties.headers = arena.table(headers)
        }
        properties._flags = amqp_flags_t(flags)
        return properties
    }
}
