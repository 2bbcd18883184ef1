import CLibPQ

/// An error reported by the server or by libpq.
///
/// ``kind`` names the conditions a service branches on; ``sqlState`` carries the full SQLSTATE code.
///
/// The server's ``message`` and ``detail`` may quote the data a statement carried (`invalid input syntax
/// for type integer: "Jens Hansen"`, the duplicate key of a unique violation, an array literal of a
/// whole batch), so ``description`` (what logs, inbox reasons and dead-letter headers show) never holds
/// them: it names the error by kind, SQLSTATE, schema, table, column, data type and constraint. Only a
/// message libpq or this client wrote itself (``isReportedByServer`` `false`: a connection failure, a
/// misuse) is part of the description.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// The conditions a caller can react to.
    public enum Kind: Sendable, Hashable {
        /// SQLSTATE 23505.
        case uniqueViolation
        /// A bind could not be sent as it is (a NUL character in a text value); nothing was sent.
        case invalidParameter
        /// SQLSTATE 40001: retry the transaction.
        case serializationFailure
        /// SQLSTATE 40P01: retry the transaction.
        case deadlockDetected
        /// The server could not be reached or the connection broke (connection status bad, SQLSTATE class
        /// 08, 57P01–57P03). ``PostgresClient`` reconnects on its next use.
        case connectionLost
        /// Anything else.
        case other
    }

    public var kind: Kind
    /// The five-character SQLSTATE, `nil` for errors raised by libpq itself.
    public var sqlState: String?
    /// The primary message. From the server it may quote values: never log it.
    public var message: String
    /// The server's detail line, which may contain row values: never log it.
    public var detail: String?
    /// Where the error is, as far as the server names it (schema, table, column, data type, constraint).
    public var location: Location
    /// Whether ``message`` came from the server (and so may quote data) rather than from libpq or this
    /// client.
    public var isReportedByServer: Bool

    /// The objects a server error names: identifiers, never values.
    public struct Location: Sendable, Hashable {
        public var schema: String?
        public var table: String?
        public var column: String?
        public var dataType: String?
        public var constraint: String?

        public init(
            schema: String? = nil, table: String? = nil, column: String? = nil, dataType: String? = nil,
            constraint: String? = nil
        ) {
            self.schema = schema
            self.table = table
            self.column = column
            self.dataType = dataType
            self.constraint = constraint
        }
    }

    /// An error raised by libpq or this client, whose message quotes no data.
    public init(kind: Kind, message: String) {
        self.init(kind: kind, sqlState: nil, message: message, location: Location(), isReportedByServer: false)
    }

    init(
        kind: Kind, sqlState: String?, message: String, detail: String? = nil, location: Location,
        isReportedByServer: Bool
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.location = location
        self.isReportedByServer = isReportedByServer
    }

    /// The constraint that was violated, if any.
    public var constraintName: String? { location.constraint }

    /// Parameter `$parameter` holds a NUL character, which libpq would cut the value short at.
    static func nulCharacter(parameter: Int) -> PostgresError {
        PostgresError(
            kind: .invalidParameter,
            message: "parameter $\(parameter) contains a NUL character (U+0000), which PostgreSQL text cannot hold")
    }

    /// Whether retrying the same work later may succeed: a lost connection, a serialization failure or a
    /// deadlock.
    public var isTransient: Bool {
        switch kind {
        case .connectionLost, .serializationFailure, .deadlockDetected: true
        case .uniqueViolation, .invalidParameter, .other: false
        }
    }

    /// The kind, SQLSTATE and location; the message only when it is not the server's.
    public var description: String {
        var parts = ["\(kind)"]
        if let sqlState { parts.append("SQLSTATE \(sqlState)") }
        let table = [location.schema, location.table].compactMap(\.self).joined(separator: ".")
        if !table.isEmpty { parts.append("table \(table)") }
        if let column = location.column { parts.append("column \(column)") }
        if let dataType = location.dataType { parts.append("type \(dataType)") }
        if let constraint = location.constraint { parts.append("constraint \(constraint)") }
        let text = "PostgresError(\(parts.joined(separator: ", ")))"
        return isReportedByServer ? text : "\(text): \(message)"
    }
}

extension PostgresError.Kind {
    /// The kind for an SQLSTATE code.
    init(sqlState: String) {
        switch sqlState {
        case "23505": self = .uniqueViolation
        case "40001": self = .serializationFailure
        case "40P01": self = .deadlockDetected
        case "57P01", "57P02", "57P03": self = .connectionLost
        case _ where sqlState.hasPrefix("08"): self = .connectionLost
        default: self = .other
        }
    }
}

extension PostgresError {
    /// The error held by a failed `PGresult` of `connection`.
    init(result: OpaquePointer, connection: OpaquePointer) {
        func field(_ code: Unicode.Scalar) -> String? { Self.field(code, of: result) }
        let sqlState = field("C")
        let connectionBroken = PQstatus(connection) == CONNECTION_BAD
        self.init(
            kind: connectionBroken ? .connectionLost : sqlState.map(Kind.init(sqlState:)) ?? .other,
            sqlState: sqlState,
            message: field("M") ?? Self.trimmed(PQresultErrorMessage(result)),
            detail: field("D"),
            location: Location(
                schema: field("s"), table: field("t"), column: field("c"), dataType: field("d"),
                constraint: field("n")),
            isReportedByServer: sqlState != nil
        )
    }

    /// The error libpq last recorded on `connection`, for calls that return no result. After a failed
    /// statement that text may be the server's, so it counts as reported by the server unless the
    /// connection is broken (then it is libpq's own account of the failure).
    init(connection: OpaquePointer) {
        let connectionBroken = PQstatus(connection) == CONNECTION_BAD
        self.init(
            kind: connectionBroken ? .connectionLost : .other, sqlState: nil,
            message: Self.trimmed(PQerrorMessage(connection)), location: Location(),
            isReportedByServer: !connectionBroken)
    }

    /// A field of an error or notice result, by its `PG_DIAG_*` code.
    static func field(_ code: Unicode.Scalar, of result: OpaquePointer) -> String? {
        PQresultErrorField(result, Int32(code.value)).map { String(cString: $0) }
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        let text = message.map { String(cString: $0) } ?? ""
        let trimmed = text.split(whereSeparator: \.isNewline).map { $0.drop(while: \.isWhitespace) }.joined(separator: " ")
        return trimmed.isEmpty ? "unknown libpq error" : trimmed
    }
}
