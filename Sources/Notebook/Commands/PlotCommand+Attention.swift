import RNNKit

extension PlotCommand {
    /// The attention of the last decoded sequence: a row per output token
    /// (`</s>` included), a column per source token, weights from 0 to 1.
    func attentionHeatmap(_ session: Session, at range: Range<Int>) throws(CommandError) -> Figure {
        guard let alignment = session.lastAlignment else {
            let attends = (session.model as? any SequenceTransducer)?.attends
            throw CommandError(attends == false ? "this encoder–decoder has no attention: build it with attention=dot|general|additive"
                               : attends == nil ? "plot attention needs an encoder–decoder (`net seq2seq attention=general`) and a `predict`"
                               : "nothing decoded yet: `predict TOKEN…` first", at: range)
        }
        let rows = alignment.output.enumerated().map { Heatmap.Row(group: "", label: "\($0.offset + 1) \($0.element)") }
        let values = alignment.weights.map { row in alignment.source.indices.map { $0 < row.count ? row[$0] : .nan } }
        var map = Heatmap(title: "attention: \(alignment.source.joined(separator: " ")) → \(alignment.output.joined(separator: " "))",
                          rows: rows, columnLabels: alignment.source, values: values, scale: .sequential(0, 1),
                          xLabel: "input token (source →)", yLabel: "output token")
        map.notes.append("each row sums to 1: how much writing that output looked at each input")
        return .heatmap(map)
    }
}
