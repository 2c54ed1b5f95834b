import Foundation
import Testing
import Notebook
import RNNKit

/// A model file is data: whatever its metadata says, `load model` runs no
/// command, writes no file, does not recurse or trap, changes nothing when
/// it refuses, and says why in one line.

/// A fresh folder for one test, removed afterwards by the caller.
private func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-hostile-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Every file below `folder` with its size and modification time.
private func listing(_ folder: String) -> [String] {
    let fm = FileManager.default
    return (fm.subpaths(atPath: folder) ?? []).sorted().map { name in
        let attributes = (try? fm.attributesOfItem(atPath: (folder as NSString).appendingPathComponent(name))) ?? [:]
        return "\(name) \(attributes[.size] ?? "-") \(attributes[.modificationDate] ?? "-")"
    }
}

/// What a session holds, to show a refused `load model` changed nothing.
private func state(_ s: Session) -> [String] {
    var rng = s.rng
    return ["transcript \(s.transcript.map(\.input))", "seed \(s.seed) rng \(rng.next())",
            "net \(s.network?.command ?? "none")", "weights \(s.network?.namedParameters.map(\.parameter.value.data) ?? [])",
            "vocabulary \(s.vocabulary.words)", "encoding \(s.encodingChoice?.descriptor.name ?? "none")",
            "data \(s.data?.summary ?? "none")"]
}

/// The weights of `net elman in=2 hidden=2` with `metadata`, written to `path`.
private func writeModel(_ path: String, metadata: [String: String]) throws {
    let session = makeSession()
    run(session, "net elman in=2 hidden=2")
    var contents = ModelFile.contents(of: try #require(session.network))
    contents.metadata = metadata
    try SafeTensors.encode(contents).write(to: URL(fileURLWithPath: path))
}

/// Network descriptions that are anything but a network description.
private let hostileNetDescriptions: [String] = [
    "save session written.rnn", "save session {DIR}/written.rnn", "save model {DIR}/written.safetensors",
    "export {DIR}/written.html", "export written.md", "data save {DIR}/written.txt", "plot loss to {DIR}/written.svg",
    "load session {DIR}/other.rnn", "replay {DIR}/other.rnn", "load model {DIR}/model.safetensors",
    "quit", "exit", "", "   ", "# hi", ";", "net elman in=2 hidden=2;", "help",
    "net elman in=2 hidden=2\nsave session written.rnn", "net elman in=2 hidden=2 # then\rsave session written.rnn",
    "net", "net nosuch in=2", "net elman hidden=2", "net elman in=auto hidden=2", "net elman in=2 hidden=0",
    "net elman in=2 hidden=2 act=[1, 2]", "net elman in=2 hidden=2 " + String(repeating: "[", count: 30_000),
    "net elman in=2 hidden=2 bogus=1", "net elman in=2 hidden=2 \"unterminated", "NET elman in=2 hidden=2",
    "net elman in=1000000 hidden=100000 layers=64", String(repeating: "net elman in=2 ", count: 200),
]

@Test(arguments: hostileNetDescriptions)
func aModelFileNeverRunsItsNetworkDescription(description: String) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = (folder as NSString).appendingPathComponent("model.safetensors")
    // A notebook that would write a file if it were ever run.
    try "save session \(folder)/written-by-other.rnn\n".write(toFile: folder + "/other.rnn", atomically: true, encoding: .utf8)
    try writeModel(model, metadata: ["format": ModelFile.format, "version": ModelFile.version,
                                     "net": description.replacingOccurrences(of: "{DIR}", with: folder)])
    let session = makeSession()
    session.baseDirectory = folder
    run(session, "seed 5", "net gru in=3 hidden=2", "vocab a b")
    let (before, disk) = (state(session), listing(folder))
    let outcome = session.execute("load model \(model)")
    let error = try #require(outcome.error, "accepted: \(description.prefix(60))")
    #expect(error.message.hasPrefix("cannot load \(model): its network description"), "\(error.message)")
    #expect(!error.message.contains("\n") && !error.message.contains("\r"))
    #expect(outcome.output.count == 3 && outcome.output[0] == "error: " + error.message)
    #expect(error.message.count < 400)
    #expect(state(session) == before)
    #expect(listing(folder) == disk)
}

/// The other metadata `load model` reads: the vocabulary, tags, encoding and characters.
@Test(arguments: [
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"a\"]", "encoding": "save session {DIR}/written.rnn"],
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"a\"]", "encoding": "other\nsave session {DIR}/written.rnn"],
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"a\"]", "encoding": "other; save session {DIR}/written.rnn"],
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"a\"]", "encoding": "# hi"],
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"a\"]", "encoding": ""],
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"a\"]", "encoding": "letter-hash dim=-1"],
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"a\"]", "encoding": "nosuch"],
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"a\"]", "encoding": "one-hot [[[["],
    ["tags": "save session {DIR}/written.rnn", "vocabulary": "[\"a\"]"],
    ["tags": "[\"O\", \"O\"]", "vocabulary": "[\"a\"]"],
    ["tags": "[\"O\", \"a\\nb\"]", "vocabulary": "[\"a\"]"],
    ["tags": "[]", "vocabulary": "[\"a\"]"],
    ["tags": "[\"O\", 3]", "vocabulary": "[\"a\"]"],
    ["tags": "[\"O\", \"dest\"]", "vocabulary": "[\"\"]"],
    ["tags": "[\"O\", \"dest\"]"],
    ["vocabulary": "[\"a\"]"],
    ["characters": "[\"ab\"]"],
    ["characters": "[\"a\", \"a\"]"],
    ["characters": "{\"a\": 1}"],
])
func aModelFileNeverRunsOrTrustsItsOtherMetadata(extra: [String: String]) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = (folder as NSString).appendingPathComponent("model.safetensors")
    var metadata = ["format": ModelFile.format, "version": ModelFile.version, "net": "net elman in=2 hidden=2"]
    for (key, value) in extra { metadata[key] = value.replacingOccurrences(of: "{DIR}", with: folder) }
    try writeModel(model, metadata: metadata)
    let session = makeSession()
    session.baseDirectory = folder
    run(session, "seed 5", "net gru in=3 hidden=2")
    let (before, disk) = (state(session), listing(folder))
    let outcome = session.execute("load model \(model)")
    let error = try #require(outcome.error, "accepted: \(extra)")
    #expect(error.message.hasPrefix("cannot load \(model): its "), "\(error.message)")
    #expect(!error.message.contains("\n"))
    #expect(state(session) == before)
    #expect(listing(folder) == disk)
}

/// A refused command inside a refused load no longer traps on putting the transcript back.
@Test func aRefusedLoadPutsBackAnEmptyTranscript() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let model = (folder as NSString).appendingPathComponent("m.safetensors")
    for description in ["quit", "", "# hi"] {
        try writeModel(model, metadata: ["net": description])
        let session = makeSession()
        #expect(session.execute("load model \(model)").error != nil)
        #expect(session.transcript.isEmpty && session.network == nil)
    }
}
