import Foundation

/// A serial executor backed by one dedicated OS thread.
///
/// The C clients we wrap (libpq, rabbitmq-c) block and are not thread safe. An actor whose
/// `unownedExecutor` is an ``IOThreadExecutor`` runs every job on the same thread, so blocking calls
/// never stall Swift's cooperative pool and a C connection is only ever touched by one thread.
///
/// ```swift
/// actor Channel {
///     let executor = IOThreadExecutor(name: "amqp-publisher")
///     nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
/// }
/// ```
public final class IOThreadExecutor: SerialExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0
    private var stopping = false
    private var thread: Thread!

    /// Starts the thread; `name` shows up in debuggers and `top -H`. The stack is reserved, not
    /// used: pages are only committed as the thread reaches them.
    public init(name: String, stackSize: Int = 1 << 20) {
        let thread = Thread { self.runLoop() }
        thread.name = name
        thread.stackSize = stackSize
        self.thread = thread
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        if stopping {
            // The owner is closed; its methods only report that. Run the job on a thread of its own
            // rather than never, so a late caller gets its error instead of hanging.
            condition.unlock()
            Thread.detachNewThread { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread finish the jobs already queued, then end. The thread keeps the executor alive
    /// until then, so call this once the owning actor is done; jobs enqueued later each run on a
    /// short-lived thread of their own (the owner should only report that it is closed).
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func runLoop() {
        while let job = nextJob() {
            job.runSynchronously(on: asUnownedSerialExecutor())
        }
    }

    private func nextJob() -> UnownedJob? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count {
            if stopping { return nil }
            jobs.removeAll(keepingCapacity: true)
            head = 0
            condition.wait()
        }
        let job = jobs[head]
        head += 1
        return job
    }
}
