import Foundation
import IOThreads
import Logging

/// A dedicated session that `LISTEN`s on channels and waits for their notifications, on a thread
/// of its own (the wait blocks that thread in `poll()`, never Swift's cooperative pool).
///
/// Connects on first use and again after the connection was lost, re-issuing every `LISTEN`; a
/// wait that had to reconnect returns ``Wake/reconnected``, since notifications sent meanwhile
/// were lost and the caller should look again at what it was waiting for.
///
/// ```swift
/// let listener = PostgresListener(configuration: configuration, logger: logger)
/// try await listener.listen("timers.followup")
/// switch try await listener.wait(timeout: .seconds(30)) { … }
/// ```
public actor PostgresListener {
    /// Why ``wait(timeout:)`` returned.
    public enum Wake: Sendable, Equatable {
        /// Notifications arrived (in the order they were sent).
        case notified([PostgresNotification])
        /// The timeout passed.
        case timedOut
        /// ``interrupt()`` was called.
        case interrupted
        /// The connection was (re)established: notifications may have been missed.
        case reconnected
    }

    private let executor = IOThreadExecutor(name: "postgres-listen")
    private let configuration: PostgresConfiguration
    private let logger: Logger
    private var connection: PostgresConnection?
    private var channels: [String] = []
    private var isClosed = false
    /// A pipe whose read end the wait polls beside the socket: ``interrupt()`` writes to it.
    private nonisolated let interruptPipe: (read: Int32, write: Int32)

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    public init(configuration: PostgresConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        interruptPipe = (descriptors[0], descriptors[1])
    }

    deinit {
        executor.shutdown()
        closeDescriptor(interruptPipe.read)
        closeDescriptor(interruptPipe.write)
    }

    /// Listens on `channel` from now on (and after every reconnect).
    public func listen(_ channel: String) throws {
        guard !channels.contains(channel) else { return }
        channels.append(channel)
        if let connection, connection.isConnected {
            try connection.listen(channel)
        } else {
            _ = try healthyConnection()
        }
    }

    /// Waits until a notification arrives on a channel listened to, `timeout` passes, or
    /// ``interrupt()`` is called. Connects first if needed (then returns ``Wake/reconnected`` at
    /// once). Throws ``PostgresError/Kind/connectionLost`` when the server cannot be reached; the
    /// next call tries again.
    public func wait(timeout: Duration) throws -> Wake {
        guard !isClosed else { throw PostgresError(kind: .other, message: "the PostgreSQL listener is closed") }
        let hadConnection = connection?.isConnected ?? false
        let connection = try healthyConnection()
        if !hadConnection { return .reconnected }
        if drainInterrupts() { return .interrupted }
        do {
            let received = try connection.waitForNotifications(timeout: timeout, interruptDescriptor: interruptPipe.read)
            if !received.isEmpty { return .notified(received) }
            return drainInterrupts() ? .interrupted : .timedOut
        } catch let error as PostgresError where error.kind == .connectionLost {
            logger.warning("PostgreSQL listening connection lost")
            self.connection = nil
            throw error
        }
    }

    /// Ends the current or next ``wait(timeout:)`` early; callable from any thread.
    public nonisolated func interrupt() {
        var byte: UInt8 = 1
        _ = write(interruptPipe.write, &byte, 1)
    }

    /// Closes the connection and the thread; the listener must not be used afterwards.
    public func close() {
        connection = nil
        isClosed = true
        executor.shutdown()
    }

    private func healthyConnection() throws -> PostgresConnection {
        if let connection, connection.isConnected { return connection }
        connection = nil
        let connection = try PostgresConnection(configuration: configuration, logger: logger)
        for channel in channels { try connection.listen(channel) }
        self.connection = connection
        return connection
    }

    /// Empties the interrupt pipe; whether anything was in it.
    private func drainInterrupts() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64)
        var any = false
        while read(interruptPipe.read, &buffer, buffer.count) > 0 { any = true }
        return any
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    if descriptor >= 0 { _ = close(descriptor) }
}
