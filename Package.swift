// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "spotjob",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "intake", targets: ["IntakeService"]),
        .executable(name: "spotjob", targets: ["SpotJobCLI"]),
        .executable(name: "spotjob-bench", targets: ["SpotJobBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
    ],
    targets: [
        // MARK: C bindings
        .systemLibrary(
            name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CRabbitMQ", path: "Shared/CRabbitMQ", pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev"])]
        ),

        // MARK: Shared libraries
        .target(name: "IOThreads", path: "Shared/IOThreads", swiftSettings: strict),
        .target(
            name: "PostgresClient",
            dependencies: ["CLibPQ", "IOThreads", .product(name: "Logging", package: "swift-log")],
            path: "Shared/PostgresClient", swiftSettings: strict
        ),
        .target(
            name: "AMQPClient",
            dependencies: ["CRabbitMQ", "IOThreads", .product(name: "Logging", package: "swift-log")],
            path: "Shared/AMQPClient", swiftSettings: strict
        ),
        .target(
            name: "Messaging",
            dependencies: [
                "PostgresClient", "AMQPClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Messaging", swiftSettings: strict
        ),
        .target(name: "Domain", path: "Shared/Domain", swiftSettings: strict),
        .target(
            name: "ServiceRuntime",
            dependencies: [
                "PostgresClient", "AMQPClient", "Messaging",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/ServiceRuntime", swiftSettings: strict
        ),

        // MARK: Services
        .target(
            name: "Intake",
            dependencies: ["Domain", "Messaging", "PostgresClient", .product(name: "Logging", package: "swift-log")],
            path: "Services/Intake", swiftSettings: strict
        ),
        .executableTarget(
            name: "IntakeService",
            dependencies: ["Intake", "ServiceRuntime"],
            path: "Services/IntakeService", swiftSettings: strict
        ),
        .executableTarget(
            name: "SpotJobCLI",
            dependencies: [
                "Intake", "ServiceRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/SpotJobCLI", swiftSettings: strict
        ),

        // MARK: Benchmarks
        .executableTarget(
            name: "SpotJobBenchmarks",
            dependencies: ["CRabbitMQ", "AMQPClient", "Messaging", "Intake", "ServiceRuntime", "TestSupport"],
            path: "Benchmarks/SpotJobBenchmarks", swiftSettings: strict
        ),

        // MARK: Tests
        .target(
            name: "TestSupport",
            dependencies: ["PostgresClient", "AMQPClient", "ServiceRuntime", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport", swiftSettings: strict
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], path: "Tests/DomainTests"),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"], path: "Tests/PostgresClientTests"),
        .testTarget(name: "AMQPClientTests", dependencies: ["AMQPClient", "TestSupport"], path: "Tests/AMQPClientTests"),
        .testTarget(name: "MessagingTests", dependencies: ["Messaging", "TestSupport"], path: "Tests/MessagingTests"),
        .testTarget(name: "ServiceRuntimeTests", dependencies: ["ServiceRuntime"], path: "Tests/ServiceRuntimeTests"),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "Domain", "TestSupport"], path: "Tests/IntakeTests"),
        // Test-only: a process that fires timers until TimerIntegrationTests kills it with SIGKILL.
        .executableTarget(
            name: "TimerProbe",
            dependencies: ["Messaging", "PostgresClient", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TimerProbe", swiftSettings: strict
        ),
        .testTarget(
            name: "IntakeIntegrationTests",
            dependencies: ["Intake", "ServiceRuntime", "TestSupport"],
            path: "Tests/IntakeIntegrationTests"
        ),
    ]
)
