/// A long run of steps in fixed memory: the point at every `stride`-th step, and the lowest and
/// highest loss over each interval of `stride` steps, so that a loss spike between two kept
/// points still shows. When all `capacity` intervals are used, neighbours merge in pairs and the
/// stride doubles: the history always spans the whole run at the finest stride that fits.
///
/// Steps are relative to the history's first: interval *j* covers steps
/// `j·stride ..< (j+1)·stride` and `points[j]` is the point at step `j·stride` (exact).
struct DecimatedHistory: Sendable, Equatable {
    /// Intervals kept at most (even, ≥ 2).
    let capacity: Int
    /// Steps per interval (a power of two).
    private(set) var stride = 1
    /// The point at the start of each interval.
    private(set) var points: [Vec2] = []
    /// The lowest and highest loss of each interval.
    private(set) var low: [Double] = []
    private(set) var high: [Double] = []
    /// Steps already in the last interval.
    private var filled = 0

    init(capacity: Int) {
        precondition(capacity >= 2 && capacity % 2 == 0, "a decimated history needs an even capacity ≥ 2")
        self.capacity = capacity
    }

    /// Intervals kept.
    var count: Int { points.count }

    /// Appends the next step.
    @inline(__always)
    mutating func append(_ p: Vec2, loss: Double) {
        if filled < stride && !points.isEmpty {
            let j = points.count - 1
            if loss < low[j] { low[j] = loss }
            if loss > high[j] { high[j] = loss }
            filled += 1
            return
        }
        if points.count == capacity { mergePairs() }
        points.append(p)
        low.append(loss)
        high.append(loss)
        filled = 1
    }

    /// Merges intervals 2j and 2j+1 into j and doubles the stride. Only called when every
    /// interval is full, so the merged ones are full too.
    private mutating func mergePairs() {
        let half = capacity / 2
        for j in 0..<half {
            points[j] = points[2 * j]
            low[j] = Swift.min(low[2 * j], low[2 * j + 1])
            high[j] = Swift.max(high[2 * j], high[2 * j + 1])
        }
        points.removeLast(half)
        low.removeLast(half)
        high.removeLast(half)
        stride *= 2
    }
}
