import AMQPClient
import Foundation
import Logging
import PostgresClient

/// Matching's state on the local stack, for its integration tests and benchmark: every `opening.*`
/// event other tests publish reaches matching's queue, and its tables keep what earlier runs stored.
public enum MatchingState {
    /// Empties matching's tables (when they exist yet) and its queue, as the administrator.
    public static func empty(on stack: LocalStack, logger: Logger) async throws {
        let admin = PostgresClient(configuration: PostgresConfiguration(url: stack.adminDatabaseURL), logger: logger)
        try await admin.withConnection {
            _ = try $0.execute("""
                DO $$ BEGIN
                    IF to_regclass('matching.proposals') IS NOT NULL THEN
                        TRUNCATE matching.proposals, matching.placements, matching.candidates, matching.openings,
                                 matching.rejected_messages, matching.star_runs, matching.assignment_runs;
                    END IF;
                END $$
                """)
        }
        await admin.close()
        let inspector = AMQPInspector(configuration: try AMQPConfiguration(url: stack.adminAMQPURL))
        _ = try? await inspector.purge(queue: "matching")
        await inspector.close()
    }
}
