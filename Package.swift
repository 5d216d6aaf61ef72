// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Baton",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "BPMN", targets: ["BPMN"]),
        .library(name: "Expressions", targets: ["Expressions"]),
        .library(name: "EngineCore", targets: ["EngineCore"]),
        .library(name: "PostgresClient", targets: ["PostgresClient"]),
        .library(name: "EngineStore", targets: ["EngineStore"]),
        .library(name: "EngineRuntime", targets: ["EngineRuntime"]),
        .executable(name: "baton", targets: ["baton"]),
        .library(name: "EngineServer", targets: ["EngineServer"]),
        .executable(name: "baton-bench", targets: ["baton-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(
            name: "BPMN",
            dependencies: ["CLibXML2"]
        ),
        .target(name: "Expressions"),
        .target(
            name: "EngineCore",
            dependencies: ["BPMN", "Expressions"]
        ),
        .target(
            name: "PostgresClient",
            dependencies: ["CLibPQ"]
        ),
        .target(
            name: "EngineStore",
            dependencies: ["PostgresClient"]
        ),
        .target(
            name: "EngineRuntime",
            dependencies: [
                "BPMN", "Expressions", "EngineCore", "PostgresClient", "EngineStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "EngineServer",
            dependencies: [
                "BPMN", "Expressions", "EngineCore", "PostgresClient", "EngineStore", "EngineRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(
            name: "BatonTestSupport",
            dependencies: ["EngineRuntime", "EngineStore", "PostgresClient", "Expressions"],
            path: "Tests/Support"
        ),
        .executableTarget(
            name: "baton",
            dependencies: [
                "BPMN",
                "Expressions",
                "EngineCore",
                "EngineStore",
                "EngineRuntime",
                "EngineServer",
                "PostgresClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "baton-soak",
            dependencies: ["EngineRuntime", "PostgresClient"]
        ),
        .executableTarget(
            name: "baton-bench",
            dependencies: [
                "BPMN", "CLibXML2", "Expressions", "EngineCore", "EngineRuntime", "EngineStore", "PostgresClient",
                "EngineServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "BPMNTests",
            dependencies: ["BPMN", "CLibXML2"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "batonTests",
            dependencies: [
                "baton", "BPMN", "Expressions", "EngineCore", "EngineStore", "PostgresClient", "EngineRuntime",
                "BatonTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Scenarios"]
        ),
        .testTarget(
            name: "ExpressionsTests",
            dependencies: ["Expressions"]
        ),
        .testTarget(
            name: "EngineCoreTests",
            dependencies: ["EngineCore", "BPMN", "Expressions"]
        ),
        .testTarget(
            name: "CLibPQTests",
            dependencies: ["CLibPQ"]
        ),
        .testTarget(
            name: "PostgresClientTests",
            dependencies: ["PostgresClient", "EngineStore"]
        ),
        .testTarget(
            name: "EngineRuntimeTests",
            dependencies: [
                "EngineRuntime", "EngineCore", "EngineStore", "PostgresClient", "BPMN", "Expressions", "BatonTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        .testTarget(
            name: "EngineServerTests",
            dependencies: [
                "EngineServer", "EngineRuntime", "EngineCore", "EngineStore", "PostgresClient", "BPMN", "Expressions",
                "BatonTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "EngineStoreTests",
            dependencies: ["EngineStore", "PostgresClient"]
        ),
    ]
)
