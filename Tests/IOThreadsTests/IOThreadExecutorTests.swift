import Foundation
import IOThreads
import Synchronization
import XCTest

/// An actor on an ``IOThreadExecutor`` runs every job on the executor's one thread, in order, and a
/// call after shutdown still completes.
final class IOThreadExecutorTests: XCTestCase {
    private actor Pinned {
        let executor: IOThreadExecutor
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
        private(set) var log: [Int] = []

        init(name: String) { executor = IOThreadExecutor(name: name) }

        /// The thread the call runs on, after recording `value`.
        func record(_ value: Int) -> pthread_t {
            log.append(value)
            return pthread_self()
        }

        /// Blocks the thread, as a libpq or rabbitmq-c call does.
        func block(for interval: TimeInterval) {
            Thread.sleep(forTimeInterval: interval)
        }
    }

    func testEveryJobRunsOnTheExecutorsOwnThread() async {
        let pinned = Pinned(name: "io-test-thread")
        var threads = Set<UInt>()
        for value in 0..<200 { threads.insert(UInt(await pinned.record(value))) }
        XCTAssertEqual(threads.count, 1, "one thread ran every job")
        let other = Pinned(name: "io-other-thread")
        let otherThread = UInt(await other.record(0))
        XCTAssertFalse(threads.contains(otherThread), "each executor has a thread of its own")
        other.executor.shutdown()
        pinned.executor.shutdown()
    }

    func testJobsRunOneAtATimeInTheOrderTheyWereEnqueuedByOneCaller() async {
        let pinned = Pinned(name: "io-order")
        for value in 0..<1000 { _ = await pinned.record(value) }
        let log = await pinned.log
        XCTAssertEqual(log, Array(0..<1000))
        pinned.executor.shutdown()
    }

    /// A blocking call holds only the executor's thread: other tasks on Swift's cooperative pool
    /// keep running meanwhile.
    func testABlockingCallDoesNotStallTheCooperativePool() async {
        let pinned = Pinned(name: "io-blocking")
        let blocking = Task { await pinned.block(for: 0.5) }
        let start = ContinuousClock.now
        let pool = await withTaskGroup(of: Int.self) { group in
            for value in 0..<100 { group.addTask { value } }
            return await group.reduce(0, +)
        }
        XCTAssertEqual(pool, 4950)
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(400), "the pool worked while the IO thread blocked")
        await blocking.value
        pinned.executor.shutdown()
    }

    /// After shutdown a late caller still gets its answer instead of hanging.
    func testACallAfterShutdownStillCompletes() async {
        let pinned = Pinned(name: "io-closed")
        _ = await pinned.record(1)
        pinned.executor.shutdown()
        try? await Task.sleep(for: .milliseconds(50))
        let finished = Mutex(false)
        let call = Task {
            _ = await pinned.record(2)
            finished.withLock { $0 = true }
        }
        _ = await call.value
        XCTAssertTrue(finished.withLock { $0 })
        let log = await pinned.log
        XCTAssertEqual(log, [1, 2])
    }
}
