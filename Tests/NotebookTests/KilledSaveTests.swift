import Foundation
import Notebook
import RNNKit
import Testing

/// `kill -9` at any moment of a save leaves the previous file intact and
/// loadable, and the temporary it was writing is swept by the next save.
@Test func aKilledSaveLeavesThePreviousFileIntact() throws {
    let folder = try scratchFolder("rnnbook-kill")
    defer { try? FileManager.default.removeItem(at: folder) }
    let target = folder.appendingPathComponent("big.safetensors").path
    let commands = ["-e", "seed 1", "-e", "net lstm in=300 hidden=500 out=10", "-e", "save model \(target) force",
                    "-e", "save state \(target).state force"]
    // A first, complete save: the file every killed save must leave as it is.
    let (code, _, err) = try rnnbook(commands)
    #expect(code == 0, "\(err)")
    let original = try Data(contentsOf: URL(fileURLWithPath: target))
    var rng = SeededGenerator(seed: 7)
    var killedWhileWriting = 0
    for _ in 0..<50 {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = commands
        process.environment = ProcessInfo.processInfo.environment.merging(["RNNBOOK_HISTORY": "/dev/null"]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(rng.index(below: 400_000)))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The target is the complete old file or the complete new one (the same bytes: the same seed).
        let now = try Data(contentsOf: URL(fileURLWithPath: target))
        #expect(now == original)
        #expect((try? SafeTensors.decode(now)) != nil)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        if names.contains(where: { $0.contains(".rnnbook-") }) { killedWhileWriting += 1 }
    }
    // The next save sweeps what killed ones left.
    #expect(try rnnbook(commands).0 == 0)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".rnnbook-") }
    #expect(left.isEmpty, "\(left)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == original)
    // Said so the reader knows the test really caught saves in the middle (not a guarantee: timing).
    print("killed \(killedWhileWriting) of 50 saves while a temporary existed")
}
