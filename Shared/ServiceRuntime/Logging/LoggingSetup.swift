import Logging

/// Installs the process-wide log handler once, at startup: JSON or text, always redacting.
public enum LoggingSetup {
    public static func bootstrap(format: ServiceConfiguration.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = switch format {
            case .json: JSONLogHandler(label: label)
            case .text: StreamLogHandler.standardError(label: label)
            }
            handler.logLevel = level
            return RedactingLogHandler(handler)
        }
    }
}
