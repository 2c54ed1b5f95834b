import RNNKit

/// `train [epochs=N] [opt=NAME] [lr=X] [clip=X|clipvalue=X] [batch=N] [bptt=N]`.
struct TrainCommand: Command {
    let name = "train"
    let synopsis = "train [epochs=N] [opt=NAME] [lr=X] [clip=X | clipvalue=X] [batch=N] [bptt=N] [reset] [partial=K]"
    let summary = "train by backpropagation through time; Ctrl-C stops after the current batch, keeping the weights"
    let details = """
        The cost is the lecture's: cross-entropy at every time step, summed over time (averaged over the
        sentences of a batch); the loss shown is per word (per character for text).
        epochs=10  batch=16 sentences (text: parallel streams)  bptt=35 steps per chunk for text, state carried over
        opt=NAME   switch optimizer (see `optimizer`), with its own defaults; with none chosen yet, adam lr=0.01.
        lr=X       the learning rate; on the current optimizer it keeps the state (momenta).
        clip=X     clip gradients by global norm (as torch.nn.utils.clip_grad_norm_); clipvalue=X clamps each element
        reset      forget the optimizer's state first
        partial=K  the last epoch stops after batch K (0: before its first; no validation for it), as Ctrl-C left it
        A model trained by counting (`net hmm`) is trained by `train` alone: one pass sets its tables, no epochs.
        Cells with a fused kernel (the built-in recurrent ones, in their PyTorch configurations) train, eval,
        predict and sample on a fused whole-sequence path on both cores, equal to stepping them on the tape
        (README "Performance").
        Ctrl-C stops after the current batch (on the tape, midway through it, which then changes nothing) and
        keeps the weights. The transcript then records what ran, not
        what was asked: stopped in epoch E (of this call) after batch K, `train epochs=20` is saved as
        `train epochs=E partial=K` (other options kept), so `save session` then `rnnbook check` retrains
        E-1 whole epochs and K batches of the next, from the same shuffles, to the same weights.
        A loss or gradient that becomes NaN or infinite stops training and restores the last good weights.
        At the prompt each epoch's line ends with its time and `done` with the total (`done  (in 2.51 s)`);
        notebooks record the lines without times (`time train …` records the total as a `#>~` line).
        """
    static let epochs = Option("epochs", int: 1...1_000_000, default: 10, help: "passes over the training data")
    static let lr = Option("lr", number: 0...100, help: "learning rate")
    static let clip = Option("clip", number: 1e-12...1e12, help: "clip by global gradient norm")
    static let clipValue = Option("clipvalue", number: 1e-12...1e12, help: "clip each gradient element to ±X")
    static let batch = Option("batch", int: 1...4096, default: 16, help: "sentences per batch (text: streams)")
    static let bptt = Option("bptt", int: 1...100_000, default: 35, help: "truncated BPTT chunk length (text)")
    static let reset = Option("reset", flag: false, help: "reset the optimizer's state first")
    static let partial = Option("partial", int: 0...1_000_000_000, help: "stop the last epoch after batch K, 0 before its first (what Ctrl-C leaves)")
    /// `opt=`: its choices are the registered optimizers (see `specs(_:)`).
    static let optKey = "opt"
    static let specs = [epochs.spec, OptionSpec(optKey, choices: [], default: "", help: "optimizer to switch to"), lr.spec,
                        clip.spec, clipValue.spec, batch.spec, bptt.spec, reset.spec, partial.spec]

    func specs(_ session: Session) -> [OptionSpec] {
        Self.specs.map { $0.key == Self.optKey ? OptionSpec(Self.optKey, choices: session.registry.optimizers.map(\.name), default: "adam", help: $0.help) : $0 }
    }

