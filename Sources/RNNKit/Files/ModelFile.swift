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

    /// The file's contents for any model: its parameters by name and the
    /// `net` line that rebuilds it (a recurrent network's as above). No
    /// PyTorch module computes a model other than a network: `pytorch=none`.
    public static func contents(of model: any Model) -> SafeTensors.Contents {
        if let network = model as? Network { return contents(of: network) }
        var tensors: [String: SafeTensors.Tensor] = [:]
        for (name, p) in model.namedParameters {
            tensors[name] = SafeTensors.Tensor(shape: p.shape, values: p.value.data)
        }
        return SafeTensors.Contents(tensors: tensors, metadata: ["format": format, "version": version, "net": model.command, "pytorch": "none"])
    }

    /// Why weights do not fit a network, as one actionable line.
    public struct MismatchError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// How a state dict's names map onto the net's (`load model F prefix=rnn. partial`).
    public struct LoadOptions: Sendable {
        /// Stripped from the file's tensor names (`rnn.` for a module's `rnn.weight_ih_l0`);
        /// tensors without it keep their names (a module's own `out.weight` is the net's).
        public var prefix: String
        /// Parameters the file lacks keep their values, and its other tensors are ignored,
        /// instead of refusing the file (a bare `nn.LSTM` into a net with `out=`).
        public var partial: Bool

        public init(prefix: String = "", partial: Bool = false) {
            self.prefix = prefix
            self.partial = partial
        }
    }

    /// Copies the file's tensors into `network`, all or nothing: every
    /// parameter must be present with its shape and finite values, and every
    /// tensor must be a parameter — unless `options.partial`. Every mismatch
    /// is listed at once. Returns the parameters left as they were (partial).
    @discardableResult
    public static func load(_ contents: SafeTensors.Contents, into network: any Model,
                            options: LoadOptions = LoadOptions()) throws(MismatchError) -> [String] {
        // Metadata and tensor names come from the file: quoted so a message stays one line.
        let rebuild = contents.metadata["net"].map { " (the file was saved from \($0.quotedForMessage()))" }
            ?? contents.metadata["cell"].flatMap { $0 == (network as? Network)?.config.cell ? nil : " (the file is for a \($0.quotedForMessage()) net)" } ?? ""
        var tensors: [String: SafeTensors.Tensor] = [:]
        for (name, t) in contents.tensors {
            let stripped = !options.prefix.isEmpty && name.hasPrefix(options.prefix) ? String(name.dropFirst(options.prefix.count)) : name
            if tensors[stripped] != nil {
                throw MismatchError(description: "two tensors are both \(stripped.quotedForMessage()) once \(options.prefix.quotedForMessage()) is stripped")
            }
            tensors[stripped] = t
        }
        /// The name as the file has it, for messages.
        func filed(_ name: String) -> String { contents.tensors[name] != nil ? name : options.prefix + name }
        var problems: [String] = [], untouched: [String] = []
        for (name, p) in network.namedParameters {
            guard let t = tensors[name] else {
                if options.partial { untouched.append(name) } else { problems.append("no tensor \(name)") }
                continue
            }
            if t.shape != p.shape { problems.append("\(filed(name)) is \(t.shape), the net's is \(p.shape)") }
            else if !t.values.allSatisfy(\.isFinite) { problems.append("\(filed(name)) holds NaN or infinite values") }
        }
        let known = Set(network.namedParameters.map(\.name))
        let extra = tensors.keys.filter { !known.contains($0) }.sorted().map(filed)
        if !options.partial, !extra.isEmpty {
            let shown = extra.prefix(5).map { $0.quotedForMessage() }.joined(separator: ", ") + (extra.count > 5 ? ", …" : "")
            problems.append("\(extra.count) tensor\(extra.count == 1 ? "" : "s") the net does not have (\(shown))"
                            + (options.prefix.isEmpty && extra.contains(where: { $0.contains(".") }) ? "; a module's state dict loads with prefix=NAME." : "")
                            + "; partial ignores them")
        }
        guard problems.isEmpty else {
            let shown = problems.prefix(6).joined(separator: "; ") + (problems.count > 6 ? "; and \(problems.count - 6) more" : "")
            let hint = problems.contains(where: { $0.hasPrefix("no tensor") }) && !options.partial ? " (partial keeps what the file lacks)" : ""
            throw MismatchError(description: "does not fit this net: \(shown)\(hint)\(rebuild)")
        }
        for (name, p) in network.namedParameters {
            if let t = tensors[name] { p.value = Matrix(rows: p.value.rows, cols: p.value.cols, data: t.values) }
        }
        return untouched
    }
}
