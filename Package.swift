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
        .executable(name: "baton-bench", targets: ["baton-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
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
            ]
        ),
        .executableTarget(
            name: "baton",
            dependencies: [
                "BPMN",
                "Expressions",
                "EngineCore",
                "EngineStore",
                "PostgresClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            ]
        ),
        .testTarget(
            name: "BPMNTests",
            dependencies: ["BPMN", "CLibXML2"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "batonTests",
            dependencies: ["baton", "BPMN", "Expressions", "EngineCore", "EngineStore", "PostgresClient"],
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
                "EngineRuntime", "EngineCore", "EngineStore", "PostgresClient", "BPMN", "Expressions",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "EngineStoreTests",
            dependencies: ["EngineStore", "PostgresClient"]
        ),
    ]
)
