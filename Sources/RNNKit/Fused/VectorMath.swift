import CKernels

// The fused kernels' elementwise arithmetic: eight lanes of Swift SIMD for
// the gate algebra (`forEachVector`, `load`, `store`), and exp, tanh and
// sigmoid from `Sources/CKernels`, written in C so that the compiler builds
// AVX-512, AVX2 and baseline versions and the loader picks one for the CPU
// (Swift's SIMD types compile for the baseline's 4-wide SSE only, and a profile
// had these functions at a fifth of LSTM training).
//
// Written by hand rather than taken from SLEEF (Debian's libsleef-dev): its
// vector entry points are per instruction set (`Sleef_expf8_u10avx2`), so
// using them means the same dispatching, for a few lines of Cephes polynomial.
// Accurate to a few ulp (tested against Foundation's functions).

/// Lanes processed at once.
public typealias FloatVector = SIMD8<Float>

/// Elementwise functions on vectors and on buffers of `Float`.
public enum VectorMath {
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

    /// `x[k] = σ(x[k])` for `count` floats.
    public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count: Int) { rnnbook_sigmoid(x, count) }
    /// `x[k] = tanh(x[k])` for `count` floats.
    public static func tanh(_ x: UnsafeMutablePointer<Float>, count: Int) { rnnbook_tanh(x, count) }
    /// `x[k] = eˣ⁽ᵏ⁾` for `count` floats.
    public static func exp(_ x: UnsafeMutablePointer<Float>, count: Int) { rnnbook_exp(x, count) }
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
