// swift-tools-version: 6.0
// Benchmarks live in their own package so their build stays out of the main
// one (as apple/swift-collections does). Run: swift run -c release --package-path Benchmarks rnnbench
import PackageDescription

let package = Package(
    name: "rnnbook-benchmarks",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "rnnbench",
            dependencies: [
                .product(name: "RNNKit", package: "main"),
                .product(name: "BuiltinPlugins", package: "main"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
