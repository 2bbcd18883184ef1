import ArgumentParser

/// `spotjob jobcenters grant KODE NEIGHBOUR...`: the jobcenter also serves these municipalities.
struct JobcentersGrantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Let a jobcenter send about neighbouring municipalities and receive what concerns them.")

    @OptionGroup var change: GrantChange

    func run() async throws {
        try await change.apply(granting: true)
    }
}

/// `spotjob jobcenters revoke KODE NEIGHBOUR...`: takes granted municipalities back.
struct JobcentersRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Take granted neighbouring municipalities back from a jobcenter.")

    @OptionGroup var change: GrantChange

    func run() async throws {
        try await change.apply(granting: false)
    }
}

/// What `grant` and `revoke` read, and the change: the queue's bindings first, then the services
/// told the jobcenter's whole grant (`jobcenter.registered`).
struct GrantChange: ParsableArguments {
    @OptionGroup var management: ManagementOptions
    @OptionGroup var broker: BrokerOptions

    @Argument(help: "The jobcenter's kommunekode.")
    var kommunekode: String

    @Argument(help: "Neighbouring municipalities (kommunekoder).")
    var neighbours: [String]

    func apply(granting: Bool) async throws {
        let tenant = try JobcentersCommand.tenant(kommunekode)
        let changed = try JobcentersCommand.neighbours(neighbours, of: tenant)
        guard !changed.isEmpty else { throw ValidationError("name at least one neighbouring municipality") }
        let registry = JobcenterRegistry(client: try management.client())
        guard try await registry.exists(tenant) else {
            throw ValidationError("\(tenant.user) does not exist: `spotjob jobcenters add \(tenant.kommunekode)` first")
        }
        if granting {
            try await registry.bind(tenant, for: changed)
        } else {
            try await registry.unbind(tenant, for: Set(changed))
        }
        let granted = Set(try await registry.bindings(of: tenant).compactMap(\.value)).subtracting([tenant.kommunekode]).sorted()
        try await JobcenterAnnouncement.registered(tenant, granted: granted, broker: broker)
        print("\(tenant.user) serves \(([tenant.kommunekode] + granted).joined(separator: ", "))")
    }
}
