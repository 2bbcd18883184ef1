import Foundation
import Intake
import Logging
import ServiceRuntime

/// The intake service: Spot et job sheets in, validated openings out.
@main
enum IntakeMain {
    static func main() async {
        let configuration: ServiceConfiguration
        do {
            configuration = try ServiceConfiguration(service: IntakeEvents.service)
        } catch {
            FileHandle.standardError.write(Data("intake: \(error)\n".utf8))
            exit(2)
        }
        LoggingSetup.bootstrap(format: configuration.logFormat, level: configuration.logLevel)
        let metrics = ObservabilitySetup.bootstrap()
        let logger = Logger(label: IntakeEvents.service)
        do {
            try await ConsumingService(configuration: configuration, handler: IntakeHandler(), metrics: metrics, logger: logger).run()
        } catch {
            logger.critical("intake stopped with an error", metadata: ["error": "\(error)"])
            exit(1)
        }
    }
}
