/// What becomes of a batch's deliveries once its commit finished, decided without I/O;
/// ``MessageConsumer`` publishes the dead letters, acknowledges or requeues, and counts.
enum BatchSettlement: Equatable, Sendable {
    /// The commit gave up at shutdown: every delivery goes back to the queue.
    case requeueAll
    /// Dead-letter the refused deliveries, then acknowledge every delivery through the last.
    case deadLetterThenAcknowledge(Refusals)

    /// Which deliveries of a committed batch are refused, and why.
    struct Refusals: Equatable, Sendable {
        /// Why each delivery is refused, by delivery index; `nil` for a delivery handled.
        var reasons: [String?]
        /// The delivery indexes whose outcome is a rejection (counted as rejected), in outcome order.
        var rejected: [Int]

        /// The deliveries to dead-letter, with their reasons, in delivery order (counted as dead-lettered).
        var deadLetters: [(index: Int, reason: String)] {
            reasons.enumerated().compactMap { index, reason in reason.map { (index, $0) } }
        }

        /// The delivery acknowledged last, with all before it.
        var lastIndex: Int { reasons.count - 1 }
    }

    /// The settlement of a batch of `deliveryCount` deliveries (at least one).
    /// - Parameters:
    ///   - invalid: why a delivery without a valid envelope is refused, by delivery index.
    ///   - outcomes: the committed messages' outcomes by delivery index; `nil` when the commit gave
    ///     up at shutdown.
    init(deliveryCount: Int, invalid: [Int: String], outcomes: [(index: Int, outcome: Inbox.Outcome)]?) {
        precondition(deliveryCount > 0, "a batch has deliveries")
        guard let outcomes else {
            self = .requeueAll
            return
        }
        var reasons = [String?](repeating: nil, count: deliveryCount)
        for (index, reason) in invalid { reasons[index] = reason }
        var rejected: [Int] = []
        for (index, outcome) in outcomes {
            if case .rejected(let reason) = outcome {
                reasons[index] = reason
                rejected.append(index)
            }
        }
        self = .deadLetterThenAcknowledge(Refusals(reasons: reasons, rejected: rejected))
    }
}
