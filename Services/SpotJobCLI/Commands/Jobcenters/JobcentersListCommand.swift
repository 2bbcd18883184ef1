import ArgumentParser

/// `spotjob jobcenters list [--json]`: every jobcenter tenant on the broker.
struct JobcentersListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the jobcenters: user, queue, the municipalities it serves, messages waiting.")

    @OptionGroup var management: ManagementOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let entries = try await JobcenterRegistry(client: try management.client()).list()
        if json {
            try Presentation.printJSON(entries)
            return
        }
        Presentation.printTable(
            ["KODE", "MUNICIPALITY", "USER", "QUEUE", "MUNICIPALITIES", "WAITING"],
            entries.map { entry in
                [entry.kommunekode, entry.municipality, entry.user ?? "(removed; queue kept)", entry.queue,
                 entry.municipalities.joined(separator: ","), "\(entry.messages)"]
            })
    }
}
