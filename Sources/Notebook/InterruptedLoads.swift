extension Session {
    /// Refuses what a load made if Ctrl-C came while it read (the flag stays
    /// set until the prompt takes it): the session keeps its data, vocabulary
    /// or model as they were, and the line says so. `what` is what was loaded.
    func refuseIfInterrupted(_ what: String, at range: Range<Int>) throws(CommandError) {
        guard isCancelled() else { return }
        throw CommandError("interrupted (Ctrl-C) while loading \(what): nothing was changed", at: range)
    }
}
