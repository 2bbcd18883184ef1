import ArgumentParser
import Billing
import Contracts
import Foundation

/// `spotjob invoices list|show|export|credit|queued|reannounce`.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices", abstract: "Read issued invoices and credit notes; ask for a credit note; announce them again.",
        subcommands: [List.self, Show.self, Export.self, Credit.self, Queued.self, Reannounce.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List issued documents by number.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var series: SeriesOptions
        @Option(help: "Only this contract's.") var contract: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let client = try database.client(for: BillingEvents.service)
            defer { Task { await client.close() } }
            let documents = try await client.withConnection { [series, contract] in
                try DocumentStore.list(series: series.name, contractId: contract, limit: 100_000, on: $0)
            }
            if json { return try Presentation.printJSON(documents) }
            Presentation.printTable(
                ["NUMBER", "KIND", "ISSUED", "DUE", "CONTRACT", "CUSTOMER", "NET", "VAT", "GROSS", "NOTE"],
                documents.map { document in
                    let note = document.creditedInvoiceNumber.map { "credits \($0)" } ?? document.creditedBy.map { "credited by \($0)" } ?? ""
                    return ["\(document.invoiceNumber)", document.kind, document.issueDate, document.dueDate, document.contractId,
                            document.customerName, BillingCLI.kroner(document.netOre), BillingCLI.kroner(document.vatOre),
                            BillingCLI.kroner(document.grossOre), note]
                })
            let invoices = documents.filter { $0.kind == "invoice" }
            let credits = documents.filter { $0.kind == "credit-note" }
            print("\(invoices.count) invoice(s), gross \(BillingCLI.kroner(invoices.map(\.grossOre).reduce(0, +))); "
                + "\(credits.count) credit note(s), gross \(BillingCLI.kroner(credits.map(\.grossOre).reduce(0, +)))")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one document.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var series: SeriesOptions
        @Argument(help: "The document's number.") var number: Int
        @Flag(help: "Print its OIOUBL XML only.") var xml = false
        @Flag(help: "Print the invoice.issued / credit-note.issued body.") var json = false

        func run() async throws {
            let client = try database.client(for: BillingEvents.service)
            defer { Task { await client.close() } }
            let supplier = try BillingCLI.supplier()
            let payload = try await client.withConnection { [series, number] in
                try DocumentStore.payload(series: series.name, number: number, supplier: supplier, on: $0)
            }
            guard let payload else { throw ValidationError("no document number \(number)") }
            if xml { return print(payload.oioubl) }
            if json { return try Presentation.printJSON(payload) }
            print("\(payload.kind == "invoice" ? "Invoice" : "Credit note") \(payload.invoiceNumber)"
                + (payload.creditedInvoiceNumber.map { ", crediting invoice \($0)" } ?? ""))
            print("contract \(payload.contractId); customer \(payload.customer.name) (CVR \(payload.customer.cvr), EAN \(payload.customer.ean))")
            print("issued \(payload.issueDate), due \(payload.dueDate); order reference \(payload.orderReference ?? "-")")
            print()
            Presentation.printTable(
                ["LINE", "QUANTITY", "UNIT", "UNIT PRICE", "AMOUNT", "DESCRIPTION"],
                payload.lines.map { [$0.lineId, $0.quantity, $0.unitCode, BillingCLI.kroner($0.unitPriceOre), BillingCLI.kroner($0.amountOre), $0.description] })
            print()
            print("net \(BillingCLI.kroner(payload.netOre)), VAT 25 % \(BillingCLI.kroner(payload.vatOre)), total \(BillingCLI.kroner(payload.grossOre))")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write every document's OIOUBL XML to a folder (invoice-N.xml, credit-note-N.xml).")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var series: SeriesOptions
        @Option(help: "The folder (created if missing).", completion: .directory) var dir: String
        @Flag(help: "Print the files written as JSON.") var json = false

        func run() async throws {
            let client = try database.client(for: BillingEvents.service)
            defer { Task { await client.close() } }
            let documents = try await client.withConnection { [series] in try DocumentStore.all(series: series.name, on: $0) }
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            var written: [String] = []
            for (summary, xml) in documents {
                let path = URL(fileURLWithPath: dir).appendingPathComponent("\(summary.kind)-\(summary.invoiceNumber).xml").path
                try Data(xml.utf8).write(to: URL(fileURLWithPath: path))
                written.append(path)
            }
            if json { return try Presentation.printJSON(written) }
            print("wrote \(written.count) OIOUBL document(s) to \(dir)")
        }
    }

    struct Credit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask billing for a credit note of a whole invoice (invoice.credit-requested).")
        @OptionGroup var broker: BrokerOptions
        @Argument(help: "The invoice's number.") var number: Int
        @Option(help: "Why it is credited.") var reason: String

        func run() async throws {
            try await BillingCLI.publish(
                BillingEvents.creditRequested, CreditRequestedMessage(invoiceNumber: number, reason: reason), broker: broker)
        }
    }
}

extension BillingCLI {
    /// The supplier from `BILLING_SUPPLIER_FILE`, or the repository's `deploy/billing/supplier.json`.
    static func supplier() throws -> Supplier {
        if ProcessInfo.processInfo.environment[Supplier.fileVariable] != nil {
            return try Supplier.load(environment: ProcessInfo.processInfo.environment)
        }
        return try Supplier.load(fromFile: "deploy/billing/supplier.json")
    }
}
