import PostgresClient

/// A service's timer handlers by kind, as its declaration registers them (retention's among them,
/// registered by the kit). Due timers go to the handler of their kind in runs of the same
/// handler, oldest first; a timer of a kind nobody registered fails, so the loop retries it and
/// parks it where an operator sees it, instead of deleting it unfired.
public struct TimerHandlers: TimerHandler {
    private var handlers: [String: any TimerHandler]

    public init(_ handlers: [String: any TimerHandler] = [:]) {
        self.handlers = handlers
    }

    /// `handler` fires the timers of every kind of `kinds`.
    public init(_ kinds: [String], firedBy handler: any TimerHandler) {
        self.init(Dictionary(uniqueKeysWithValues: kinds.map { ($0, handler) }))
    }

    /// The kinds registered.
    public var kinds: Set<String> { Set(handlers.keys) }

    /// These handlers and `other`'s; a kind registered twice is a programming error.
    public func merging(_ other: TimerHandlers) -> TimerHandlers {
        TimerHandlers(handlers.merging(other.handlers) { _, _ in preconditionFailure("a timer kind has one handler") })
    }

    public func fire(_ timers: [DueTimer], on connection: PostgresConnection) throws -> [OutboxEvent] {
        var events: [OutboxEvent] = []
        var start = timers.startIndex
        while start < timers.endIndex {
            let kind = timers[start].kind
            guard let handler = handlers[kind] else { throw UnknownTimerKind(kind: kind) }
            var end = start + 1
            while end < timers.endIndex, timers[end].kind == kind { end += 1 }
            events += try handler.fire(Array(timers[start..<end]), on: connection)
            start = end
        }
        return events
    }
}

/// A due timer of a kind no handler is registered for.
public struct UnknownTimerKind: Error, CustomStringConvertible {
    public var kind: String

    public var description: String { "no handler is registered for timers of kind \(kind)" }
}
