/// The points a runner visited, with the loss at each: step 0 is its start.
///
/// How much is kept depends on its ``Limits``:
/// - ``Limits/unbounded`` (the default): every point and loss — ``points`` and ``losses``,
///   index *i* being step *i*. Claims (`check`) and exports (`trace`) use this.
/// - bounded (``Limits/display``, the interactive UI): memory stays fixed however long the run
///   (8 runners × 10 million steps would otherwise hold 1.9 GB). Kept are the first
///   ``Limits/exact`` points and losses; after them a ``DecimatedHistory`` (the point at every
///   k-th step and each k steps' lowest and highest loss, k doubling when full); the last
///   ``Limits/recent`` points exactly; and always the latest point and loss.
///
/// Readers go by step: ``forEachPoint(after:_:)`` gives the kept points in step order (the
/// decimated path where it is decimated), ``forEachLoss(_:)`` the losses as the loss chart
/// draws them, ``point(at:)`` a point if it is kept.
public struct Trajectory: Sendable, Equatable {
    public let limits: Limits
    /// Steps 0 ..< prefixPoints.count, exactly.
    private var prefixPoints: [Vec2] = []
    private var prefixLosses: [Double] = []
    /// Steps from `limits.exact` on, decimated.
    private var history: DecimatedHistory
    /// The last points, exactly.
    private var recent: RecentPoints
    /// Points recorded: steps 0 ..< count.
    public private(set) var count = 0
    /// The latest point and loss.
    public private(set) var last: Vec2?
    public private(set) var lastLoss: Double?

    public init(limits: Limits = .unbounded) {
        self.limits = limits
        history = DecimatedHistory(capacity: limits.decimated)
        recent = RecentPoints(capacity: limits.isUnbounded ? 0 : limits.recent)
    }

    public init(start: Vec2, loss: Double, limits: Limits = .unbounded) {
        self.init(limits: limits)
        append(start, loss: loss)
    }

    /// The step of the latest point (-1 when empty).
    public var lastStep: Int { count - 1 }
    /// The start.
    public var first: Vec2? { prefixPoints.first }
    /// The loss at the start.
    public var firstLoss: Double? { prefixLosses.first }

    /// Whether every point and loss is still kept (always, when unbounded).
    public var isComplete: Bool { count == prefixPoints.count }

    /// Every point, index *i* being step *i*. Only a complete trajectory has them: use an
    /// unbounded one where every step matters.
    public var points: [Vec2] {
        precondition(isComplete, "a bounded trajectory past its exact prefix has no list of every point")
        return prefixPoints
    }

    /// Every loss, index *i* being step *i* (see ``points``).
    public var losses: [Double] {
        precondition(isComplete, "a bounded trajectory past its exact prefix has no list of every loss")
        return prefixLosses
    }

    @inline(__always)
    public mutating func append(_ p: Vec2, loss: Double) {
        if count < limits.exact {
            prefixPoints.append(p)
            prefixLosses.append(loss)
        } else {
            history.append(p, loss: loss)
        }
        recent.append(p)
        count += 1
        last = p
        lastLoss = loss
    }

    /// The first step the recent points hold.
    private var recentStart: Int { count - recent.count }
    /// The step of decimated point j.
    @inline(__always)
    private func historyStep(_ j: Int) -> Int { limits.exact + j * history.stride }

    /// The point at `step`, if it is kept (always, for a step of a complete trajectory).
    public func point(at step: Int) -> Vec2? {
        guard step >= 0, step < count else { return nil }
        if step < prefixPoints.count { return prefixPoints[step] }
        if step >= recentStart { return recent[step - recentStart] }
        let r = step - limits.exact
        guard r % history.stride == 0, r / history.stride < history.count else { return nil }
        return history.points[r / history.stride]
    }

    /// Calls `body(step, point)` for every kept point after `step`, in step order: the exact
    /// prefix, the decimated points, the recent points. The latest point always comes last.
    public func forEachPoint(after step: Int, _ body: (Int, Vec2) throws -> Void) rethrows {
        let prefixEnd = prefixPoints.count
        var s = Swift.max(step + 1, 0)
        while s < prefixEnd { try body(s, prefixPoints[s]); s += 1 }
        let recentFrom = Swift.max(recentStart, prefixEnd)
        if s < recentFrom && history.count > 0 {
            let k = history.stride
            var j = Swift.max(0, (s - limits.exact + k - 1) / k)
            while j < history.count {
                let hs = historyStep(j)
                if hs >= recentFrom { break }
                try body(hs, history.points[j])
                j += 1
            }
        }
        s = Swift.max(s, recentFrom)
        while s < count { try body(s, recent[s - recentStart]); s += 1 }
    }

    /// Calls `body(step, loss)` for the losses as a chart should draw them, in step order: every
    /// exact loss; for each decimated interval before the latest step its lowest and highest
    /// (one value when they are equal) at the interval's first step; then the latest loss.
    public func forEachLoss(_ body: (Int, Double) throws -> Void) rethrows {
        for (s, l) in prefixLosses.enumerated() { try body(s, l) }
        guard count > prefixPoints.count, let latest = lastLoss else { return }
        for j in 0..<history.count {
            let s = historyStep(j)
            if s >= lastStep { break }
            let lo = history.low[j], hi = history.high[j]
            try body(s, lo)
            if hi != lo { try body(s, hi) }
        }
        try body(lastStep, latest)
    }

    /// Bytes of points and losses held now (element storage, without the arrays' spare
    /// capacity): grows with the steps when unbounded, stops growing at the limits otherwise.
    public var bytesHeld: Int {
        let v = MemoryLayout<Vec2>.stride, d = MemoryLayout<Double>.stride
        return prefixPoints.count * (v + d) + history.count * (v + 2 * d) + recent.count * v
    }
}
