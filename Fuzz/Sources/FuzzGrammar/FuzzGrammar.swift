import FuzzHarness

import Foundation

/// The scratch folder this process's inputs run in (one per process: `-fork`/`-jobs` workers do not share it).
let folder = FuzzSession.makeFolder("rnnbook-fuzz-grammar")
/// `FUZZ_ECHO=1` prints each generated line to stderr (`scripts/fuzz show`).
let echo = getenv("FUZZ_ECHO") != nil

/// libFuzzer's entry point: one input, decoded into command sequences and files, run on a fresh small session.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let slowest = GrammarTarget.run(Array(UnsafeBufferPointer(start: data, count: size)), in: folder,
                      echo: echo ? { FileHandle.standardError.write(Data("> \($0)\n".utf8)) } : nil)
    precondition(slowest.seconds <= FuzzSession.cpuLimit, "hang: `\(slowest.line)` took \(slowest.seconds) s of CPU")
    return 0
}
