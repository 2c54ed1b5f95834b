/// One gate's block of a stacked parameter: `weight_ih_l0.f` is rows
/// H..<2H of `weight_ih_l0` in an LSTM (for a vector such as a bias, its
/// elements H..<2H).
public struct GateBlock {
    public let parameter: Parameter
    /// The stacked parameter's name (`weight_ih_l0`) and the gate (`f`).
    public let base: String
    public let gate: String
    /// The rows of a matrix, or the elements of a vector.
    public let range: Range<Int>
}

/// A model whose parameters stack gate blocks the user can address by name
/// (`params weight_ih_l0.f`, `set weight_ih_l0.f = …`).
public protocol GateAddressable: Model {
    /// The gate block called `name` (`weight_ih_l0.f`), if there is one.
    func gateBlock(named name: String) -> GateBlock?
    /// Every gate block's name, for completion and help.
    var gateBlockNames: [String] { get }
}

/// The user's gate-block syntax: `weight_ih_l0.f` names the forget gate's
/// rows of `weight_ih_l0` in an LSTM (the cell declares its `gateNames`).
extension Network: GateAddressable {
    /// The gate block called `name` (`weight_ih_l0.f`), if there is one.
    public func gateBlock(named name: String) -> GateBlock? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let base = String(name[..<dot]), gate = String(name[name.index(after: dot)...])
        for (position, cell) in positionedCells {
            guard let index = cell.gateNames.firstIndex(of: cell.gateAliases[gate] ?? gate),
                  let p = cell.parameters.first(where: { position.name(of: $0.name) == base }) else { continue }
            let size = cell.outputSize
            guard p.shape[0] == cell.gateNames.count * size else { return nil }
            return GateBlock(parameter: p, base: base, gate: gate, range: (index * size)..<((index + 1) * size))
        }
        return nil
    }

    /// Every gate block's name, for completion and help.
    public var gateBlockNames: [String] {
        positionedCells.flatMap { position, cell -> [String] in
            cell.parameters.filter { !cell.gateNames.isEmpty && $0.shape[0] == cell.gateNames.count * cell.outputSize }
                .flatMap { p in cell.gateNames.map { "\(position.name(of: p.name)).\($0)" } }
        }
    }
}
