import Foundation

/// Compact JSON written straight into bytes, as Foundation's `JSONEncoder` writes it with the
/// output formatting `[.sortedKeys, .withoutEscapingSlashes]`: the output of ``EventJSONEncoder``.
///
/// An object's members are written in the order they come; ``endObject(_:)`` then puts them in
/// the order of their keys' UTF-8 bytes, the order of Foundation's `.sortedKeys` on Linux. A
/// key written twice keeps its last value, as in Foundation's dictionary of members.
struct JSONByteWriter {
    /// The JSON written so far.
    private(set) var bytes: [UInt8] = []
    /// The members of the objects being written, the innermost object's last.
    private var members: [Member] = []
    /// The unescaped UTF-8 of the keys that needed escaping; the others are sorted by their bytes
    /// in ``bytes``.
    private var escapedKeys: [UInt8] = []
    /// Where ``endObject(_:)`` writes an object's members in order.
    private var scratch: [UInt8] = []

    /// A member of an object being written: its key, a colon and its value.
    private struct Member {
        /// Where the member starts in ``bytes``: the quote opening the key.
        var start: Int
        /// Where the member ends in ``bytes``; set when the object's members are ordered.
        var end = 0
        /// The unescaped key: in ``bytes`` or, if ``keyIsEscaped``, in ``escapedKeys``.
        var key: Range<Int>
        var keyIsEscaped: Bool
    }

