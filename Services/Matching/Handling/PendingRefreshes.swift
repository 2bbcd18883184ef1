import Foundation

/// The openings a batch's messages ask to be ranked anew, gathered so that each is ranked, stored
/// and announced once, after every message of the batch took effect: one `match.proposed` per
/// opening and batch, caused by the last message that asked for it.
///
/// Ranking once at the end gives the proposals ranking after each message would have left last:
/// an opening no message named keeps its proposals and bound, so a later message of the batch
/// judges it as before; one that a message named is ranked at the end whatever later messages say.
struct PendingRefreshes: Sendable, Equatable {
    struct Refresh: Sendable, Equatable {
        var openingId: UUID
        /// The position in the batch of the last message that asked.
        var cause: Int
        /// Announce the proposals even if they did not change (a registered or updated opening).
        var always: Bool
    }

    private var positions: [UUID: Int] = [:]
    /// In the order first asked for.
    private(set) var refreshes: [Refresh] = []

    /// Message `cause` of the batch asks for `openingIds`.
    mutating func add(_ openingIds: [UUID], cause: Int, always: Bool) {
        for openingId in openingIds {
            if let position = positions[openingId] {
                refreshes[position].cause = cause
                refreshes[position].always = refreshes[position].always || always
            } else {
                positions[openingId] = refreshes.count
                refreshes.append(Refresh(openingId: openingId, cause: cause, always: always))
            }
        }
    }
}
