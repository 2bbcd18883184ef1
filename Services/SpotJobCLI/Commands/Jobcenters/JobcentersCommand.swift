import ArgumentParser

/// `spotjob jobcenters add|list|grant|revoke|remove`: one tenant per jobcenter, as the administrator.
struct JobcentersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobcenters",
        abstract: "Add, list, grant neighbours to and remove jobcenters (broker users jobcenter-<kommunekode> and their queues).",
        discussion: """
            As the administrator: the management API from $SPOTJOB_ADMIN_MANAGEMENT_URL, the broker from \
            $SPOTJOB_ADMIN_AMQP_URL (the services learn of grants from jobcenter.registered and jobcenter.removed).
            """,
        subcommands: [
            JobcentersAddCommand.self, JobcentersListCommand.self, JobcentersGrantCommand.self, JobcentersRevokeCommand.self,
            JobcentersRemoveCommand.self,
        ])

    /// The jobcenter of a command-line argument.
    static func tenant(_ text: String) throws -> JobcenterTenant {
        do {
            return try JobcenterTenant(kommunekode: text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The neighbours given for `tenant`: kommunekoder, each once, none its own.
    static func neighbours(_ texts: [String], of tenant: JobcenterTenant) throws -> [String] {
        let codes = try texts.map { try self.tenant($0).kommunekode }
        guard !codes.contains(tenant.kommunekode) else {
            throw ValidationError("a jobcenter always serves its own municipality; grant only neighbours")
        }
        return Array(Set(codes)).sorted()
    }
}
