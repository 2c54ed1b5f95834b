// swift-tools-version: 6.0
//
// libFuzzer targets for rnnbook, outside the main build: `scripts/fuzz`
// builds them with `-sanitize=fuzzer,address` and runs them. Each target is
// one function, `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
import PackageDescription

let package = Package(
    name: "rnnbook-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "rnnbook", path: "..")],
    targets: [
        // Arbitrary bytes as command lines.
        .executableTarget(name: "FuzzBytes", dependencies: [.product(name: "FuzzHarness", package: "rnnbook")]),
        // Bytes decoded into plausible command sequences and damaged files.
        .executableTarget(name: "FuzzGrammar", dependencies: [.product(name: "FuzzHarness", package: "rnnbook")]),
    ],
    swiftLanguageModes: [.v6]
)
