import ArgumentParser
import Foundation

/// A tenant's `amqps://` URL: the administrator's broker address (host, TLS port, vhost, CA file)
/// with the tenant's user and password.
enum TenantURL {
    static func make(user: String, password: String, likeAdministrator adminURL: String) throws -> String {
        guard var components = URLComponents(string: adminURL), components.scheme == "amqps" else {
            throw ValidationError("the administrator's broker URL ($SPOTJOB_ADMIN_AMQP_URL or --amqp-url) must be amqps://: a jobcenter connects over TLS")
        }
        components.user = user
        components.password = password
        guard let url = components.string else { throw ValidationError("the administrator's broker URL cannot carry the jobcenter's user") }
        return url
    }
}
