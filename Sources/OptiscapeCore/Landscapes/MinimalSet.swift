/// A landscape's global minima when they are a whole curve, not a few points — the hyperbola
/// xy = 1 of a two-layer linear network (every rescaling of the weights fits equally well), the
/// zero-loss curve of the one-unit RNN. `optiscape list` and the legend describe it, the plot
/// marks points of it, and a runner that converges anywhere on it has reached a global minimum.
///
/// The set is given as the zero set of a `residual` r with loss = value + r²: r changes sign
/// across the set, so points of it are found by bisection between samples of opposite sign.
public struct MinimalSet: Sendable {
    /// The set in words, for `optiscape list` and the legend: "the hyperbola xy = 1".
    public var description: String
    /// The loss everywhere on the set.
    public var value: Double
    /// Zero exactly on the set, of opposite signs on its two sides.
    public var residual: @Sendable (Vec2) -> Double

    public init(_ description: String, value: Double, residual: @escaping @Sendable (Vec2) -> Double) {
        self.description = description; self.value = value; self.residual = residual
    }

    /// `global minima: the hyperbola xy = 1, loss 0`.
    public var summary: String { "global minima: \(description), loss \(value.significant(6))" }

    /// Points of the set inside `box`: along each of `columns` evenly spaced vertical lines,
    /// and each of `rows` horizontal ones, every crossing of the set (a sign change of the
    /// residual between `samples` samples along the line), refined by bisection. A sign change
    /// where the residual jumps without passing through zero (a numerical cliff) is dropped:
    /// a point is kept only where |residual| is below `1e-6`.
    public func points(in box: ViewBox, columns: Int, rows: Int, samples: Int = 64) -> [Vec2] {
        var out: [Vec2] = []
        let n = Swift.max(samples, 2)
        func scan(_ line: (Double) -> Vec2) {
            var previous = line(0), rPrevious = residual(previous)
            for k in 1...n {
                let p = line(Double(k) / Double(n)), r = residual(p)
                if let q = crossing(previous, rPrevious, p, r) { out.append(q) }
                previous = p; rPrevious = r
            }
        }
        func fractions(_ count: Int) -> [Double] {
            count <= 0 ? [] : (0..<count).map { (Double($0) + 0.5) / Double(count) }
        }
        for fx in fractions(columns) {
            let x = box.xMin + fx * box.width
            scan { Vec2(x, box.yMin + $0 * box.height) }
        }
        for fy in fractions(rows) {
            let y = box.yMin + fy * box.height
            scan { Vec2(box.xMin + $0 * box.width, y) }
        }
        return out
    }

    /// The zero of the residual between a and b when it changes sign there (60 bisections).
    func crossing(_ a: Vec2, _ ra: Double, _ b: Vec2, _ rb: Double) -> Vec2? {
        guard ra.isFinite, rb.isFinite else { return nil }
        if ra == 0 { return a }
        guard (ra < 0) != (rb < 0), rb != 0 else { return nil }
        var lo = a, hi = b, rLo = ra
        for _ in 0..<60 {
            let mid = (lo + hi) * 0.5
            let r = residual(mid)
            guard r.isFinite else { return nil }
            if r == 0 { return mid }
            if (r < 0) == (rLo < 0) { lo = mid; rLo = r } else { hi = mid }
        }
        let p = (lo + hi) * 0.5
        return Swift.abs(residual(p)) <= 1e-6 ? p : nil
    }
}
