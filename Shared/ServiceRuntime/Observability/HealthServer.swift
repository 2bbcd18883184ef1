import Foundation
import Hummingbird
import Logging
import Prometheus

/// The operator's window into a service, over HTTP:
/// `GET /health/live` (the process answers), `GET /health/ready` (``Readiness``; 503 when not ready)
/// and `GET /metrics` (Prometheus text format).
public struct HealthServer: Sendable {
    /// The address to bind: `0.0.0.0` in a container, `127.0.0.1` on a developer's machine.
    public let host: String
    public let port: Int
    public let registry: PrometheusCollectorRegistry
    public let readiness: @Sendable () async -> Readiness
    public let logger: Logger

    public init(
        host: String, port: Int, registry: PrometheusCollectorRegistry, logger: Logger,
        readiness: @escaping @Sendable () async -> Readiness
    ) {
        self.host = host
        self.port = port
        self.registry = registry
        self.readiness = readiness
        self.logger = logger
    }

    /// The HTTP server as a service for the service group; it stops on graceful shutdown.
    public func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("health/live") { _, _ in "ok\n" }
        router.get("health/ready") { [readiness] _, _ -> Response in
            let state = await readiness()
            let body = try JSONEncoder().encode(state)
            return Response(
                status: state.isReady ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        router.get("metrics") { [registry] _, _ -> Response in
            var text: [UInt8] = []
            registry.emit(into: &text)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            logger: logger)
    }
}