    func run(_ line: ParsedLine, in session: Session) throws(CommandError) -> CommandResult {
        if let counted = session.model as? any CountTrainable, !(counted is any GradientTrainable) {
            return try trainByCounting(counted, line: line, session: session)
        }
        let net = try session.require((any GradientTrainable).self, as: "a model trained by gradient", at: line.commandRange)
        let options = try line.options(line.arguments[...], specs: specs(session), context: "train")
        if options[Self.clip] != nil && options[Self.clipValue] != nil {
            let second = line.arguments.last { if case .option("clip", _, _, _) = $0 { return true }
                if case .option("clipvalue", _, _, _) = $0 { return true }
                return false }
            throw CommandError("choose one kind of clipping: clip= (global norm) or clipvalue= (each element)", at: second?.range ?? line.commandRange)
        }
        let data = try TrainingData(session: session, model: net, at: line.commandRange)
        let choice = try optimizer(options, line: line, session: session)
        let clipping: GradientClipping = options[Self.clip].map { .norm($0) } ?? options[Self.clipValue].map { .value($0) } ?? .none
        let training = TrainingOptions(epochs: options[Self.epochs], batchSize: options[Self.batch], bptt: options[Self.bptt],
                                       clipping: clipping)
        session.optimizerChoice = choice
        session.evaluationShape = (training.batchSize, training.bptt)
        if options[Self.reset] { choice.optimizer.reset() }
        let trainer = Trainer(model: net, optimizer: choice.optimizer, options: training)
        var rng: SeededGenerator? = session.rng
        let validation = { () -> [Batch] in var none: SeededGenerator? = nil; return data.batches(data.validation, size: training.batchSize, bptt: training.bptt, shuffle: &none) }()
        let firstEpoch = session.lossHistory.count
        var lines = ["training \(net.summaryLine.components(separatedBy: "  #")[0]) with \(describe(choice))"
            + (clipping == .none ? "" : ", \(clipping.description)")]
        // At the prompt the header and each epoch's line appear as they happen, above the progress line,
        // each epoch's line and `done` with the time they took (`clock`); the transcript keeps them without.
        var shownLive = 0
        let clock = LiveTiming(shown: session.liveOutput != nil)
        func flushLive() {
            guard let live = session.liveOutput else { return }
            lines.indices[shownLive...].forEach { live(clock.decorate(lines[$0], at: $0)) }
            shownLive = lines.count
        }
        flushLive()
        // A cell plugin's mistake stops training with an error: the session goes back to how it was.
        let before = SessionSnapshot(session)
        // Where training is (epoch of this call, batch), for `partial=`; and whether Ctrl-C stopped it.
        let partial = options[Self.partial]
        var at = (epoch: 1, batch: 0)
        var stoppedByUser = false
        let outcome = Result { () throws(CellError) in try trainer.train(
            makeBatches: { data.batches(data.train, size: training.batchSize, bptt: training.bptt, shuffle: &rng) },
            layout: data.layout, validation: validation,
            isCancelled: {
                if session.isCancelled() { stoppedByUser = true; return true }
                return partial.map { at.epoch == training.epochs && at.batch == $0 } ?? false
            },
            // Epochs are counted over the session, as the epoch lines and the stop line count them.
            progress: { var p = $0; at = (p.epoch, p.batch); p.epoch += firstEpoch; p.epochs += firstEpoch; session.progress?(p) },
            epochDone: { report in
                at = (report.epoch + 1, 0)
                var r = report
                r.epoch += firstEpoch
                session.lossHistory.append(r)
                lines.append(epochLine(r, of: firstEpoch + training.epochs, format: session.format))
                clock.lap(line: lines.count - 1)
                flushLive()
            }) }
        guard case .success(let stop) = outcome else {
            before.restore(session)
            if case .failure(let error) = outcome { throw CommandError(error.message, at: line.commandRange) }
            return CommandResult()
        }
        if let r = rng { session.rng = r }
        session.lastStepGradientNorms = trainer.lastStepGradientNorms
        session.lastTrainingStop = stop
        session.resetMemory()
        let gradient = gradientLine(trainer.lastStepGradientNorms, format: session.format)
        if case .interrupted(let epoch, let batch) = stop, stoppedByUser {
            // Record what ran, so the notebook replays to these weights (see `details`).
            let replay = TrainReplay(line: line, epochs: epoch, partial: batch)
            lines.append(stopLine(stop, firstEpoch: firstEpoch))
            clock.total(line: lines.count - 1)
            if let gradient { lines.append(gradient) }
            lines.append("recorded as `\(replay.command)`, which replays to these weights")
            var result = CommandResult(lines.indices[shownLive...].map { clock.decorate(lines[$0], at: $0) })
            result.transcriptInput = replay.input
            let reports = session.lossHistory[firstEpoch...]
            result.transcriptLines = [lines[0]] + reports.map { epochLine($0, of: firstEpoch + epoch, format: session.format) }
                + [partialLine(epoch: firstEpoch + epoch, batch: batch)] + (gradient.map { [$0] } ?? [])
            return result
        }
        if case .interrupted(let epoch, let batch) = stop {
            lines.append(partialLine(epoch: firstEpoch + epoch, batch: batch))
        } else {
            lines.append(stopLine(stop, firstEpoch: firstEpoch))
        }
        clock.total(line: lines.count - 1)
        if let gradient { lines.append(gradient) }
        var result = CommandResult(lines.indices[shownLive...].map { clock.decorate(lines[$0], at: $0) })
        result.transcriptLines = lines
        return result
    }