    /// Where an object being written starts, for ``endObject(_:)``.
    struct ObjectStart {
        /// The position of `{` in ``bytes``.
        fileprivate let brace: Int
        /// The index of its first member in ``members``.
        fileprivate let firstMember: Int
        fileprivate let escapedKeysCount: Int
    }

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        members.reserveCapacity(16)
    }

    var count: Int { bytes.count }

    // MARK: Objects and arrays

    mutating func beginObject() -> ObjectStart {
        defer { bytes.append(UInt8(ascii: "{")) }
        return ObjectStart(brace: bytes.count, firstMember: members.count, escapedKeysCount: escapedKeys.count)
    }

    /// Writes a member's key and colon, after a comma unless it is the object's first member.
    mutating func writeKey(_ key: String, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        let start = bytes.count
        if writeString(key) {
            let escapedStart = escapedKeys.count
            escapedKeys.append(contentsOf: key.utf8)
            members.append(Member(start: start, key: escapedStart..<escapedKeys.count, keyIsEscaped: true))
        } else {
            members.append(Member(start: start, key: start + 1..<bytes.count - 1, keyIsEscaped: false))
        }
        bytes.append(UInt8(ascii: ":"))
    }

    /// Whether the object being written has a member `key`.
    func hasMember(_ key: String, in object: ObjectStart) -> Bool {
        var key = key
        return key.withUTF8 { key in
            bytes.withUnsafeBufferPointer { bytes in
                escapedKeys.withUnsafeBufferPointer { escapedKeys in
                    members[object.firstMember...].contains {
                        Self.compare(Self.key(of: $0, bytes, escapedKeys), key) == 0
                    }
                }
            }
        }
    }

    /// Puts the members of the innermost object in the order of their keys and closes it.
    mutating func endObject(_ object: ObjectStart) {
        if members.count - object.firstMember > 1 {
            // Out of self, so that they can change while bytes and escapedKeys are read.
            var objectMembers: [Member] = []
            var ordered: [UInt8] = []
            swap(&objectMembers, &members)
            swap(&ordered, &scratch)
            let contentStart = object.brace + 1
            let reordered = bytes.withUnsafeBufferPointer { bytes in
                escapedKeys.withUnsafeBufferPointer { escapedKeys in
                    Self.order(&objectMembers[object.firstMember...], of: bytes, escapedKeys, into: &ordered)
                }
            }
            if reordered { bytes.replaceSubrange(contentStart..., with: ordered) }
            swap(&objectMembers, &members)
            swap(&ordered, &scratch)
        }
        members.removeSubrange(object.firstMember...)
        escapedKeys.removeSubrange(object.escapedKeysCount...)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
    }

    /// Writes the comma before every element but the first.
    mutating func beginElement(first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
    }

    // MARK: Values

    mutating func writeNull() {
        append("null")
    }

    /// `{}`, what Foundation writes for a value that encodes nothing.
    mutating func writeEmptyObject() {
        append("{}")
    }

    mutating func writeBool(_ value: Bool) {
        append(value ? "true" : "false")
    }

    /// Writes `value` in decimal, as its `description`.
    mutating func writeInteger<T: FixedWidthInteger>(_ value: T) {
        guard T.bitWidth <= 64 else {
            bytes.append(contentsOf: value.description.utf8)
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var first = digits.endIndex
            repeat {
                let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: remainder)
                magnitude = quotient
            } while magnitude != 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }

    /// Writes a finite `value` as Foundation does: its `description` without a trailing `.0`, so
    /// `7.5`, `10`, `1e-07`, `1e+16`.
    mutating func writeFloatingPoint<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T) {
        let start = bytes.count
        bytes.append(contentsOf: value.description.utf8)
        let end = bytes.count
        if end - start >= 2, bytes[end - 2] == UInt8(ascii: "."), bytes[end - 1] == UInt8(ascii: "0") {
            bytes.removeLast(2)
        }
    }

    /// Writes text that is a JSON number as it is, such as a `Decimal`'s description.
    mutating func writeNumber(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes a UUID in quotes as RFC 9562 §4 writes it: lower-case hexadecimal in groups of 8-4-4-4-12.
    mutating func writeUUID(_ uuid: UUID) {
        let hex: StaticString = "0123456789abcdef"
        bytes.append(UInt8(ascii: "\""))
        withUnsafeBytes(of: uuid.uuid) { octets in
            for (index, octet) in octets.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(hex.utf8Start[Int(octet >> 4)])
                bytes.append(hex.utf8Start[Int(octet & 0x0F)])
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes `string` in quotes, escaped as Foundation escapes it: `"` and `\` with a backslash;
    /// backspace, form feed, line feed, carriage return and tab as `\b \f \n \r \t`; the other
    /// control characters below U+0020 as `\u00XX` with lower-case hexadecimal digits; everything
    /// else, `/` and U+007F included, as its UTF-8.
    /// - Returns: whether anything was escaped.
    @discardableResult
    mutating func writeString(_ string: String) -> Bool {
        var string = string
        bytes.append(UInt8(ascii: "\""))
        let escaped = string.withUTF8 { utf8 in
            var escaped = false
            var unwritten = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[unwritten..<index]))
                appendEscaped(byte)
                unwritten = index + 1
                escaped = true
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[unwritten...]))
            return escaped
        }
        bytes.append(UInt8(ascii: "\""))
        return escaped
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append(#"\""#)
        case UInt8(ascii: "\\"): append(#"\\"#)
        case 0x08: append(#"\b"#)
        case 0x0C: append(#"\f"#)
        case 0x0A: append(#"\n"#)
        case 0x0D: append(#"\r"#)
        case 0x09: append(#"\t"#)
        default:
            let hex: StaticString = "0123456789abcdef"
            append(#"\u00"#)
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: Ordering members

    /// Writes the members of the innermost object, which end where `bytes` end, in the order of
    /// their keys into `ordered`, of members with the same key only the last written; unless they
    /// are in order already.
    /// - Returns: whether the members were written to `ordered`.
    private static func order(
        _ members: inout ArraySlice<Member>, of bytes: UnsafeBufferPointer<UInt8>,
        _ escapedKeys: UnsafeBufferPointer<UInt8>, into ordered: inout [UInt8]
    ) -> Bool {
        func key(_ member: Member) -> UnsafeBufferPointer<UInt8> { Self.key(of: member, bytes, escapedKeys) }

        let inOrder = members.indices.dropFirst().allSatisfy { compare(key(members[$0 - 1]), key(members[$0])) < 0 }
        if inOrder { return false }

        for index in members.indices {
            members[index].end = index + 1 < members.endIndex ? members[index + 1].start - 1 : bytes.count
        }
        members.sort {
            let order = compare(key($0), key($1))
            return order < 0 || order == 0 && $0.start < $1.start
        }
        ordered.removeAll(keepingCapacity: true)
        for index in members.indices {
            if index + 1 < members.endIndex, compare(key(members[index]), key(members[index + 1])) == 0 { continue }
            if !ordered.isEmpty { ordered.append(UInt8(ascii: ",")) }
            ordered.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[members[index].start..<members[index].end]))
        }
        return true
    }

    /// The unescaped key of `member`.
    private static func key(
        of member: Member, _ bytes: UnsafeBufferPointer<UInt8>, _ escapedKeys: UnsafeBufferPointer<UInt8>
    ) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: (member.keyIsEscaped ? escapedKeys : bytes)[member.key])
    }

    /// Compares two keys byte by byte: negative, zero or positive.
    private static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        guard common > 0, let leftStart = left.baseAddress, let rightStart = right.baseAddress else {
            return left.count - right.count
        }
        // Keys mostly differ in their first byte.
        if leftStart[0] != rightStart[0] { return Int(leftStart[0]) - Int(rightStart[0]) }
        let order = memcmp(leftStart, rightStart, common)
        return order != 0 ? Int(order) : left.count - right.count
    }
}
