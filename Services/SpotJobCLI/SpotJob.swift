import ArgumentParser

/// The `spotjob` command line: what operators and consultants use to feed and read the system.
@main
struct SpotJob: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spotjob",
        abstract: "Operate SpotJob: submit sheets, read openings and rejections, replay dead letters, inspect timers.",
        discussion: """
            Connection settings come from the same environment variables as the services:
            DATABASE_URL (the intake role, for reading openings) and AMQP_URL (for publishing).
            `source <(deploy/local-stack.sh env)` and then e.g. `export DATABASE_URL=$INTAKE_DATABASE_URL`.
            """,
        subcommands: [SheetCommand.self, OpeningsCommand.self, SheetsCommand.self, DeadLettersCommand.self, TimersCommand.self]
    )
}
