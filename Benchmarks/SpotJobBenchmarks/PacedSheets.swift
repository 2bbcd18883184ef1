import AMQPClient
import Foundation
import Messaging
import TestSupport

/// What a latency run collects from its observer: the events that belong to the run's sheets, each
/// with when it arrived.
protocol SheetEventCollector: Sendable {
    /// Takes one delivery that arrived at `at` (monotonic) and `wall` (wall clock); ignores what is
    /// not the run's.
    mutating func receive(_ delivery: Delivery, at: ContinuousClock.Instant, wall: Date)
    /// Whether every event expected for `total` sheets has arrived.
    func isComplete(total: Int) -> Bool
}

/// When one sheet of a paced run was published.
struct SentSheet: Sendable {
    var at: ContinuousClock.Instant
    var wall: Date
}

extension Bench {
    /// Publishes `rate × seconds` sheets (`sheet(index)`) paced in 10 ms ticks while `collector` takes
    /// what `observer` receives, until it is complete or 30 s after the run; returns when each sheet
    /// was sent and the collector.
    func pacedSheets<Collector: SheetEventCollector>(
        rate: Double, seconds: Int, sheet: (Int) -> [UInt8], observer: EventObserver, publisher: AMQPPublisher,
        collector: Collector
    ) async throws -> (sent: [SentSheet], collected: Collector) {
        let total = Int(rate * Double(seconds))
        let clock = ContinuousClock()
        let origin = clock.now
        let collecting = Task {
            var collector = collector
            let deadline = clock.now + .seconds(seconds + 30)
            while !collector.isComplete(total: total), clock.now < deadline {
                for event in await observer.collect(1, timeout: .milliseconds(100)) {
                    collector.receive(event, at: clock.now, wall: Date())
                }
            }
            return collector
        }
        var sent: [SentSheet] = []
        var next = 0
        var tick = 0
        while next < total {
            tick += 1
            let due = min(total, Int(rate * Double(tick) / 100))
            if due > next {
                let batch = (next..<due).map { sheetMessage(sheet($0)) }
                sent += Array(repeating: SentSheet(at: clock.now, wall: Date()), count: due - next)
                try await publisher.publish(batch)
                next = due
            }
            try await clock.sleep(until: origin + .milliseconds(10 * tick))
        }
        return (sent, await collecting.value)
    }

    /// `body` as `sheet.submitted`, as a jobcenter system publishes it.
    func sheetMessage(_ body: [UInt8]) -> OutgoingMessage {
        Envelope(type: "sheet.submitted", producer: "bench", body: body).outgoing(exchange: SpotJobTopology.exchange)
    }

    /// A valid sheet of 1 KiB (padded by its note) whose source is the run's id, with the top-level
    /// fields in `overrides` replaced.
    func sheetBody(_ runID: String, _ index: Int, overriding overrides: [String: Any] = [:]) -> [UInt8] {
        var sheet = HorsensJobShopSheet.fields(sheetId: "\(runID)-\(index)", overriding: overrides.merging(["source": runID, "note": ""]) { $1 })
        sheet["note"] = String(repeating: "n", count: 1024 - HorsensJobShopSheet.json(sheet).count)
        return HorsensJobShopSheet.json(sheet)
    }

    /// The index of a sheet of run `runID` from its `sheetId`, or `nil` for another run's.
    static func sheetIndex(_ sheetId: String, runID: String) -> Int? {
        sheetId.hasPrefix(runID + "-") ? Int(sheetId.dropFirst(runID.count + 1)) : nil
    }
}
