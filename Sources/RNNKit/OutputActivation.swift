/// What the output layer applies to `W h + b` (`net … outact=`).
public enum OutputActivation: String, Sendable, CaseIterable {
    /// Nothing: the scores as they are (a regression, or logits for a loss).
    case linear
    /// The softmax over the output units, so they read as probabilities.
    case softmax
}
