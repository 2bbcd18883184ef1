// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "spotjob",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "intake", targets: ["IntakeService"]),
        .executable(name: "billing", targets: ["BillingService"]),
        .executable(name: "matching", targets: ["MatchingService"]),
        .executable(name: "followup", targets: ["FollowupService"]),
        .executable(name: "spotjob", targets: ["SpotJobCLI"]),
        .executable(name: "spotjob-bench", targets: ["SpotJobBenchmarks"]),
        .executable(name: "spotjob-bench-assignment", targets: ["AssignmentBenchmark"]),
        .executable(name: "spotjob-chaos", targets: ["SpotJobChaos"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        // Up to 4.x, so that PersonalData does not pull the whole graph (swift-certificates) back to 3.x.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        // Already in the graph through hummingbird; named here for the management API client.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
    ],
    targets: [
        // MARK: C bindings
        .systemLibrary(
            name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CRabbitMQ", path: "Shared/CRabbitMQ", pkgConfig: "librabbitmq",
            providers: [.apt(["librabbitmq-dev", "libssl-dev"])]
        ),

        // MARK: Shared libraries
        .target(name: "IOThreads", path: "Shared/IOThreads", swiftSettings: strict),
        .target(
            name: "PostgresClient",
            dependencies: ["CLibPQ", "IOThreads", "Chronology", .product(name: "Logging", package: "swift-log")],
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
                "PostgresClient", "AMQPClient", "BodyReading", "Contracts", "JSON",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/Messaging", swiftSettings: strict
        ),
        .target(name: "Domain", path: "Shared/Domain", swiftSettings: strict),
        // RabbitMQ's management HTTP API (users, permissions, queues, bindings), on swift-nio.
        .target(
            name: "BrokerManagement",
            dependencies: [
                "JSON", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Shared/BrokerManagement", swiftSettings: strict
        ),
        .target(name: "JSON", dependencies: ["Chronology"], path: "Shared/JSON", swiftSettings: strict),
        .target(name: "BodyReading", dependencies: ["JSON", "Domain", "Chronology"], path: "Shared/BodyReading", swiftSettings: strict),
        .target(name: "Contracts", dependencies: ["BodyReading", "Chronology", "Domain"], path: "Shared/Contracts", swiftSettings: strict),
        .target(name: "Chronology", path: "Shared/Chronology", swiftSettings: strict),
        .target(
            name: "PersonalData",
            dependencies: ["Domain", .product(name: "Crypto", package: "swift-crypto")],
            path: "Shared/PersonalData", swiftSettings: strict
        ),
        // Pure library, no dependencies; built with -O in release like every target.
        .target(name: "Assignment", path: "Shared/Assignment", swiftSettings: strict),
        .target(
            name: "ServiceRuntime",
            dependencies: [
                "PostgresClient", "AMQPClient", "Messaging", "JSON",
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
            dependencies: [
                "BodyReading", "Contracts", "Domain", "JSON", "Messaging", "PostgresClient",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Intake", swiftSettings: strict
        ),
        .target(
            name: "Matching",
            dependencies: [
                "Assignment", "BodyReading", "Chronology", "Contracts", "Domain", "JSON", "Messaging", "PersonalData",
                "PostgresClient", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Services/Matching", swiftSettings: strict
        ),
        .executableTarget(
            name: "MatchingService",
            dependencies: ["Matching", "Contracts", "Messaging", "ServiceRuntime"],
            path: "Services/MatchingService", swiftSettings: strict
        ),
        .target(
            name: "Billing",
            dependencies: ["BodyReading", "Chronology", "Contracts", "Domain", "JSON", "Messaging", "PostgresClient"],
            path: "Services/Billing", swiftSettings: strict
        ),
        .executableTarget(
            name: "BillingService",
            dependencies: ["Billing", "Contracts", "Messaging", "ServiceRuntime"],
            path: "Services/BillingService", swiftSettings: strict
        ),
        .executableTarget(
            name: "IntakeService",
            dependencies: ["Intake", "Contracts", "Messaging", "ServiceRuntime"],
            path: "Services/IntakeService", swiftSettings: strict
        ),
        .target(
            name: "Followup",
            dependencies: ["BodyReading", "Chronology", "Contracts", "Domain", "JSON", "Messaging", "PostgresClient"],
            path: "Services/Followup", swiftSettings: strict
        ),
        .executableTarget(
            name: "FollowupService",
            dependencies: ["Followup", "Contracts", "Messaging", "ServiceRuntime"],
            path: "Services/FollowupService", swiftSettings: strict
        ),
        .executableTarget(
            name: "SpotJobCLI",
            dependencies: [
                "Intake", "Matching", "Followup", "Billing", "Assignment", "BodyReading", "BrokerManagement", "PersonalData", "Contracts", "JSON",
                "Chronology", "Domain", "ServiceRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Services/SpotJobCLI", swiftSettings: strict
        ),

        // MARK: Benchmarks
        .executableTarget(
            name: "SpotJobBenchmarks",
            dependencies: [
                "CRabbitMQ", "AMQPClient", "Messaging", "Intake", "Followup", "Matching", "Assignment", "AssignmentComparison",
                "Contracts", "Chronology", "Domain", "JSON", "SeededRandom", "ServiceRuntime", "TestSupport",
            ],
            path: "Benchmarks/SpotJobBenchmarks", swiftSettings: strict
        ),

        // The chaos run (deploy/chaos.sh): the four services under kill -9 and restarts, checked for loss and duplicates.
        .executableTarget(
            name: "SpotJobChaos",
            dependencies: [
                "AMQPClient", "Chronology", "Contracts", "Domain", "JSON", "Messaging", "PostgresClient", "SeededRandom",
                "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/SpotJobChaos", swiftSettings: strict
        ),

        // The solver against scipy, shared by spotjob-bench-assignment and `spotjob-bench matching`.
        .target(
            name: "AssignmentComparison", dependencies: ["Assignment", "SeededRandom"],
            path: "Benchmarks/AssignmentComparison", swiftSettings: strict
        ),
        .executableTarget(
            name: "AssignmentBenchmark", dependencies: ["Assignment", "AssignmentComparison"],
            path: "Benchmarks/AssignmentBenchmark", swiftSettings: strict
        ),

        // MARK: Tests
        .target(name: "SeededRandom", path: "Tests/SeededRandom", swiftSettings: strict),
        .target(name: "Fuzzing", path: "Tests/Fuzzing", swiftSettings: strict),
        .target(
            name: "TestSupport",
            dependencies: ["PostgresClient", "AMQPClient", "Contracts", "JSON", "ServiceRuntime", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TestSupport", swiftSettings: strict
        ),
        .testTarget(name: "DomainTests", dependencies: ["Domain"], path: "Tests/DomainTests"),
        .testTarget(name: "IOThreadsTests", dependencies: ["IOThreads"], path: "Tests/IOThreadsTests"),
        .testTarget(
            name: "BrokerManagementTests", dependencies: ["BrokerManagement", "JSON", .product(name: "NIOHTTP1", package: "swift-nio")],
            path: "Tests/BrokerManagementTests"),
        .testTarget(
            name: "SpotJobCLITests", dependencies: ["SpotJobCLI", "JSON", "AMQPClient", "Contracts", "Domain", "Matching"],
            path: "Tests/SpotJobCLITests"),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "SeededRandom", "TestSupport"], path: "Tests/JSONTests"),
        .testTarget(name: "BodyReadingTests", dependencies: ["BodyReading", "Chronology", "Domain", "JSON"], path: "Tests/BodyReadingTests"),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts", "BodyReading", "Chronology", "Domain", "JSON", "TestSupport"], path: "Tests/ContractsTests"),
        .testTarget(name: "ChronologyTests", dependencies: ["Chronology"], path: "Tests/ChronologyTests"),
        .testTarget(name: "PersonalDataTests", dependencies: ["PersonalData", "Domain"], path: "Tests/PersonalDataTests"),
        .testTarget(name: "FollowupTests", dependencies: ["Followup", "Chronology", "JSON"], path: "Tests/FollowupTests"),
        .testTarget(
            name: "FollowupIntegrationTests",
            dependencies: ["Followup", "Contracts", "Chronology", "Domain", "JSON", "Messaging", "PostgresClient", "TestSupport"],
            path: "Tests/FollowupIntegrationTests"
        ),
        .testTarget(name: "BillingTests", dependencies: ["Billing", "BodyReading", "Chronology", "Contracts", "Domain", "JSON"], path: "Tests/BillingTests"),
        .testTarget(
            name: "BillingIntegrationTests",
            dependencies: ["Billing", "Contracts", "Messaging", "ServiceRuntime", "TestSupport"],
            path: "Tests/BillingIntegrationTests"
        ),
        .testTarget(name: "AssignmentTests", dependencies: ["Assignment", "SeededRandom"], path: "Tests/AssignmentTests"),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"], path: "Tests/PostgresClientTests"),
        .testTarget(name: "AMQPClientTests", dependencies: ["AMQPClient", "TestSupport"], path: "Tests/AMQPClientTests"),
        .testTarget(
            name: "MessagingTests",
            dependencies: [
                "AMQPClient", "BodyReading", "CRabbitMQ", "Contracts", "Fuzzing", "Messaging", "JSON", "SeededRandom", "ServiceRuntime", "TestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ], path: "Tests/MessagingTests"),
        .testTarget(name: "ServiceRuntimeTests", dependencies: ["ServiceRuntime"], path: "Tests/ServiceRuntimeTests"),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "BodyReading", "Contracts", "Domain", "JSON", "TestSupport"], path: "Tests/IntakeTests"),
        // Test-only: a service whose handler traps on one message, restarted by PoisonTests until it dead-letters it.
        .executableTarget(
            name: "PoisonProbe",
            dependencies: [
                "Messaging", "PostgresClient", "ServiceRuntime", "TestSupport",
                .product(name: "Logging", package: "swift-log"), .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Tests/PoisonProbe", swiftSettings: strict
        ),
        // Test-only: a plain rabbitmq-c client that publishes a header nested thousands of levels deep.
        .executableTarget(name: "DeepHeaderSender", dependencies: ["CRabbitMQ"], path: "Tests/DeepHeaderSender"),
        // Test-only: a process that fires timers until TimerIntegrationTests kills it with SIGKILL.
        .executableTarget(
            name: "TimerProbe",
            dependencies: ["Messaging", "PostgresClient", .product(name: "Logging", package: "swift-log")],
            path: "Tests/TimerProbe", swiftSettings: strict
        ),
        .testTarget(
            name: "MatchingTests",
            dependencies: ["Matching", "BodyReading", "Chronology", "Contracts", "Domain", "JSON", "PersonalData"],
            path: "Tests/MatchingTests"
        ),
        .testTarget(
            name: "MatchingIntegrationTests",
            dependencies: ["Matching", "Contracts", "Chronology", "Domain", "PersonalData", "ServiceRuntime", "TestSupport"],
            path: "Tests/MatchingIntegrationTests"
        ),
        // 100,000 mutated bodies per service body reader (issue 18); the corpus is Tests/Fixtures/fuzz.
        .testTarget(
            name: "BodyReaderFuzzTests",
            dependencies: [
                "Intake", "Matching", "Followup", "Billing", "BodyReading", "Chronology", "Contracts", "Fuzzing", "Messaging",
                "SeededRandom",
            ],
            path: "Tests/BodyReaderFuzzTests"
        ),
        .testTarget(
            name: "IntakeIntegrationTests",
            dependencies: ["Intake", "Contracts", "Domain", "ServiceRuntime", "TestSupport"],
            path: "Tests/IntakeIntegrationTests"
        ),
        // Test-only: a jobcenter system that publishes what it reads on standard input, run by
        // JobcenterNetworkTests inside its own network namespace.
        .executableTarget(
            name: "JobcenterSender",
            dependencies: ["AMQPClient", "Messaging", .product(name: "Logging", package: "swift-log")],
            path: "Tests/JobcenterSender", swiftSettings: strict
        ),
        .testTarget(
            name: "JobcenterNetworkTests",
            dependencies: ["AMQPClient", "Contracts", "JSON", "PostgresClient", "TestSupport"],
            path: "Tests/JobcenterNetworkTests"
        ),
        .testTarget(
            name: "HostileSenderTests",
            dependencies: ["AMQPClient", "Contracts", "JSON", "Messaging", "PostgresClient", "TestSupport"],
            path: "Tests/HostileSenderTests"
        ),
    ]
)
