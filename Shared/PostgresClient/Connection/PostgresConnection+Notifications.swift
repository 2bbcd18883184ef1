import CLibPQ
import Foundation

/// A notification delivered by PostgreSQL's `NOTIFY` (or `pg_notify`) to a session that listens
/// on its channel.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel, as named in `LISTEN`.
    public var channel: String
    /// The payload (empty if none was given).
    public var payload: String
    /// The process id of the notifying session's backend.
    public var processID: Int32

    public init(channel: String, payload: String, processID: Int32) {
        self.channel = channel
        self.payload = payload
        self.processID = processID
    }
}

extension PostgresConnection {
    /// Starts listening on `channel` (sent as a quoted identifier, so any name is safe). Notifications
    /// arrive once a transaction that sent them commits; read them with ``notifications()`` or wait
    /// for them with ``waitForNotifications(timeout:interruptDescriptor:)``.
    public func listen(_ channel: String) throws {
        try executeScript("LISTEN \(Self.quotedIdentifier(channel))")
    }

    /// The notifications received so far and not yet returned, without waiting: reads what the
    /// server sent (`PQconsumeInput`) and drains libpq's queue (`PQnotifies`).
    public func notifications() throws -> [PostgresNotification] {
        guard PQconsumeInput(handle) == 1 else { throw PostgresError(connection: handle) }
        return drainNotifications()
    }

    /// Waits with `poll()` until a notification arrives, `timeout` passes, or `interruptDescriptor`
    /// (e.g. the read end of a pipe another thread writes to) becomes readable, and returns the
    /// notifications received (empty on a timeout or an interrupt). Blocks the calling thread and
    /// costs no CPU while it waits. Throws ``PostgresError/Kind/connectionLost`` if the server goes
    /// away. Call outside a transaction.
    public func waitForNotifications(timeout: Duration, interruptDescriptor: Int32? = nil) throws -> [PostgresNotification] {
        let queued = try notifications()
        guard queued.isEmpty else { return queued }
        let deadline = ContinuousClock.now + timeout
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return [] }
            // Rounded up, so a wait never ends just before its deadline and spins.
            let milliseconds = Int32(clamping: (remaining + .nanoseconds(999_999)).components.seconds * 1000
                + (remaining + .nanoseconds(999_999)).components.attoseconds / 1_000_000_000_000_000)
            var descriptors = [pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)]
            if let interruptDescriptor { descriptors.append(pollfd(fd: interruptDescriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready == -1 {
                guard errno == EINTR else { throw PostgresError(kind: .connectionLost, message: "poll failed with errno \(errno)") }
                continue
            }
            if descriptors.count > 1, descriptors[1].revents != 0 { return try notifications() }
            if descriptors[0].revents != 0 {
                guard PQconsumeInput(handle) == 1, PQstatus(handle) == CONNECTION_OK else {
                    isBroken = true
                    throw PostgresError(kind: .connectionLost, message: "the listening connection was lost")
                }
                let received = drainNotifications()
                if !received.isEmpty { return received }
                // Something else arrived (a notice, a parameter change): keep waiting. A server
                // that closed the connection shows up as a failed read above.
            }
        }
    }

    private func drainNotifications() -> [PostgresNotification] {
        var received: [PostgresNotification] = []
        while let notify = PQnotifies(handle) {
            received.append(PostgresNotification(
                channel: String(cString: notify.pointee.relname), payload: String(cString: notify.pointee.extra),
                processID: notify.pointee.be_pid))
            PQfreemem(notify)
        }
        return received
    }

    /// `name` as a double-quoted SQL identifier.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
