import ArgumentParser

/// The `spotjob` command line: what operators and consultants use to feed and read the system.
@main
struct SpotJob: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spotjob",
        abstract: "Operate SpotJob: submit sheets, read openings and rejections, replay dead letters, inspect timers.",
        discussion: """
            Each command connects as the service it reads, with the variables the local stack and compose             set: INTAKE_DATABASE_URL (openings, rejected sheets; each service's URL for `spotjob rejected --service NAME`), MATCHING_DATABASE_URL (candidates, matches, placements, reports; with CPR_ENCRYPTION_KEY and CPR_INDEX_KEY where CPR numbers are read), FOLLOWUP_DATABASE_URL (tasks, check-ins, funnel), BILLING_DATABASE_URL (contracts, invoices), and for the broker JOBCENTER_<KOMMUNEKODE>_AMQP_URL             (publishing what a jobcenter sends, as that jobcenter), EVENT_TOOLING_AMQP_URL (sheets from Code of Care's             events), CONTRACTS_AMQP_URL (publishing contracts, meetings, events, extras,             mileage and credit requests to billing) or SPOTJOB_ADMIN_AMQP_URL (operator commands such as             dead-letter replay and invoices reannounce), with SPOTJOB_ADMIN_MANAGEMENT_URL for `spotjob jobcenters`. `source <(bash deploy/local-stack.sh env)` sets them all.
            """,
        subcommands: [
            // Intake
            SheetCommand.self, OpeningsCommand.self, SheetsCommand.self,
            // Matching
            CandidatesCommand.self, MatchesCommand.self, PlacementsCommand.self, MatchingCommand.self,
            AssignmentCommand.self, ReportCommand.self,
            // Followup
            FollowupCommand.self,
            // Billing
            ContractsCommand.self, MeetingsCommand.self, EventsCommand.self, ExtrasCommand.self, MileageCommand.self,
            InvoicesCommand.self,
            // Operations
            DeadLettersCommand.self, RejectedCommand.self, TimersCommand.self, JobcentersCommand.self,
        ]
    )
}
