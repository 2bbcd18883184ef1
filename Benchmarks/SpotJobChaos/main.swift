import Foundation
import Logging
import PostgresClient
import SeededRandom
import TestSupport

/// `spotjob-chaos [--scale N] [--seed S] [--pace SECONDS] [--timeout SECONDS] [--json]`: drives N
/// sheets, N/5 profiles, their placements, company contacts and N/10 contracts with meetings, events
/// and trips through the four services while it kills each service five times and restarts
/// RabbitMQ and PostgreSQL once; then checks that nothing was lost and nothing took effect twice.
/// Exits 1 on any loss, duplicated effect or unfinished run. Needs the local stack's environment
/// (`source <(deploy/local-stack.sh env)`) and runs the services beside it in its build directory;
/// `deploy/chaos.sh` does both. `LOG_LEVEL` sets the run's own log (default `error`); the services
/// log warnings. See docs/operations.md, "Chaos run".
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
}
let scale = option("--scale").flatMap(Int.init) ?? 1_000
let seed = option("--seed").flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64(Int64.max))
/// How long the sheets, profiles and contracts take to send; faults fall within it and a bit after.
let pace = Duration.seconds(option("--pace").flatMap(Double.init) ?? max(20, Double(scale) / 40))
/// The whole run, faults and settling included; past it the run fails.
let timeout = Duration.seconds(option("--timeout").flatMap(Double.init) ?? 180 + Double(scale) / 10)
let printsJSON = arguments.contains("--json")

var logger = Logger(label: "spotjob-chaos")
/// The run's own log (reconnects, publishes retried, faults); the report counts them anyway.
logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .error
var random = SplitMix64(seed: seed)
let runID = String(random.next() & 0xFF_FFFF, radix: 16)
let plan = ChaosPlan(scale: scale, runID: runID, cprBase: Int(random.next() % 58_400_000))
let billingSeries = "chaos-\(runID)"
var report = ChaosReport(runID: runID, scale: scale, seed: seed)
let began = ContinuousClock.now
let deadline = began + timeout

let stack: LocalStack
do { stack = try LocalStack.fromEnvironment() } catch {
    FileHandle.standardError.write(Data("spotjob-chaos: \(error)\n".utf8))
    exit(2)
}
let fleet = ServiceFleet(stack: stack, environment: ServiceProcess.billingFiles.merging([
    "LOG_LEVEL": "warning", "BILLING_NUMBER_SERIES": billingSeries,
]) { $1 })
// A run that hangs past its timeout (a call that never returns) still ends, with the services stopped.
Task.detached {
    try await Task.sleep(until: deadline + .seconds(60))
    FileHandle.standardError.write(Data("spotjob-chaos: still running 60 s after the timeout; giving up\n".utf8))
    await fleet.stopAll(signal: SIGKILL)
    exit(1)
}

do {
    let observer = try ChaosObserver(stack: stack, logger: logger)
    await observer.start()
    try await fleet.startAll(timeout: .seconds(120))
    let faults = FaultInjector.schedule(window: pace * 1.2, killsPerService: 5, using: &random)
    let injector = FaultInjector(fleet: fleet, stack: stack, logger: logger, recoveryTimeout: .seconds(90))
    let driver = ChaosDriver(plan: plan, stack: stack, logger: logger)
    let start = ContinuousClock.now
    FileHandle.standardError.write(Data("spotjob-chaos: run \(runID), \(plan.primaries.count + plan.dependents.count) inputs, \(faults.count) faults\n".utf8))
    async let injected = injector.run(faults, from: start)
    async let driven = driver.run(pace: pace, until: deadline)
    do {
        report.faults = try await injected
    } catch {
        report.failure = "\(error)"
    }
    let sent = try await driven
    report.republishedBatches = sent.republishedBatches
    report.unsent = sent.unsent
    if report.failure == nil {
        let quiet = try await Quiescence(fleet: fleet, observer: observer, stack: stack, logger: logger).wait(until: deadline)
        if !quiet {
            var reasons = ["not quiet within the timeout (\(timeout))"]
            for service in ServiceFleet.services {
                do { try await fleet.waitUntilReady(service, timeout: .seconds(5)) } catch { reasons.append("\(error)") }
            }
            report.failure = reasons.joined(separator: "; ")
        }
    }
    let database = PostgresClient(configuration: .init(url: stack.adminDatabaseURL, applicationName: "spotjob-chaos"), logger: logger)
    let checks = ChaosChecks(plan: plan, confirmed: sent.confirmed, billingSeries: billingSeries)
    let observed = await observer.snapshot()
    report.rows = try await database.withConnection { try checks.run(on: $0, observed: observed) }
    await database.close()
    report.duplicateDeliveries = await observer.duplicateDeliveries
    report.deliveries = await observer.deliveries.values.reduce(0, +)
    report.selfExits = await fleet.selfExits
    await observer.stop()
} catch {
    report.failure = "\(error)"
}
await fleet.stopAll()
report.seconds = (ContinuousClock.now - began).seconds
report.print(json: printsJSON)
exit(report.passed ? 0 : 1)
