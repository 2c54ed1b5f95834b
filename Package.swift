// swift-tools-version: 6.0
//
// rnnbook: a notebook-style REPL for recurrent neural networks.
//
// Folders under `Plugins/` are ordinary library targets (given an explicit
// `path:`), not SwiftPM package plugins. Every cell, encoding and optimizer is
// one of them, and the core (`RNNKit`, `Notebook`) knows none by name.
import PackageDescription

/// Cell plugins: folder `Plugins/Cells/<Name>`, module `<Name>Cell`.
/// Add a cell: make the folder, add its name here, add its plugin type to
/// `Sources/BuiltinPlugins/PluginList.swift`.
let cellPlugins = ["Elman", "LSTM", "GRU", "Jordan", "MGU", "FeedForward"]

/// Encoding plugins: folder `Plugins/Encodings/<Name>`, module `<Name>Encoding`.
let encodingPlugins = ["OneHot", "Other", "LetterHash"]

/// Optimizer plugins: folder `Plugins/Optimizers/<Name>`, module `<Name>Optimizer`.
let optimizerPlugins = ["SGD", "Adagrad", "RMSprop", "Adam"]

/// Model plugins (kinds of model other than a recurrent network, built by `net NAME`): folder
/// `Plugins/Models/<Name>`, module `<Name>Model`.
let modelPlugins = ["HMM", "Seq2Seq"]

let pluginTargets: [(module: String, path: String)] =
    cellPlugins.map { ("\($0)Cell", "Plugins/Cells/\($0)") }
    + encodingPlugins.map { ("\($0)Encoding", "Plugins/Encodings/\($0)") }
    + optimizerPlugins.map { ("\($0)Optimizer", "Plugins/Optimizers/\($0)") }
    + modelPlugins.map { ("\($0)Model", "Plugins/Models/\($0)") }

/// The numeric code is optimised even in debug builds: the tape's
/// elementwise loops are 10-50x slower unoptimised, which would make the REPL
/// (`swift run`) and the training tests crawl. Debugging the numbers
/// themselves is rare; remove this line to step through them.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let pluginDependencies: [Target.Dependency] = pluginTargets.map { .target(name: $0.module) }

let package = Package(
    name: "rnnbook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rnnbook", targets: ["rnnbook"]),
        .library(name: "RNNKit", targets: ["RNNKit"]),
        .library(name: "BuiltinPlugins", targets: ["BuiltinPlugins"]),
        // What the libFuzzer targets in Fuzz/ run (scripts/fuzz); the tests replay its corpus with it.
        .library(name: "FuzzHarness", targets: ["FuzzHarness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SHA-256 of data files named in a saved state (`save state`), so a changed file is noticed.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]),
        .target(name: "RNNKit", dependencies: ["CBLAS", "CKernels", "CSmallGemm"], swiftSettings: optimised),
        // The fused path's vectorised exp/tanh/sigmoid, built per instruction set (see README "Performance").
        // libxsmm's JIT kernels for the fused path's per-step products (see README "Performance").
        .target(name: "CSmallGemm", path: "Sources/CSmallGemm", linkerSettings: [.linkedLibrary("xsmm"), .linkedLibrary("dl"), .linkedLibrary("rt")]),
        .target(name: "CKernels", path: "Sources/CKernels", cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])]),
        .target(name: "Notebook", dependencies: ["RNNKit", "CFileSystem", .product(name: "Crypto", package: "swift-crypto")]),
        // O_TMPFILE (a C macro Swift does not import) for saves that leave nothing behind when killed.
        .target(name: "CFileSystem", path: "Sources/CFileSystem"),
        // The one explicit list of plugins a build registers (used by the executable and the tests).
        .target(name: "BuiltinPlugins", dependencies: ["RNNKit"] + pluginDependencies),
        .executableTarget(
            name: "rnnbook",
            dependencies: [
                "RNNKit", "Notebook", "CEditLine", "BuiltinPlugins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "RNNKitTests", dependencies: ["RNNKit", "CellTesting"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "RNNKit", "BuiltinPlugins", "CellTesting", "FuzzHarness"], exclude: ["Golden"]),
        // Byte and grammar fuzz inputs run on a small session (no libFuzzer here: Fuzz/ links it).
        .target(name: "FuzzHarness", dependencies: ["Notebook", "RNNKit", "BuiltinPlugins"]),
        // Checks every cell plugin must pass; a user's cell gets them with one test line.
        .target(name: "CellTesting", dependencies: ["RNNKit"]),
        .testTarget(name: "CellTests", dependencies: ["RNNKit", "CellTesting", "BuiltinPlugins"] + pluginDependencies),
        .testTarget(name: "TrainingTests", dependencies: ["RNNKit", "BuiltinPlugins", "CellTesting"] + pluginDependencies),
        .testTarget(name: "DataTests", dependencies: ["RNNKit", "BuiltinPlugins", "CellTesting"] + pluginDependencies),
    ] + pluginTargets.map { .target(name: $0.module, dependencies: ["RNNKit"], path: $0.path, swiftSettings: optimised) },
    swiftLanguageModes: [.v6]
)
