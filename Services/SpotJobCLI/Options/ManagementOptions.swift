import ArgumentParser
import BrokerManagement
import Foundation

/// `--management-url`: RabbitMQ's management API as the administrator.
struct ManagementOptions: ParsableArguments {
    @Option(help: "http(s)://user:password@host:port of RabbitMQ's management API, as the administrator (default: $SPOTJOB_ADMIN_MANAGEMENT_URL; https verifies against ?cacertfile=PATH).")
    var managementURL: String?

    func client() throws -> ManagementClient {
        guard let url = managementURL ?? ProcessInfo.processInfo.environment["SPOTJOB_ADMIN_MANAGEMENT_URL"] else {
            throw ValidationError("set SPOTJOB_ADMIN_MANAGEMENT_URL or pass --management-url")
        }
        do {
            return ManagementClient(endpoint: try ManagementEndpoint(url: url))
        } catch {
            throw ValidationError(error.description)
        }
    }
}
