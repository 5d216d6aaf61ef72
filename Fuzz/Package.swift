// swift-tools-version:6.0
import PackageDescription

// The libFuzzer harness for Baton's BPMN reader. A package of its own, so the main package never builds with
// sanitizers. Build and run it with `scripts/fuzz` (see docs/fuzzing.md).
let package = Package(
    name: "BatonFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Baton", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "BPMNParserFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "BPMN", package: "Baton")]
        ),
    ]
)
