import Foundation

/// The `Encoder` ``EventJSONEncoder`` hands to the values it encodes: it writes each value into a
/// ``JSONByteWriter`` as it is encoded, with no tree of values in between.
///
/// Containers are written one inside the other, so the ones that are open form a stack of
/// ``Frame``s. A value's `encode(to:)` gets a *slot*: the place its value goes. The containers it
/// asks for are opened in the slot and closed when it returns. A container may be written to again
/// after a container nested in it, which closes the nested one, as `encode(to:)` methods that use
/// `nestedContainer(keyedBy:forKey:)` do. What needs the members of a finished container to
/// change afterwards is not supported, and encoding fails with an `EncodingError` that says so:
/// writing to a nested container after its parent went on, nesting a container under a key that
/// already has a value, `superEncoder()`, and a keyed or unkeyed container after a single value.
///
/// Nothing can be taken back from the output, so the first error ends the encoding: it is thrown
/// again by every later call and at the end, even if an `encode(to:)` catches it and goes on.
final class JSONStreamEncoder: Encoder {
    /// An open object or array.
    struct Frame {
        /// Tells a container from one that was closed before it was opened.
        let id: Int
        /// Where the object starts; `nil` for an array.
        let object: JSONByteWriter.ObjectStart?
        /// The members or elements written so far.
        var count = 0
        /// The length of ``JSONStreamEncoder/codingPath`` where the container was opened.
        let pathCount: Int
        /// The keys of the containers it is nested in below its value, and its own: in its coding
        /// path but, as in Foundation, not in the encoder's nor in those of the values in it.
        let nestedPath: [any CodingKey]
    }

    /// A container's handle on its ``Frame``.
    struct FrameReference {
        let index: Int
        let id: Int

        /// The handle of a container that could not be opened: using it throws why.
        static let none = FrameReference(index: -1, id: -1)
    }

    /// Where the value being encoded goes.
    private struct Slot {
        let id: Int
        /// The index in ``JSONStreamEncoder/frames`` of the value's own container, if it opens one.
        let frameIndex: Int
        /// Where the value starts in the output.
        let start: Int
    }

    /// Containers nested deeper than this are refused, as Foundation's `JSONEncoder` refuses them.
    private static let maximumDepth = 511

    // The encoder is used by one value's encoding on one thread, so runtime exclusivity checks of
    // its properties would only cost time.
    @exclusivity(unchecked) var writer: JSONByteWriter
    @exclusivity(unchecked) private(set) var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The open containers, innermost last.
    @exclusivity(unchecked) private var frames: [Frame] = []
    @exclusivity(unchecked) private var slot: Slot
    @exclusivity(unchecked) private var lastID = 0
    /// Why encoding failed; every later call fails with it too.
    @exclusivity(unchecked) private var failure: (any Error)?
    /// Whether ``failure`` is set: cheaper to check.
    @exclusivity(unchecked) private var failed = false

    init(capacity: Int) {
        writer = JSONByteWriter(capacity: capacity)
        frames.reserveCapacity(8)
        codingPath.reserveCapacity(8)
        slot = Slot(id: 0, frameIndex: 0, start: 0)
    }

