import Logging

/// Removes personal data from log text: CPR numbers, e-mail addresses and Danish phone numbers.
///
/// Services never log message bodies or contact fields on purpose; this is the safety net for
/// what slips through (an error message quoting input, say). It errs on the side of redacting:
/// any 8- or 10-digit run is masked, which may also hide a CVR number in a log line. Identifiers
/// are never masked: a UUID (message, correlation and opening ids) is left whole even where one of
/// its groups is all digits, so a message can always be followed by its id.
public enum PersonalDataRedactor {
    nonisolated(unsafe) private static let uuid =
        /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/
    nonisolated(unsafe) private static let email = /[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/
    nonisolated(unsafe) private static let cpr = /\b\d{6}-?\d{4}\b/
    nonisolated(unsafe) private static let phone = /(?:(?:\+45|0045) ?)?\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b/

    public static func redact(_ text: String) -> String {
        guard text.contains(where: \.isNumber) || text.contains("@") else { return text }
        // The text between identifiers is redacted; the identifiers are kept as they are.
        var redacted = ""
        var rest = text[...]
        while let match = rest.firstMatch(of: uuid) {
            redacted += redactPersonalData(rest[..<match.range.lowerBound])
            redacted += rest[match.range]
            rest = rest[match.range.upperBound...]
        }
        return redacted + redactPersonalData(rest)
    }

    private static func redactPersonalData(_ text: Substring) -> String {
        String(text)
            .replacing(email, with: "[email]")
            .replacing(cpr, with: "[cpr]")
            .replacing(phone, with: "[phone]")
    }

    public static func redact(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let string): .string(redact(string))
        case .stringConvertible(let convertible): .string(redact(convertible.description))
        case .array(let values): .array(values.map(redact))
        case .dictionary(let dictionary): .dictionary(dictionary.mapValues(redact))
        }
    }
}

/// Passes every record to `inner` with personal data redacted by ``PersonalDataRedactor``.
public struct RedactingLogHandler: LogHandler {
    private var inner: any LogHandler

    public init(_ inner: any LogHandler) { self.inner = inner }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = "\(PersonalDataRedactor.redact(event.message.description))"
        event.metadata = event.metadata?.mapValues(PersonalDataRedactor.redact)
        inner.log(event: event)
    }
}
