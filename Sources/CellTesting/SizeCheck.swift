import RNNKit

extension CellConformance {
    /// The parameter count `net` works out before building a network (its
    /// guard against nets too large to allocate) is the count of the network
    /// built: the cell's parameter shapes must be linear in the sizes.
    func checkParameterCount(_ net: Network) -> [String] {
        guard let descriptor else { return [] }
        guard let sizes = net.config.cellSizes(descriptor) else {
            return ["the parameter count cannot be worked out from cells built at tiny sizes (in, hidden, out = 2…8), "
                    + "so `net` cannot refuse a net too large to allocate: build every size, and make each parameter "
                    + "dimension a linear function of them (gates × hidden, input, …)"]
        }
        let counted = net.config.parameterCount(sizes)
        return counted == net.parameterCount ? []
            : ["the parameter count worked out before building is \(counted.map(String.init) ?? "too large"), the network has \(net.parameterCount)"]
    }
}
