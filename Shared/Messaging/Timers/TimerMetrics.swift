import Foundation
import Metrics

/// What the timer loop reports, through swift-metrics (next to ``MessagingMetrics``):
///
/// | metric | kind | dimensions |
/// |---|---|---|
/// | `spotjob_timers_pending` | gauge | `kind` (not parked; refreshed before the loop sleeps, at most every `countInterval`, and every 60 s while it fires a backlog) |
/// | `spotjob_timers_parked` | gauge | — (kept, not fired, until re-armed) |
/// | `spotjob_timers_fired_total` | counter | `kind` (committed firings) |
/// | `spotjob_timers_failed_total` | counter | `kind` (handler failures recorded: retried later or parked) |
/// | `spotjob_timer_fire_lag_seconds` | timer | `kind` (commit of the firing − due time) |
enum TimerMetrics {
    static func fired(_ timers: [DueTimer], at now: Date) {
        var counts: [String: Int] = [:]
        for timer in timers { counts[timer.kind, default: 0] += 1 }
        for (kind, n) in counts {
            Counter(label: "spotjob_timers_fired_total", dimensions: [("kind", kind)]).increment(by: n)
        }
        for kind in counts.keys {
            let lag = Timer(label: "spotjob_timer_fire_lag_seconds", dimensions: [("kind", kind)], preferredDisplayUnit: .seconds)
            for timer in timers where timer.kind == kind {
                lag.recordNanoseconds(nanoseconds(now.timeIntervalSince(timer.dueAt)))
            }
        }
    }

    /// `seconds` in whole nanoseconds, clamped to `0...Int64.max`: a timer due centuries ago (about
    /// 292 years of nanoseconds fill an `Int64`), or a lag that is not a number, is recorded, not a trap.
    static func nanoseconds(_ seconds: TimeInterval) -> Int64 {
        let nanoseconds = seconds * 1e9
        guard nanoseconds > 0 else { return 0 }
        // Double(Int64.max) is 2^63, one more than Int64.max; every Double below it converts.
        guard nanoseconds < Double(Int64.max) else { return .max }
        return Int64(nanoseconds)
    }

    static func failed(_ timer: DueTimer) {
        Counter(label: "spotjob_timers_failed_total", dimensions: [("kind", timer.kind)]).increment()
    }

    /// Records the counts; kinds seen before and now absent are set to 0.
    static func counts(pending: [String: Int], parked: Int, previousKinds: Set<String>) -> Set<String> {
        for kind in previousKinds.union(pending.keys) {
            Gauge(label: "spotjob_timers_pending", dimensions: [("kind", kind)]).record(pending[kind] ?? 0)
        }
        Gauge(label: "spotjob_timers_parked").record(parked)
        return previousKinds.union(pending.keys)
    }
}
