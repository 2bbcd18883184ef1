/// Publisher-confirm bookkeeping for one channel in confirm mode, as a state machine.
///
/// The broker numbers publishes on a confirm channel 1, 2, 3, … and answers each with `basic.ack`
/// or `basic.nack`, possibly several at once (`multiple`). The tracker is told about publishes and
/// confirms and says when everything published is settled and how much of it was refused. No I/O,
/// so unit tests drive it directly.
struct ConfirmTracker: Sendable {
    enum Confirm: Equatable, Sendable {
        case ack(UInt64, multiple: Bool)
        case nack(UInt64, multiple: Bool)
    }

    /// What a confirm means for the caller.
    enum Action: Equatable, Sendable {
        /// The confirm settled `settled` publishes, `nacked` of them refused.
        case settled(count: Int, nacked: Int)
        /// The broker confirmed a sequence number we never published or already settled: a
        /// protocol error; the connection should be dropped.
        case unknownSequence(UInt64)
    }

    /// The sequence number the next publish will get.
    private(set) var nextSequence: UInt64 = 1
    /// Unsettled sequence numbers in publish order (ascending); `head` skips settled ones.
    private var outstanding: [UInt64] = []
    private var head = 0

    var unsettledCount: Int { outstanding.count - head }
    var isSettled: Bool { unsettledCount == 0 }

    /// Records a publish and returns its sequence number.
    mutating func published() -> UInt64 {
        defer { nextSequence += 1 }
        outstanding.append(nextSequence)
        return nextSequence
    }

    mutating func receive(_ confirm: Confirm) -> Action {
        let (tag, multiple, isNack) = switch confirm {
        case .ack(let tag, let multiple): (tag, multiple, false)
        case .nack(let tag, let multiple): (tag, multiple, true)
        }
        var settled = 0
        if multiple {
            while head < outstanding.count, outstanding[head] <= tag {
                head += 1
                settled += 1
            }
        } else if head < outstanding.count, outstanding[head] == tag {
            head += 1
            settled = 1
        } else if let index = outstanding[head...].firstIndex(of: tag) {
            outstanding.remove(at: index)
            settled = 1
        }
        compact()
        guard settled > 0 else { return .unknownSequence(tag) }
        return .settled(count: settled, nacked: isNack ? settled : 0)
    }

    private mutating func compact() {
        if head == outstanding.count {
            outstanding.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024 {
            outstanding.removeFirst(head)
            head = 0
        }
    }
}
