extension Network {
    /// One line, Flux-style: `elman(2 => 2 => 2, linear)  # 12 parameters`.
    public var summaryLine: String {
        var sizes = ["\(config.inputSize)", "\(config.hiddenSize)"]
        if hasOutput { sizes.append("\(outputWidth)") }
        var notes: [String] = []
        let cellSummary = cells[0][0].summary
        if !cellSummary.isEmpty { notes.append(cellSummary) }
        if config.layers > 1 { notes.append("\(config.layers) layers") }
        if config.bidirectional { notes.append("bidirectional") }
        if crf != nil { notes.append("crf") }
        if !config.bias { notes.append("no bias") }
        if config.outputActivation != .linear, outputWeight != nil { notes.append("\(config.outputActivation.rawValue) output") }
        let inner = sizes.joined(separator: " => ") + (notes.isEmpty ? "" : ", " + notes.joined(separator: ", "))
        let count = parameterCount
        return "\(config.cell)(\(inner))  # \(count) parameter\(count == 1 ? "" : "s")"
    }
}
