import CLibPQ

/// An error reported by the server or by libpq.
///
/// ``kind`` names the conditions a service branches on; ``sqlState`` carries the full SQLSTATE code.
/// ``description`` holds the kind, the SQLSTATE and the server's primary message, never ``detail``: the
/// server puts row values there (for example the duplicate key of a unique violation), so it may hold
/// personal data and should not be logged as is.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// The conditions a caller can react to.
    public enum Kind: Sendable, Hashable {
        /// SQLSTATE 23505.
        case uniqueViolation
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
    /// The primary message.
    public var message: String
    /// The server's detail line, which may contain row values.
    public var detail: String?
    /// The constraint that was violated, if any.
    public var constraintName: String?

    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil, constraintName: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraintName = constraintName
    }

    /// Whether retrying the same work later may succeed: a lost connection, a serialization failure or a
    /// deadlock.
    public var isTransient: Bool {
        switch kind {
        case .connectionLost, .serializationFailure, .deadlockDetected: true
        case .uniqueViolation, .other: false
        }
    }

    public var description: String {
        var text = "PostgresError(\(kind)"
        if let sqlState { text += ", \(sqlState)" }
        if let constraintName { text += ", constraint \(constraintName)" }
        return text + "): \(message)"
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
            constraintName: field("n")
        )
    }

    /// The error libpq last recorded on `connection`, for calls that return no result.
    init(connection: OpaquePointer) {
        let connectionBroken = PQstatus(connection) == CONNECTION_BAD
        self.init(kind: connectionBroken ? .connectionLost : .other, message: Self.trimmed(PQerrorMessage(connection)))
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
