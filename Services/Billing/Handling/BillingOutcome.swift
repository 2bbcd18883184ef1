import BodyReading

/// What applying one message decided, before the batch's documents are issued: the drafts it made
/// due, or why it is refused.
enum BillingOutcome {
    case drafts([DocumentDraft])
    case rejected(Rejection)

    static let nothing = BillingOutcome.drafts([])
}
