/// The order rules of ``MessageConsumer``'s pipeline, as a value: once the batch before has
/// finished committing, whether the batch just taken is topped up and committed or gives up.
///
/// A batch after one that gave up at shutdown gives up too (and is requeued), so no batch is
/// acknowledged ahead of one that went back to the queue; a batch that gives up takes no more
/// deliveries.
struct BatchPipeline: Sendable {
    /// What to do with the batch just taken.
    enum Step: Equatable, Sendable {
        /// Take up to `topUp` more deliveries that are already there (none when `0`), then commit.
        case commit(topUp: Int)
        /// Do not commit: the batch is requeued behind the one before.
        case giveUp
    }

    /// Deliveries taken at once at most.
    let batchSize: Int
    /// Whether a batch gave up at shutdown; every later one gives up too.
    private(set) var gaveUp = false

    init(batchSize: Int) {
        self.batchSize = batchSize
    }

    /// The batch before finished committing (`previousGaveUp`: it gave up at shutdown; `false`
    /// when there was none), and the batch just taken has `taken` deliveries.
    mutating func previousCommitFinished(gaveUp previousGaveUp: Bool, taken: Int) -> Step {
        gaveUp = gaveUp || previousGaveUp
        return gaveUp ? .giveUp : .commit(topUp: max(batchSize - taken, 0))
    }
}
