// Vectorised exp, tanh and sigmoid for the fused kernels, in plain Swift SIMD.
//
// Written by hand rather than taken from SLEEF (Debian's libsleef-dev): SLEEF's
// vector entry points are per instruction set (`Sleef_expf8_u10avx2`), so using
// them means dispatching on the CPU, and a build for baseline x86-64 would still
// need the SSE2 variants. Eight lanes of Swift SIMD compile to whatever the
// target has, are the same on every machine, and are accurate to a few ulp
// (tested against Foundation's functions), which the fused path's tolerance
// against the tape path (1e-5 relative) absorbs with room to spare.

/// Lanes processed at once.
public typealias FloatVector = SIMD8<Float>

/// Elementwise functions on vectors and on buffers of `Float`.
public enum VectorMath {
    /// `eˣ` for each lane (Cephes' `expf`: range reduction by ln 2, a degree-6 polynomial).
    @inlinable @inline(__always)
    public static func exp(_ x: FloatVector) -> FloatVector {
        let clamped = clamp(x, -87.3, 88.3)
        // Rounds x·log₂e to an integer n by adding 1.5·2²³: n then sits in the low mantissa bits
        // (no float-to-int conversion, which Swift's SIMD does lane by lane).
        let shifted = clamped * 1.442_695_040_888_963_4 + 12_582_912
        let n = shifted - 12_582_912
        // x - n·ln 2, with ln 2 split in two so the product is exact.
        var r = clamped - n * 0.693_359_375
        r = r - n * -2.121_944_400_546_905_8e-4
        var p = FloatVector(repeating: 1.987_569_150_0e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        p = p * (r * r) + r + 1
        // 2ⁿ: n + 127 in the exponent field.
        let exponent = (unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- 0x4B40_0000 &+ 127) &<< 23
        return p * unsafeBitCast(exponent, to: FloatVector.self)
    }

    /// Each lane limited to `low...high` (`clamped(lowerBound:upperBound:)` is not specialised and costs a call per vector).
    @inlinable @inline(__always)
    public static func clamp(_ x: FloatVector, _ low: Float, _ high: Float) -> FloatVector {
        x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
    }

    /// Calls `body(offset, lanes)` over `0..<count` eight lanes at a time, the
    /// last call with the `lanes` left (1…8); pair it with `load` and `store`.
    @inlinable @inline(__always)
    public static func forEachVector(_ count: Int, _ body: (_ offset: Int, _ lanes: Int) -> Void) {
        var i = 0
        while i + 8 <= count { body(i, 8); i += 8 }
        if i < count { body(i, count - i) }
    }

    /// `lanes` floats from `p + offset` (the rest zero).
    @inlinable @inline(__always)
    public static func load(_ p: UnsafePointer<Float>, _ offset: Int, _ lanes: Int) -> FloatVector {
        if lanes == 8 { return UnsafeRawPointer(p + offset).loadUnaligned(as: FloatVector.self) }
        var v = FloatVector()
        for k in 0..<lanes { v[k] = p[offset + k] }
        return v
    }

    /// Stores the first `lanes` lanes of `v` at `p + offset`.
    @inlinable @inline(__always)
    public static func store(_ v: FloatVector, _ p: UnsafeMutablePointer<Float>, _ offset: Int, _ lanes: Int) {
        if lanes == 8 { UnsafeMutableRawPointer(p + offset).storeBytes(of: v, as: FloatVector.self); return }
        for k in 0..<lanes { p[offset + k] = v[k] }
    }

    /// `1 / (1 + e⁻ˣ)` for each lane.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: FloatVector) -> FloatVector { 1 / (1 + exp(-x)) }

    /// `tanh x` for each lane: an odd polynomial near zero (Cephes' `tanhf`),
    /// `1 − 2/(e²ˣ + 1)` elsewhere (no cancellation there).
    @inlinable @inline(__always)
    public static func tanh(_ x: FloatVector) -> FloatVector {
        let magnitude = x.replacing(with: -x, where: x .< 0)
        let e = exp(2 * clamp(x, -9, 9))
        let far = 1 - 2 / (e + 1)
        let z = x * x
        var p = FloatVector(repeating: -5.704_988_07e-3)
        p = p * z + 2.063_908_90e-2
        p = p * z - 5.373_971_55e-2
        p = p * z + 1.333_144_22e-1
        p = p * z - 3.333_328_19e-1
        let near = x + x * z * p
        return near.replacing(with: far, where: magnitude .>= 0.625)
    }

    /// Applies `f` to `count` floats at `x`, eight at a time (the tail through a padded vector).
    @inlinable @inline(__always)
    static func apply(_ x: UnsafeMutablePointer<Float>, _ count: Int, _ f: (FloatVector) -> FloatVector) {
        var i = 0
        let raw = UnsafeMutableRawPointer(x)
        while i + 8 <= count {
            let v = raw.loadUnaligned(fromByteOffset: i * 4, as: FloatVector.self)
            raw.storeBytes(of: f(v), toByteOffset: i * 4, as: FloatVector.self)
            i += 8
        }
        if i < count {
            var v = FloatVector()
            for k in 0..<(count - i) { v[k] = x[i + k] }
            let y = f(v)
            for k in 0..<(count - i) { x[i + k] = y[k] }
        }
    }

    /// `x[k] = σ(x[k])` for `count` floats.
    public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) { apply(x, count, sigmoid) }
    /// `x[k] = tanh(x[k])` for `count` floats.
    public static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) { apply(x, count, tanh) }
    /// `x[k] = eˣ⁽ᵏ⁾` for `count` floats.
    public static func exp(_ x: UnsafeMutablePointer<Float>, count: Int) { apply(x, count, exp) }
}

extension Activation {
    /// The derivative from the activation's output, for each lane.
    @inlinable @inline(__always)
    public func derivative(fromOutput y: FloatVector) -> FloatVector {
        switch self {
        case .tanh: return 1 - y * y
        case .relu: return FloatVector(repeating: 0).replacing(with: 1, where: y .> 0)
        case .sigmoid: return y * (1 - y)
        case .linear: return FloatVector(repeating: 1)
        }
    }

    /// Applies the activation in place to `count` floats, vectorised.
    public func apply(_ x: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .tanh: VectorMath.tanh(x, count: count)
        case .sigmoid: VectorMath.sigmoid(x, count: count)
        case .relu: for k in 0..<count { x[k] = max(x[k], 0) }
        case .linear: break
        }
    }
}
