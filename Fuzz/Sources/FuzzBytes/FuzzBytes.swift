import FuzzHarness
import Foundation

/// The scratch folder this process's inputs run in (one per process: `-fork`/`-jobs` workers do not share it).
let folder = FuzzSession.makeFolder("rnnbook-fuzz-bytes")

/// libFuzzer's entry point: one input, run as command lines on a fresh small session.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let slowest = ByteTarget.run(Array(UnsafeBufferPointer(start: data, count: size)), in: folder)
    precondition(slowest.seconds <= FuzzSession.cpuLimit, "hang: `\(slowest.line)` took \(slowest.seconds) s of CPU")
    return 0
}

/// `FUZZ_WRITE_DICT=PATH`: write the dictionary of the build's words to PATH and exit (`scripts/fuzz` does this first).
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    if let path = getenv("FUZZ_WRITE_DICT") {
        _ = FileManager.default.createFile(atPath: String(cString: path), contents: Data(FuzzDictionary.text().utf8))
        exit(0)
    }
    return 0
}
