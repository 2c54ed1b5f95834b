/// The one closeness measure of the tests and the reference checks: the
/// largest `|a − b| / (|b| + floor)` over the elements of `actual` (`a`)
/// and `expected` (`b`), in Double.
///
/// `relativeError(a, b, floor: f) < tol` holds when every element is within
/// `tol · |b| + tol · f` of its reference: a relative tolerance `tol` that
/// becomes an absolute one, `tol · f`, near zero (as `numpy.isclose` with
/// `rtol = tol`, `atol = tol · f`). `floor: 1` reads as "relative for large
/// values, absolute below 1". Collections of different lengths are infinitely
/// far apart.
public func relativeError<A: Collection, B: Collection>(_ actual: A, _ expected: B, floor: Double = 1e-3) -> Double
where A.Element: BinaryFloatingPoint, B.Element: BinaryFloatingPoint {
    guard actual.count == expected.count else { return .infinity }
    var worst = 0.0
    for (x, y) in zip(actual, expected) {
        let a = Double(x), b = Double(y)
        if a == b { continue }
        let error = abs(a - b) / (abs(b) + floor)
        if error.isNaN { return .infinity }
        worst = max(worst, error)
    }
    return worst
}

/// `relativeError` of two matrices of the same shape (infinite when the shapes differ).
public func relativeError(_ actual: Matrix, _ expected: Matrix, floor: Double = 1e-3) -> Double {
    guard actual.rows == expected.rows, actual.cols == expected.cols else { return .infinity }
    return relativeError(actual.data, expected.data, floor: floor)
}

/// `relativeError` of two lists of matrices, pairwise (infinite when the counts or shapes differ).
public func relativeError(_ actual: [Matrix], _ expected: [Matrix], floor: Double = 1e-3) -> Double {
    guard actual.count == expected.count else { return .infinity }
    return zip(actual, expected).map { relativeError($0, $1, floor: floor) }.max() ?? 0
}
