import Foundation

/// `spotjob-bench [amqp|outbox|intake|all] [--messages N] [--latency-rate SHEETS_PER_SECOND]`: SpotJob's throughput figures, each as a
/// ratio to a raw rabbitmq-c reference measured in the same run, next to the targets.
/// Needs the local stack (`source <(deploy/local-stack.sh env)`); build with `-c release`.
let arguments = Array(CommandLine.arguments.dropFirst())
let section = arguments.first { !$0.hasPrefix("--") && Int($0) == nil } ?? "all"
let messages = arguments.firstIndex(of: "--messages").flatMap { Int(arguments[$0 + 1]) } ?? 20_000
/// Sheets per second for the latency run; default: half the measured intake throughput.
let latencyRate = arguments.firstIndex(of: "--latency-rate").flatMap { Double(arguments[$0 + 1]) }

let report = Report()
do {
    let bench = try Bench(messages: messages, report: report)
    if section == "amqp" || section == "outbox" || section == "all" {
        try await bench.amqpAndOutbox(includeOutbox: section != "amqp")
        // The broker should not carry the messages left in these queues into the next section.
        await bench.deleteScratchQueues()
    }
    if section == "intake" || section == "all" { try await bench.intake(latencyRate: latencyRate) }
    await bench.deleteScratchQueues()
    report.print()
} catch {
    report.print()
    FileHandle.standardError.write(Data("spotjob-bench: \(error)\n".utf8))
    exit(1)
}
