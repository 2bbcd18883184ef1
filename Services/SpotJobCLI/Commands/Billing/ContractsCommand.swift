import ArgumentParser
import Billing
import Contracts
import Foundation
import JSON

/// `spotjob contracts register|list|show`.
struct ContractsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contracts", abstract: "Register and read billing contracts.", subcommands: [Register.self, List.self, Show.self])

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish contracts (contract.registered) from JSON files: an object or an array of them.",
            discussion: "Billing validates asynchronously: see `spotjob contracts show ID` and billing.rejected / billing.dead.")

        @OptionGroup var broker: BrokerOptions

        @Argument(help: "JSON files.", completion: .file())
        var files: [String]

        func run() async throws {
            let bodies = try files.flatMap(JSONFile.bodies)
            let envelopes = try await Publishing.publish(BillingEvents.contractRegistered, bodies: bodies, as: .contracts, broker: broker)
            for envelope in envelopes { print("sent contract.registered as message \(envelope.messageID.uuidString.lowercased())") }
            print("\(envelopes.count) contract(s) confirmed by the broker")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List contracts, most recently registered first.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "At most this many.")
        var limit = 100

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let client = try database.client(for: BillingEvents.service)
            defer { Task { await client.close() } }
            let contracts = try await client.withConnection { [limit] in try ContractStore.list(limit: limit, on: $0) }
            if json { return try Presentation.printJSON(contracts) }
            Presentation.printTable(
                ["CONTRACT", "REV", "CUSTOMER", "PERIOD", "MILEAGE", "LINES INVOICED", "MEETINGS", "TITLE"],
                contracts.map {
                    [$0.contractId, "\($0.revision)", $0.customerName, "\($0.periodStart)–\($0.periodEnd)", $0.mileage,
                     "\($0.invoicedLines)/\($0.lines)", "\($0.meetingsHeld)", $0.title]
                })
            print("\(contracts.count) contract(s)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a contract and where each of its lines stands.")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var series: SeriesOptions

        @Argument(help: "The contract id.")
        var contractId: String

        @Flag(help: "Print JSON.")
        var json = false

        func run() async throws {
            let client = try database.client(for: BillingEvents.service)
            defer { Task { await client.close() } }
            let detail = try await client.withConnection { [contractId, series] in
                try ContractStore.detail(contractId, series: series.name, on: $0)
            }
            guard let detail else { throw ValidationError("no contract \(contractId)") }
            if json { return try Presentation.printJSON(detail) }
            let summary = detail.summary
            print("\(summary.contractId) (revision \(summary.revision)): \(summary.title)")
            print("customer \(summary.customerName); period \(summary.periodStart)–\(summary.periodEnd); signed \(detail.signedOn)")
            print("payment terms \(detail.paymentTermsDays) days; mileage \(summary.mileage); meetings held \(summary.meetingsHeld)")
            print()
            Presentation.printTable(
                ["LINE", "AMOUNT", "DUE", "STATUS", "DESCRIPTION"],
                detail.lines.map { line in
                    let status: String
                    if let number = line.invoiceNumber {
                        status = "invoiced as number \(number)"
                    } else if line.status != "pending" {
                        status = line.status
                    } else if let dueAt = line.dueAt {
                        status = "pending, due \(Presentation.localTime(dueAt))"
                    } else {
                        status = "pending, due \(line.due)"
                    }
                    return [line.lineId, BillingCLI.kroner(line.amountOre), line.due, status, line.description]
                })
        }
    }
}
