import CRabbitMQ

/// Memory for C values that must outlive one call into rabbitmq-c; freed all at once.
final class CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }

    /// Copies `string`'s UTF-8 bytes into arena memory.
    func bytes(_ string: String) -> amqp_bytes_t {
        bytes(Array(string.utf8))
    }

    /// Copies `bytes` into arena memory.
    func bytes(_ bytes: [UInt8]) -> amqp_bytes_t {
        guard !bytes.isEmpty else { return amqp_empty_bytes }
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        allocations.append(pointer)
        return amqp_bytes_t(len: bytes.count, bytes: pointer)
    }

    /// Encodes `headers` as an `amqp_table_t` living in arena memory, keys in sorted order.
    func table(_ headers: [String: AMQPHeaderValue]) -> amqp_table_t {
        guard !headers.isEmpty else { return amqp_empty_table }
        let entries = allocate(amqp_table_entry_t.self, count: headers.count)
        for (index, (key, value)) in headers.sorted(by: { $0.key < $1.key }).enumerated() {
            entries[index] = amqp_table_entry_t(key: bytes(key), value: field(value))
        }
        return amqp_table_t(num_entries: Int32(headers.count), entries: entries)
    }

    /// Encodes one value, nested arrays and tables included.
    func field(_ value: AMQPHeaderValue) -> amqp_field_value_t {
        var field = amqp_field_value_t()
        func kind(_ kind: amqp_field_value_kind_t) { field.kind = UInt8(kind.rawValue) }
        switch value {
        case .bool(let value): kind(AMQP_FIELD_KIND_BOOLEAN); field.value.boolean = value ? 1 : 0
        case .int8(let value): kind(AMQP_FIELD_KIND_I8); field.value.i8 = value
        case .uint8(let value): kind(AMQP_FIELD_KIND_U8); field.value.u8 = value
        case .int16(let value): kind(AMQP_FIELD_KIND_I16); field.value.i16 = value
        case .uint16(let value): kind(AMQP_FIELD_KIND_U16); field.value.u16 = value
        case .int32(let value): kind(AMQP_FIELD_KIND_I32); field.value.i32 = value
        case .uint32(let value): kind(AMQP_FIELD_KIND_U32); field.value.u32 = value
        case .int(let value): kind(AMQP_FIELD_KIND_I64); field.value.i64 = value
        case .uint64(let value): kind(AMQP_FIELD_KIND_U64); field.value.u64 = value
        case .float(let value): kind(AMQP_FIELD_KIND_F32); field.value.f32 = value
        case .double(let value): kind(AMQP_FIELD_KIND_F64); field.value.f64 = value
        case .decimal(let scale, let value):
            kind(AMQP_FIELD_KIND_DECIMAL)
            field.value.decimal = amqp_decimal_t(decimals: scale, value: value)
        case .string(let value): kind(AMQP_FIELD_KIND_UTF8); field.value.bytes = bytes(value)
        case .bytes(let value): kind(AMQP_FIELD_KIND_BYTES); field.value.bytes = bytes(value)
        case .timestamp(let value): kind(AMQP_FIELD_KIND_TIMESTAMP); field.value.u64 = value
        case .array(let values):
            kind(AMQP_FIELD_KIND_ARRAY)
            let entries = allocate(amqp_field_value_t.self, count: values.count)
            for (index, value) in values.enumerated() { entries[index] = self.field(value) }
            field.value.array = amqp_array_t(num_entries: Int32(values.count), entries: values.isEmpty ? nil : entries)
        case .table(let headers): kind(AMQP_FIELD_KIND_TABLE); field.value.table = table(headers)
        case .void: kind(AMQP_FIELD_KIND_VOID)
        }
        return field
    }

    private func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
        allocations.append(UnsafeMutableRawPointer(pointer))
        return pointer
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
    /// Every entry, of every field kind (an entry of a kind rabbitmq-c does not know is skipped),
    /// counting this table as nesting level `depth`.
    /// - Throws: ``HeadersTooDeep`` when tables and arrays nest deeper than ``AMQPHeaderValue/maximumDepth``.
    func headers(depth: Int) throws(HeadersTooDeep) -> [String: AMQPHeaderValue] {
        guard depth <= AMQPHeaderValue.maximumDepth else { throw HeadersTooDeep() }
        var result: [String: AMQPHeaderValue] = [:]
        for index in 0..<Int(num_entries) {
            let entry = entries[index]
            result[entry.key.string] = try AMQPHeaderValue.decoding(entry.value, depth: depth + 1)
        }
        return result
    }
}

/// Tables and arrays nest deeper than ``AMQPHeaderValue/maximumDepth``.
struct HeadersTooDeep: Error {}

extension AMQPHeaderValue {
    /// How deep tables and arrays may nest in the headers SpotJob reads (a message's headers are
    /// level 1). RabbitMQ's own `x-death` needs 3; a deeper message is refused rather than read
    /// by a recursion without a bound.
    public static let maximumDepth = 16

    /// Decodes a C field value at nesting level `depth`, nested arrays and tables included; `nil`
    /// for a kind rabbitmq-c does not know.
    /// - Throws: ``HeadersTooDeep`` when it nests deeper than ``maximumDepth``.
    static func decoding(_ field: amqp_field_value_t, depth: Int) throws(HeadersTooDeep) -> AMQPHeaderValue? {
        let value = field.value
        switch amqp_field_value_kind_t(UInt32(field.kind)) {
        case AMQP_FIELD_KIND_BOOLEAN: return .bool(value.boolean != 0)
        case AMQP_FIELD_KIND_I8: return .int8(value.i8)
        case AMQP_FIELD_KIND_U8: return .uint8(value.u8)
        case AMQP_FIELD_KIND_I16: return .int16(value.i16)
        case AMQP_FIELD_KIND_U16: return .uint16(value.u16)
        case AMQP_FIELD_KIND_I32: return .int32(value.i32)
        case AMQP_FIELD_KIND_U32: return .uint32(value.u32)
        case AMQP_FIELD_KIND_I64: return .int(value.i64)
        case AMQP_FIELD_KIND_U64: return .uint64(value.u64)
        case AMQP_FIELD_KIND_F32: return .float(value.f32)
        case AMQP_FIELD_KIND_F64: return .double(value.f64)
        case AMQP_FIELD_KIND_DECIMAL: return .decimal(scale: value.decimal.decimals, value: value.decimal.value)
        case AMQP_FIELD_KIND_UTF8: return .string(value.bytes.string)
        case AMQP_FIELD_KIND_BYTES: return .bytes(value.bytes.array)
        case AMQP_FIELD_KIND_TIMESTAMP: return .timestamp(value.u64)
        case AMQP_FIELD_KIND_ARRAY:
            guard depth <= maximumDepth else { throw HeadersTooDeep() }
            let array = value.array
            var elements: [AMQPHeaderValue] = []
            for index in 0..<Int(array.num_entries) {
                if let element = try decoding(array.entries[index], depth: depth + 1) { elements.append(element) }
            }
            return .array(elements)
        case AMQP_FIELD_KIND_TABLE: return .table(try value.table.headers(depth: depth))
        case AMQP_FIELD_KIND_VOID: return .void
        default: return nil
        }
    }
}
