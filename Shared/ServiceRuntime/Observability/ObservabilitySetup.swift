import Metrics
import Prometheus

/// Installs the process-wide metrics backend once, at startup.
public enum ObservabilitySetup {
    /// Routes swift-metrics into a Prometheus registry and returns it for `GET /metrics`.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
