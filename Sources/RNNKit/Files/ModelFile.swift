import Foundation

/// A network's weights as a safetensors file with PyTorch's names and gate
/// order, so `torch.nn.LSTM(...).load_state_dict(safetensors.torch.load_file(F), strict=False)`
/// reads the recurrent weights. The metadata records the `net` command that
/// rebuilds the network, a format tag and a version.
public enum ModelFile {
    public static let format = "rnnbook-model"
    public static let version = "1"

    /// The file's contents for `network`.
    public static func contents(of network: Network) -> SafeTensors.Contents {
        var tensors: [String: SafeTensors.Tensor] = [:]
        for (name, p) in network.namedParameters {
            tensors[name] = SafeTensors.Tensor(shape: p.shape, values: p.value.data)
        }
        return SafeTensors.Contents(tensors: tensors, metadata: [
            "format": format, "version": version, "net": network.command, "cell": network.config.cell,
            // Whether PyTorch computes the same with these weights: never hand it weights that mean something else.
            "pytorch": network.pytorchModules ?? "none",
        ])
    }

    /// Why weights do not fit a network, as one actionable line.
    public struct MismatchError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Copies the file's tensors into `network`, all or nothing: every
    /// parameter must be present with its shape (extra tensors are refused too).
    public static func load(_ contents: SafeTensors.Contents, into network: Network) throws(MismatchError) {
        // Metadata and tensor names come from the file: quoted so a message stays one line.
        let rebuild = contents.metadata["net"].map { " (the file was saved from \($0.quotedForMessage()))" }
            ?? contents.metadata["cell"].flatMap { $0 == network.config.cell ? nil : " (the file is for a \($0.quotedForMessage()) net)" } ?? ""
        for (name, p) in network.namedParameters {
            guard let t = contents.tensors[name] else {
                throw MismatchError(description: "the file has no tensor \(name)\(rebuild)")
            }
            guard t.shape == p.shape else {
                throw MismatchError(description: "the file's \(name) is \(t.shape) but the net's is \(p.shape)\(rebuild)")
            }
            guard t.values.allSatisfy(\.isFinite) else {
                throw MismatchError(description: "the file's \(name) holds NaN or infinite values")
            }
        }
        let known = Set(network.namedParameters.map(\.name))
        if let extra = contents.tensors.keys.sorted().first(where: { !known.contains($0) }) {
            throw MismatchError(description: "the file has a tensor \(extra.quotedForMessage()) that the net does not\(rebuild)")
        }
        for (name, p) in network.namedParameters {
            if let t = contents.tensors[name] { p.value = Matrix(rows: p.value.rows, cols: p.value.cols, data: t.values) }
        }
    }
}