    // MARK: Encoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(JSONKeyedEncodingContainer<Key>(encoder: self, frame: slotContainer(isObject: true)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedEncodingContainer(encoder: self, frame: slotContainer(isObject: false))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueEncodingContainer(encoder: self, slot: failed ? -1 : slot.id)
    }

    // MARK: Values

    /// Encodes `value` in the current position.
    /// - Returns: whether `value` encoded anything; where it did not, Foundation writes `{}`.
    func encode<T: Encodable>(_ value: T, key: (any CodingKey)?) throws -> Bool {
        // Foundation's special cases, and the most common types without a detour through encode(to:).
        if T.self == String.self {
            writer.writeString(value as! String)
        } else if T.self == UUID.self {
            writer.writeUUID(value as! UUID)
        } else if T.self == Date.self {
            writer.writeString(RFC3339.format(value as! Date))
        } else if T.self == Int.self {
            writer.writeInteger(value as! Int)
        } else if T.self == Bool.self {
            writer.writeBool(value as! Bool)
        } else if T.self == Double.self {
            try writeFloatingPoint(value as! Double, key: key)
        } else if T.self == URL.self {
            writer.writeString((value as! URL).absoluteString)
        } else if T.self == Decimal.self {
            writer.writeNumber((value as! Decimal).description)
        } else if T.self == Data.self {
            writer.writeString((value as! Data).base64EncodedString())
        } else if T.self == JSONNumber.self {
            writer.writeNumber((value as! JSONNumber).text)
        } else {
            return try encodeInSlot(value, key: key)
        }
        return true
    }

    private func encodeInSlot<T: Encodable>(_ value: T, key: (any CodingKey)?) throws -> Bool {
        let outer = slot
        lastID += 1
        slot = Slot(id: lastID, frameIndex: frames.count, start: writer.count)
        if let key { codingPath.append(key) }
        do {
            try value.encode(to: self)
        } catch {
            throw record(error)
        }
        if failed { throw failure! }
        while frames.count > slot.frameIndex { closeInnermostFrame() }
        if key != nil { codingPath.removeLast() }
        let encodedSomething = writer.count > slot.start
        slot = outer
        return encodedSomething
    }

    /// Writes a finite number; NaN and infinity are refused, as by Foundation's `JSONEncoder`.
    func writeFloatingPoint<T: BinaryFloatingPoint & CustomStringConvertible>(_ value: T, key: (any CodingKey)?) throws {
        guard value.isFinite else {
            throw record(EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: codingPath + (key.map { [$0] } ?? []),
                debugDescription: "Unable to encode \(T.self).\(value) directly in JSON.")))
        }
        writer.writeFloatingPoint(value)
    }

    // MARK: Containers

    /// Starts the next member or element of the container `frame`: closes the containers nested
    /// in it and writes the comma and, for a member, its key.
    /// - Parameter key: the member's key; `nil` for an element of an array.
    /// - Returns: the member's or element's index.
    @discardableResult
    func beginValue(in frame: FrameReference, key: String?) throws -> Int {
        try makeInnermost(frame)
        return writeSeparator(in: frame, key: key)
    }

    /// Opens a container as the next member or element of the container `frame`.
    /// - Parameters:
    ///   - codingKey: the member's key or the element's index, for the container's coding path.
    ///   - key: the member's key; `nil` for an element of an array.
    func nestedContainer(
        in frame: FrameReference, codingKey: any CodingKey, key: String?, isObject: Bool
    ) -> FrameReference {
        guard (try? makeInnermost(frame)) != nil else { return .none }
        if let key, let object = frames[frame.index].object, writer.hasMember(key, in: object) {
            fail("a container was nested under the key \"\(key)\", which already has a value")
            return .none
        }
        writeSeparator(in: frame, key: key)
        return openFrame(isObject: isObject, nestedPath: frames[frame.index].nestedPath + [codingKey])
    }

    /// Closes the containers nested in the container `frame`, which must be open and belong to the
    /// value being encoded.
    private func makeInnermost(_ frame: FrameReference) throws {
        if failed { throw failure! }
        guard frame.index >= slot.frameIndex, frame.index < frames.count, frames[frame.index].id == frame.id else {
            throw fail(
                "a container was written to after the container it is nested in went on, or after its value was encoded")
        }
        while frames.count > frame.index + 1 { closeInnermostFrame() }
    }

    @discardableResult
    private func writeSeparator(in frame: FrameReference, key: String?) -> Int {
        let index = frames[frame.index].count
        frames[frame.index].count += 1
        if let key {
            writer.writeKey(key, first: index == 0)
        } else {
            writer.beginElement(first: index == 0)
        }
        return index
    }

    /// Begins the single value of the current slot.
    func beginSingleValue(slot id: Int) throws {
        if failed { throw failure! }
        guard id == slot.id, frames.count == slot.frameIndex, writer.count == slot.start else {
            throw fail("a single value container was used after its value had been encoded, or after another container")
        }
    }

    /// The number of members or elements in the container `frame`.
    func count(of frame: FrameReference) -> Int {
        frames.indices.contains(frame.index) && frames[frame.index].id == frame.id ? frames[frame.index].count : 0
    }

    /// The coding path of the container `frame`.
    func codingPath(of frame: FrameReference) -> [any CodingKey] {
        guard frames.indices.contains(frame.index), frames[frame.index].id == frame.id else { return codingPath }
        return codingPath.prefix(frames[frame.index].pathCount) + frames[frame.index].nestedPath
    }

    /// Fails encoding: Foundation writes the value of a `superEncoder()` when the encoder is
    /// released, which may be after the container went on.
    func superEncoder() -> any Encoder {
        fail("superEncoder() is not supported")
        return self
    }

    /// The container of the current slot; a second request for the same kind returns the same
    /// container, as in Foundation.
    private func slotContainer(isObject: Bool) -> FrameReference {
        guard !failed else { return .none }
        if frames.count > slot.frameIndex {
            let frame = frames[slot.frameIndex]
            guard (frame.object != nil) == isObject else {
                fail("a \(isObject ? "keyed" : "unkeyed") container was requested where the other kind was encoded")
                return .none
            }
            return FrameReference(index: slot.frameIndex, id: frame.id)
        }
        guard writer.count == slot.start else {
            fail("a \(isObject ? "keyed" : "unkeyed") container was requested after a single value was encoded")
            return .none
        }
        return openFrame(isObject: isObject, nestedPath: [])
    }

    private func openFrame(isObject: Bool, nestedPath: [any CodingKey]) -> FrameReference {
        guard frames.count < Self.maximumDepth else {
            fail("containers are nested more than \(Self.maximumDepth) deep")
            return .none
        }
        lastID += 1
        let object: JSONByteWriter.ObjectStart?
        if isObject {
            object = writer.beginObject()
        } else {
            object = nil
            writer.beginArray()
        }
        frames.append(Frame(id: lastID, object: object, pathCount: codingPath.count, nestedPath: nestedPath))
        return FrameReference(index: frames.count - 1, id: lastID)
    }

    private func closeInnermostFrame() {
        let frame = frames.removeLast()
        if let object = frame.object {
            writer.endObject(object)
        } else {
            writer.endArray()
        }
    }

    /// Fails encoding because of an unsupported use of `Encoder`.
    @discardableResult
    private func fail(_ reason: String) -> any Error {
        record(EncodingError.invalidValue(
            (), EncodingError.Context(codingPath: codingPath, debugDescription: "EventJSONEncoder: \(reason)")))
    }

    /// Records why encoding fails, unless it failed already.
    /// - Returns: the error encoding fails with.
    private func record(_ error: any Error) -> any Error {
        if !failed {
            failure = error
            failed = true
        }
        return failure!
    }
}
