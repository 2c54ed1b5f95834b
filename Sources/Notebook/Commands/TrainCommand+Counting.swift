import RNNKit

extension TrainCommand {
    /// `train` on a model trained by counting (an HMM): one pass over the
    /// training part sets its tables. It takes no options — epochs, learning
    /// rates and batches do not apply — and says so for the first one given.
    func trainByCounting(_ model: any CountTrainable, line: ParsedLine, session: Session) throws(CommandError) -> CommandResult {
        if let option = line.arguments.first {
            let name: String
            if case .option(let key, _, _, _) = option { name = key } else { name = "an argument" }
            throw CommandError("\(name) does not apply: \(model.command.split(separator: " ").dropFirst().first ?? "this model") is trained by counting, "
                               + "in one pass over the data (type `train` alone)", at: option.range)
        }
        let data = try TrainingData(session: session, model: model, at: line.commandRange)
        let lines = try networkCall(at: line.commandRange) { () throws(CellError) in try model.count(data.train) }
        session.lastTrainingStop = .finished
        session.resetMemory()
        return CommandResult(["counting \(model.summaryLine.components(separatedBy: "  #")[0])"] + lines + ["done"])
    }
}
