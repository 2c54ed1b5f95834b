import RNNKit

/// `load model FILE`: weights from a safetensors file into the current net,
/// rebuilding the net first when the file describes another. A model file
/// is data: its network description is validated as the options of `net`
/// and never run as a command, and so is everything else its metadata holds.
/// All or nothing: a refused file leaves the session, and the disk, as they were.
func loadModel(_ path: String, range: Range<Int>, session: Session,
               options: ModelFile.LoadOptions = ModelFile.LoadOptions()) throws(CommandError) -> CommandResult {
    let contents = try readModel(path, range: range, session: session)
    try session.refuseIfInterrupted(path, at: range)
    guard contents.metadata["format"] != StateFile.magic else {
        throw CommandError("\(path) is a state file (the whole session): `load state \(path)` resumes it", at: range)
    }
    var replacement: (any Model)? = nil
    if let description = contents.metadata["net"] {
        if let plugin = try storedModelPlugin(description, path: path, range: range, registry: session.registry) {
            if session.model?.command != plugin.command { replacement = plugin }
        } else {
            let (descriptor, config) = try storedNetwork(description, path: path, range: range, registry: session.registry)
            if session.network?.config != config {
                replacement = try NetCommand.build(config, descriptor: descriptor, at: range)
            }
        }
    }
    guard let net = replacement ?? session.model else {
        throw CommandError("build the net first: \(path) does not say which net it is for (no rnnbook metadata)", at: range)
    }
    // As `net` would, so the generator moves on the same and what follows replays alike.
    var generator = session.rng
    replacement?.initialize(.pytorch, rng: &generator)
    let snapshot = SessionSnapshot(session)
    let untouched: [String]
    do throws(ModelFile.MismatchError) { untouched = try ModelFile.load(contents, into: net, options: options) } catch {
        throw CommandError("\(path): \(error.description)", at: range)
    }
    if let replacement {
        session.rng = generator
        NetCommand.install(replacement, in: session)
    }
    var restored: [String] = []
    do throws(CommandError) { restored = try ModelContext.restore(contents.metadata, path: path, into: session, model: net) } catch {
        snapshot.restore(session)
        throw CommandError(error.message, at: range)
    }
    session.resetMemory()
    return CommandResult((replacement.map { ["rebuilt: \($0.command)"] } ?? []) + ["loaded \(net.parameterCount) parameters into \(net.summaryLine)"] + restored
        + (untouched.isEmpty ? [] : ["kept as they were (partial): " + untouched.joined(separator: ", ")]))
}

/// The file's tensors and metadata (a model or a state file), or one line saying why not. The file is
/// measured before it is read, and its header before the tensors.
func readModel(_ path: String, range: Range<Int>, session: Session) throws(CommandError) -> SafeTensors.Contents {
    let file: InputFile
    do throws(InputFileError) { file = try InputFile(path: session.resolve(path), limit: .modelFile) } catch {
        throw CommandError("cannot read \(shownPath(path)): \(error.reason)", at: range)
    }
    do throws(SafeTensors.FormatError) { return try SafeTensors.read(file) } catch {
        if let problem = error.unreadable { throw CommandError("cannot read \(shownPath(path)): \(problem.reason)", at: range) }
        if let kind = pytorchPickle(session.resolve(path)) {
            throw CommandError("\(path) is a PyTorch \(kind) file (torch.save), which rnnbook does not read: in Python, "
                               + "safetensors.torch.save_file(model.state_dict(), 'model.safetensors'), then load model model.safetensors", at: range)
        }
        throw CommandError("\(path): \(error.description)", at: range)
    }
}

/// The model plugin a file's `net` metadata describes (`net hmm in=112 out=7`),
/// built as `net` would build it; nil when it names a cell. Never run as a command.
func storedModelPlugin(_ description: String, path: String, range: Range<Int>, registry: Registry)
    throws(CommandError) -> (any Model)? {
    guard let line = try? StoredDescription.parse(description), line.command == "net" else { return nil }
    do throws(CommandError) {
        return try NetCommand.buildModelPlugin(line, arguments: line.arguments[...], registry: registry, inputWidth: nil)
    } catch {
        throw CommandError("cannot load \(path): its model description \(description.quotedForMessage()) is refused: \(error.message)", at: range)
    }
}

/// The network a file's `net` metadata describes: `net`, a registered cell
/// and options that `net` itself would accept, with `in=` given.
func storedNetwork(_ description: String, path: String, range: Range<Int>, registry: Registry)
    throws(CommandError) -> (CellDescriptor, NetworkConfig) {
    let line: ParsedLine
    do throws(StoredDescription.Refusal) { line = try StoredDescription.parse(description) } catch {
        throw CommandError("cannot load \(path): its network description is not a net command: \(error.reason)", at: range)
    }
    guard line.command == "net", !line.arguments.isEmpty else {
        throw CommandError("cannot load \(path): its network description is not a net command: \(description.quotedForMessage())", at: range)
    }
    do throws(CommandError) {
        let (descriptor, config, _) = try NetCommand.configuration(line, arguments: line.arguments[...], registry: registry, inputWidth: nil)
        return (descriptor, config)
    } catch {
        throw CommandError("cannot load \(path): its network description \(description.quotedForMessage()) is refused: \(error.message)", at: range)
    }
}

/// `zip` or `pickle` when `path` starts as `torch.save` writes (a zip archive, or
/// an old-style pickle), else nil.
private func pytorchPickle(_ path: String) -> String? {
    guard let file = try? InputFile(path: path, limit: .modelFile), let head = try? file.read(upTo: 4), head.count >= 2 else { return nil }
    if head.count == 4, head == [0x50, 0x4B, 0x03, 0x04] { return "zip" }
    if head[0] == 0x80, (2...5).contains(head[1]) { return "pickle" }
    return nil
}
