import Foundation

/// `spotjob-bench [amqp|outbox|intake|followup|timers|billing|matching[-proposals|-service|-solver]|system|json|all] [--messages N]
/// [--latency-rate SHEETS_PER_SECOND] [--pending N] [--openings N] [--invoices N] [--profiles N] [--stored N] [--repeat N] [--tls] [--json]`:
/// SpotJob's throughput figures, each as a
/// ratio to a raw rabbitmq-c reference measured in the same run, next to the targets.
/// Needs the local stack (`source <(deploy/local-stack.sh env)`); build with `-c release`.
let arguments = Array(CommandLine.arguments.dropFirst())
let section = arguments.first { !$0.hasPrefix("--") && Int($0) == nil } ?? "all"
let messagesOption = arguments.firstIndex(of: "--messages").flatMap { Int(arguments[$0 + 1]) }
let messages = messagesOption ?? 20_000
/// Sheets per second for the latency run; default: half the measured intake throughput.
let latencyRate = arguments.firstIndex(of: "--latency-rate").flatMap { Double(arguments[$0 + 1]) }
/// Timers in the table for `timers` (a tenth of them come due); not part of `all`, which it would slow down.
let pendingTimers = arguments.firstIndex(of: "--pending").flatMap { Int(arguments[$0 + 1]) } ?? 1_000_000
/// Invoices issued by each run of `billing` (not part of `all`).
let invoiceCount = arguments.firstIndex(of: "--invoices").flatMap { Int(arguments[$0 + 1]) } ?? 10_000
/// Openings in the table for followup's funnel figure (default 1,000,000) or open in matching's (default 10,000).
let openingsOption = arguments.firstIndex(of: "--openings").flatMap { Int(arguments[$0 + 1]) }
let funnelOpenings = openingsOption ?? 1_000_000
/// `matching`: profiles published for the throughput figure, and people stored for the proposal and memory figures.
let profiles = arguments.firstIndex(of: "--profiles").flatMap { Int(arguments[$0 + 1]) } ?? 200
let storedOption = arguments.firstIndex(of: "--stored").flatMap { Int(arguments[$0 + 1]) }
let storedProfiles = storedOption ?? 100_000
/// `matching`: solves per side for each solver figure (the median is reported).
let solverRepeats = arguments.firstIndex(of: "--repeat").flatMap { Int(arguments[$0 + 1]) } ?? 3
/// `intake`: first measure intake without TLS, as the reference of the run over TLS.
let comparesTLS = arguments.contains("--tls")
/// Also print the figures as one final JSON line.
let printsJSON = arguments.contains("--json")

if section == "timers-child", arguments.count >= 2 {
    // The firing process of the `timers` section.
    do {
        try await TimersChildMain.run(schema: arguments[1])
    } catch {
        FileHandle.standardError.write(Data("spotjob-bench timers-child: \(error)\n".utf8))
        exit(1)
    }
}

let report = Report()
do {
    let bench = try Bench(messages: messages, report: report)
    if section == "amqp" || section == "outbox" || section == "all" {
        try await bench.amqpAndOutbox(includeOutbox: section != "amqp")
        // The broker should not carry the messages left in these queues into the next section.
        await bench.deleteScratchQueues()
    }
    if section == "intake" || section == "all" { try await bench.intake(latencyRate: latencyRate, comparingTLS: comparesTLS) }
    if section == "followup" { try await bench.followup(funnelOpenings: funnelOpenings) }
    if section == "timers" { try await bench.timers(pending: pendingTimers) }
    if section == "billing" { try await bench.billing(invoices: invoiceCount) }
    // Event bodies encoded by the event writer and by Foundation, 20,000 times each unless told otherwise.
    if section == "json" { try bench.json(iterations: messagesOption ?? 20_000) }
    // The four services together: 5,000 sheets (`--messages`) and 10,000 people in matching (`--stored`) unless told otherwise.
    if section == "system" { try await bench.system(sheets: messagesOption ?? 5_000, people: storedOption ?? 10_000, latencyRate: latencyRate) }
    if section.hasPrefix("matching") {
        // `matching` runs every part; `matching-proposals`, `matching-service` or `matching-solver` one.
        let part = section.dropFirst("matching".count).drop { $0 == "-" }
        try await bench.matching(
            profiles: profiles, storedProfiles: max(storedProfiles, profiles), openings: openingsOption ?? 10_000,
            solverRepeats: solverRepeats, only: part.isEmpty ? nil : String(part))
    }
    await bench.deleteScratchQueues()
    report.print()
    if printsJSON { report.printJSON() }
} catch {
    report.print()
    FileHandle.standardError.write(Data("spotjob-bench: \(error)\n".utf8))
    exit(1)
}
