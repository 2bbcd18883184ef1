/// Where and how ``PostgresConnection`` connects.
///
/// Every session runs with `TimeZone=UTC`, `DateStyle=ISO`, `bytea_output=hex` and `client_encoding=UTF8`,
/// which the decoders rely on.
public struct PostgresConfiguration: Sendable {
    /// A libpq connection string (`host=… dbname=…`) or a `postgresql://` URI, handed to libpq as is.
    public var url: String
    /// Shown in `pg_stat_activity.application_name`.
    public var applicationName: String?
    /// The session's `search_path` (a comma-separated list of schemas), or `nil` for the server's default.
    public var searchPath: String?
    /// Seconds libpq waits for the server when connecting, unless ``url`` sets `connect_timeout` itself.
    public var connectTimeout: Int

    public init(url: String, applicationName: String? = nil, searchPath: String? = nil, connectTimeout: Int = 10) {
        self.url = url
        self.applicationName = applicationName
        self.searchPath = searchPath
        self.connectTimeout = connectTimeout
    }

    /// The `PQconnectdbParams` key words and values. Entries before `dbname` are defaults that ``url`` may
    /// override; entries after it override ``url``.
    var connectionParameters: [(keyword: String, value: String)] {
        var parameters = [("connect_timeout", String(connectTimeout)), ("dbname", url), ("client_encoding", "UTF8")]
        if let applicationName { parameters.append(("application_name", applicationName)) }
        return parameters
    }
}
