// swift-tools-version: 6.0
// Benchmarks live in their own package so their build stays out of the main
// one (as apple/swift-collections does). Run: swift run -c release --package-path Benchmarks rnnbench
import PackageDescription

let package = Package(
    name: "rnnbook-benchmarks",
    // Named, so the dependency resolves whatever folder the checkout is in.
    dependencies: [.package(name: "rnnbook", path: "..")],
    targets: [
        .executableTarget(
            name: "rnnbench",
            dependencies: [
                .product(name: "RNNKit", package: "rnnbook"),
                .product(name: "BuiltinPlugins", package: "rnnbook"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