    /// The stop line of `partial=K`, also what an interrupted run's transcript shows.
    private func partialLine(epoch: Int, batch: Int) -> String {
        (batch == 0 ? "stopped before the first batch of epoch \(epoch)" : "stopped after batch \(batch) of epoch \(epoch)")
            + " (partial=\(batch)): the weights so far are kept"
    }

    /// The optimizer to use: `opt=` switches, `lr=` adjusts the current one (keeping its state).
    private func optimizer(_ options: Options, line: ParsedLine, session: Session) throws(CommandError) -> OptimizerChoice {
        let requested = line.arguments.contains { if case .option("opt", _, _, _) = $0 { return true } else { return false } }
            ? options.choice(Self.optKey) : nil
        let lr = options[Self.lr]
        if let current = session.optimizerChoice, requested == nil || requested == current.descriptor.name {
            if let lr { current.optimizer.learningRate = lr }
            return current
        }
        // `opt=NAME` alone takes that optimizer's own defaults (as torch.optim); with no optimizer at all, adam lr=0.01.
        let name = requested ?? "adam"
        let range = line.arguments.first { if case .option("opt", _, _, _) = $0 { return true } else { return false } }?.range ?? line.commandRange
        let rate = lr ?? (requested == nil ? 0.01 : nil)
        let lrArgument: [Argument] = rate.map { [.option(key: "lr", keyRange: range, value: .number($0), valueRange: range)] } ?? []
        return try makeOptimizer(name, range: range, options: lrArgument[...], line: line, session: session)
    }

    /// `‖∂L/∂h_t‖ in the last batch: t=1 2e-09, t=25 3e-05, t=50 0.4` — how much
    /// of the error signal reaches each step back in time (first layer).
    private func gradientLine(_ norms: [Double], format: NumberFormat) -> String? {
        guard norms.count >= 2 else { return nil }
        let picks = Array(Set([0, norms.count / 2, norms.count - 1])).sorted()
        return "‖∂L/∂h_t‖ in the last batch: " + picks.map { "t=\($0 + 1) \(format.format(norms[$0]))" }.joined(separator: ", ")
    }

    private func epochLine(_ r: EpochReport, of total: Int, format: NumberFormat) -> String {
        "epoch \(r.epoch)/\(total)  loss \(format.format(r.trainLoss))" + (r.validLoss.map { "  valid \(format.format($0))" } ?? "")
    }

    private func stopLine(_ stop: TrainingStop, firstEpoch: Int) -> String {
        switch stop {
        case .finished: return "done"
        case .interrupted(let epoch, let batch) where batch == 0:
            return "interrupted (Ctrl-C) in epoch \(firstEpoch + epoch) before its first batch: the weights so far are kept"
        case .interrupted(let epoch, let batch):
            return "interrupted (Ctrl-C) in epoch \(firstEpoch + epoch) after batch \(batch): the weights so far are kept"
        case .nonFinite(let epoch, let batch, let what):
            return "stopped: the \(what.rawValue) became NaN or infinite in epoch \(firstEpoch + epoch), batch \(batch); restored the last good weights and reset the optimizer (try a smaller lr= or clip=)"
        case .optimizerRefused(let epoch, let batch, let error):
            return "stopped: \(error.message) in epoch \(firstEpoch + epoch), batch \(batch); that batch changed nothing"
        }
    }

    func completions(after words: [String], in session: Session) -> [String] {
        specs(session).map { $0.kind == .flag ? $0.key : $0.key + "=" }
    }

    func optionSpecs(after words: [String], in session: Session) -> [OptionSpec] { specs(session) }
}
