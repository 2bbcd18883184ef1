import CRabbitMQ

/// Memory for C values that must outlive one call into rabbitmq-c; freed all at once.
final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }

    /// Copies `string`'s UTF-8 bytes into arena memory.
    func bytes(_ string: String) -> amqp_bytes_t {
        let utf8 = Array(string.utf8)
        guard !utf8.isEmpty else { return amqp_empty_bytes }
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: utf8.count, alignment: 1)
        utf8.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: utf8.count) }
        allocations.append(pointer)
        return amqp_bytes_t(len: utf8.count, bytes: pointer)
    }

    /// Encodes `headers` as an `amqp_table_t` living in arena memory.
    func table(_ headers: [String: AMQPHeaderValue]) -> amqp_table_t {
        guard !headers.isEmpty else { return amqp_empty_table }
        let entries = UnsafeMutablePointer<amqp_table_entry_t>.allocate(capacity: headers.count)
        allocations.append(UnsafeMutableRawPointer(entries))
        for (index, (key, value)) in headers.sorted(by: { $0.key < $1.key }).enumerated() {
            var field = amqp_field_value_t()
            switch value {
            case .string(let string):
                field.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
                field.value.bytes = bytes(string)
            case .int(let int):
                field.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
                field.value.i64 = int
            case .bool(let bool):
                field.kind = UInt8(AMQP_FIELD_KIND_BOOLEAN.rawValue)
                field.value.boolean = bool ? 1 : 0
            }
            entries[index] = amqp_table_entry_t(key: bytes(key), value: field)
        }
        return amqp_table_t(num_entries: Int32(headers.count), entries: entries)
    }
}

extension amqp_bytes_t {
    /// The bytes as a Swift string (UTF-8, invalid sequences repaired).
    var string: String {
        guard len > 0, let bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: len), as: UTF8.self)
    }

    var array: [UInt8] {
        guard len > 0, let bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: len))
    }
}

extension amqp_table_t {
    /// The entries SpotJob understands (strings, integers, booleans); other kinds are skipped.
    var headers: [String: AMQPHeaderValue] {
        var result: [String: AMQPHeaderValue] = [:]
        for index in 0..<Int(num_entries) {
            let entry = entries[index]
            let key = entry.key.string
            switch Int(entry.value.kind) {
            case Int(AMQP_FIELD_KIND_UTF8.rawValue), Int(AMQP_FIELD_KIND_BYTES.rawValue):
                result[key] = .string(entry.value.value.bytes.string)
            case Int(AMQP_FIELD_KIND_I64.rawValue): result[key] = .int(entry.value.value.i64)
            case Int(AMQP_FIELD_KIND_I32.rawValue): result[key] = .int(Int64(entry.value.value.i32))
            case Int(AMQP_FIELD_KIND_I16.rawValue): result[key] = .int(Int64(entry.value.value.i16))
            case Int(AMQP_FIELD_KIND_I8.rawValue): result[key] = .int(Int64(entry.value.value.i8))
            case Int(AMQP_FIELD_KIND_U32.rawValue): result[key] = .int(Int64(entry.value.value.u32))
            case Int(AMQP_FIELD_KIND_U16.rawValue): result[key] = .int(Int64(entry.value.value.u16))
            case Int(AMQP_FIELD_KIND_U8.rawValue): result[key] = .int(Int64(entry.value.value.u8))
            case Int(AMQP_FIELD_KIND_BOOLEAN.rawValue): result[key] = .bool(entry.value.value.boolean != 0)
            default: continue
            }
        }
        return result
    }
}
