import Foundation
import Notebook
import RNNKit
import Testing

/// PyTorch's own files: a module's state dict (`rnn.` prefix, its `out`),
/// a bare `nn.LSTM` into a net with an output layer, and `torch.save` files.
@Suite struct PyTorchStateDictTests {
    let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-torch-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// The tensors of `net lstm in=3 hidden=4 out=2`, renamed.
    func file(_ name: String, rename: (String) -> String?) throws -> String {
        let s = makeSession()
        run(s, "seed 5", "net lstm in=3 hidden=4 out=2")
        let contents = ModelFile.contents(of: try #require(s.network))
        var tensors: [String: SafeTensors.Tensor] = [:]
        for (key, t) in contents.tensors { if let renamed = rename(key) { tensors[renamed] = t } }
        let path = folder.appendingPathComponent(name).path
        try SafeTensors.encode(SafeTensors.Contents(tensors: tensors)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aModulesStateDictLoadsStrictlyWithItsPrefix() throws {
        let path = try file("module.safetensors") { $0.hasPrefix("out.") ? $0 : "rnn." + $0 }
        let s = makeSession()
        run(s, "net lstm in=3 hidden=4 out=2")
        let refused = try #require(s.execute("load model \(path)").error?.message)
        #expect(refused.contains("no tensor weight_ih_l0; no tensor weight_hh_l0") && refused.contains("loads with prefix=NAME."))
        #expect(run(s, "load model \(path) prefix=rnn.").last?.hasPrefix("loaded 154 parameters") == true)
    }

    @Test func aBareRecurrentStateDictLoadsPartiallyAndSaysWhatKeptItsValue() throws {
        let path = try file("bare.safetensors") { $0.hasPrefix("out.") ? nil : $0 }
        let s = makeSession()
        run(s, "net lstm in=3 hidden=4 out=2")
        #expect(s.execute("load model \(path)").error?.message.hasSuffix("no tensor out.weight; no tensor out.bias (partial keeps what the file lacks)") == true)
        #expect(run(s, "load model \(path) partial").last == "kept as they were (partial): out.weight, out.bias")
    }

    @Test func everyMismatchIsListedAtOnce() throws {
        let path = try file("other.safetensors") { $0 == "bias_hh_l0" ? nil : $0 }
        let s = makeSession()
        run(s, "net lstm in=3 hidden=5 out=2")
        let message = try #require(s.execute("load model \(path)").error?.message)
        #expect(message.contains("weight_ih_l0 is [16, 3], the net's is [20, 3]; weight_hh_l0 is [16, 4], the net's is [20, 5]"))
        #expect(message.contains("no tensor bias_hh_l0"))
    }

    @Test(arguments: [([UInt8]([0x50, 0x4B, 0x03, 0x04, 0, 0]), "zip"), ([0x80, 0x02, 0x8A, 0x0A], "pickle")])
    func aTorchSaveFileSaysWhatItIsAndHowToConvertIt(bytes: [UInt8], kind: String) throws {
        let path = folder.appendingPathComponent("model.pt").path
        try Data(bytes + [UInt8](repeating: 0, count: 64)).write(to: URL(fileURLWithPath: path))
        let message = makeSession().execute("load model \(path)").error?.message
        #expect(message == "\(path) is a PyTorch \(kind) file (torch.save), which rnnbook does not read: in Python, "
                + "safetensors.torch.save_file(model.state_dict(), 'model.safetensors'), then load model model.safetensors")
    }
}
