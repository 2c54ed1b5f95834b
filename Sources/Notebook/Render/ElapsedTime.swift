import Foundation

/// Elapsed time as `time` and `train` show it: three significant digits in
/// seconds, milliseconds or microseconds (`1.23 s`, `45.6 ms`, `789 µs`).
public enum ElapsedTime {
    /// `seconds` (0 or more; a negative or non-finite value shows as `0 µs`).
    public static func format(seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0 µs" }
        let (value, unit) = seconds >= 1 ? (seconds, "s") : seconds >= 1e-3 ? (seconds * 1e3, "ms") : (seconds * 1e6, "µs")
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
        return String(format: "%.\(decimals)f", value) + " " + unit
    }

    /// Seconds from a `ContinuousClock` duration.
    public static func seconds(_ d: Duration) -> Double {
        let (s, attoseconds) = d.components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
