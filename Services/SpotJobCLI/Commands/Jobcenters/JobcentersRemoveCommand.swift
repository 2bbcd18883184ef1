import ArgumentParser

/// `spotjob jobcenters remove KODE`: the jobcenter's user and bindings go; its queue goes too when
/// empty, and is kept with its messages otherwise.
struct JobcentersRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Delete broker user jobcenter-<kommunekode> and its bindings; its queue too, unless messages still wait in it.",
        discussion: """
            A queue with messages is kept (nothing undelivered is lost): `spotjob jobcenters add` gives the jobcenter \
            its queue back with a new password; an operator can read it as the administrator, and delete it once read.
            """)

    @OptionGroup var management: ManagementOptions
    @OptionGroup var broker: BrokerOptions

    @Argument(help: "The jobcenter's kommunekode.")
    var kommunekode: String

    func run() async throws {
        let tenant = try JobcentersCommand.tenant(kommunekode)
        let registry = JobcenterRegistry(client: try management.client())
        guard try await registry.exists(tenant) else { throw ValidationError("\(tenant.user) does not exist") }
        let fate = try await registry.remove(tenant, broker: try broker.configuration(as: .administrator))
        try await JobcenterAnnouncement.removed(tenant, broker: broker)
        switch fate {
        case .deleted:
            print("removed \(tenant.user) and its queue \(tenant.queue)")
        case .kept(let messages, let consumers):
            print("""
                removed \(tenant.user); its queue \(tenant.queue) is kept: \(messages) message(s) not yet read, \
                \(consumers) consumer(s) still connected (`spotjob jobcenters add \(tenant.kommunekode)` gives it back)
                """)
        }
    }
}
