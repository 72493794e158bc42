import Foundation

/// A 2-D plane through weight space: θ(a, b) = origin + a·dx + b·dy.
public struct SlicePlane: Sendable {
    public let origin: [Double]
    public let dx: [Double]
    public let dy: [Double]

    public init(origin: [Double], dx: [Double], dy: [Double]) {
        precondition(origin.count == dx.count && dx.count == dy.count)
        self.origin = origin
        self.dx = dx
        self.dy = dy
    }

    /// θ(a, b).
    public func point(_ a: Double, _ b: Double) -> [Double] {
        var t = origin
        t.withUnsafeMutableBufferPointer { write(a, b, into: $0) }
        return t
    }

    /// θ(a, b) written into `t` (of the plane's length), without allocating.
    func write(_ a: Double, _ b: Double, into t: UnsafeMutableBufferPointer<Double>) {
        for i in t.indices { t[i] = origin[i] + (a * dx[i] + b * dy[i]) }
    }

    /// cos∠(dx, dy): 0 for orthogonal directions (nan when one is zero).
    public var cosine: Double {
        Dense.dot(dx, dy) / (Dense.dot(dx, dx).squareRoot() * Dense.dot(dy, dy).squareRoot())
    }
}

/// A rectangular grid of (a, b) values on a plane: `--grid 51x51 --range=-1:1,-1:1`.
public struct SliceGrid: Sendable, Hashable {
    public var columns: Int
    public var rows: Int
    public var a: ClosedRange<Double>
    public var b: ClosedRange<Double>

    public init(columns: Int, rows: Int, a: ClosedRange<Double>, b: ClosedRange<Double>) {
        self.columns = columns; self.rows = rows; self.a = a; self.b = b
    }

    /// The k-th of n evenly spaced values from lo to hi (both included; the middle one for n = 1).
    static func tick(_ k: Int, _ n: Int, _ r: ClosedRange<Double>) -> Double {
        n == 1 ? (r.lowerBound + r.upperBound) / 2 : r.lowerBound + (r.upperBound - r.lowerBound) * Double(k) / Double(n - 1)
    }
    public func aValue(_ column: Int) -> Double { Self.tick(column, columns, a) }
    public func bValue(_ row: Int) -> Double { Self.tick(row, rows, b) }

    /// Parses `51x51` (columns × rows) or `51` (square).
    public static func size(parsing text: String) -> (Int, Int)? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let c = Int(parts[0]), let r = Int(parts.last!),
              (1...10_000).contains(c), (1...10_000).contains(r), c * r <= 4_000_000 else { return nil }
        return (c, r)
    }

    /// Parses `-1:1` (both axes) or `-1:1,-0.5:0.5`.
    public static func ranges(parsing text: String) -> (ClosedRange<Double>, ClosedRange<Double>)? {
        func one(_ s: Substring) -> ClosedRange<Double>? {
            let p = s.split(separator: ":", omittingEmptySubsequences: false)
            guard p.count == 2, let lo = Double(p[0]), let hi = Double(p[1]), lo.isFinite, hi.isFinite, lo < hi else { return nil }
            return lo...hi
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let x = one(parts[0]), let y = one(parts.last!) else { return nil }
        return (x, y)
    }
}

extension NetworkLoss {
    /// L on every grid point, row by row (b outer, a inner): `values[row * columns + column]`.
    /// The points are spread over the machine's cores; each value is one forward pass.
    public func sliceValues(_ plane: SlicePlane, grid: SliceGrid) -> [Double] {
        var points: [Vec2] = []
        points.reserveCapacity(grid.rows * grid.columns)
        for r in 0..<grid.rows {
            let b = grid.bValue(r)
            for c in 0..<grid.columns { points.append(Vec2(grid.aValue(c), b)) }
        }
        return [Double](unsafeUninitializedCapacity: points.count) { out, count in
            points.withUnsafeBufferPointer { sliceValues(plane, at: $0, into: out) }
            count = points.count
        }
    }

    /// L(θ(a, b)) at every (a, b) of `points` into `out`, bit for bit ``value(_:)`` of
    /// ``SlicePlane/point(_:_:)``: runs of points spread over the cores, each run with its own
    /// scratch θ and forward buffers (no allocation per point).
    public func sliceValues(_ plane: SlicePlane, at points: UnsafeBufferPointer<Vec2>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count >= points.count)
        let count = points.count
        guard count > 0 else { return }
        // Several runs per core, so that a core that finishes early takes another.
        let runs = Swift.min(count, 8 * ProcessInfo.processInfo.activeProcessorCount)
        let source = SendablePoints(points.baseAddress!), target = SendablePointer(out.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var workspace = NetworkWorkspace()
            var theta = plane.origin
            theta.withUnsafeMutableBufferPointer { t in
                for k in (run * count / runs)..<((run + 1) * count / runs) {
                    let p = source.pointer[k]
                    plane.write(p.x, p.y, into: t)
                    target.pointer[k] = value(UnsafePointer(t.baseAddress!), workspace: &workspace)
                }
            }
        }
    }
}

/// A pointer the concurrent rows write disjoint parts of.
struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    init(_ p: UnsafeMutablePointer<Double>) { pointer = p }
}

/// A pointer concurrent work only reads.
struct SendableConstPointer: @unchecked Sendable {
    let pointer: UnsafePointer<Double>
    init(_ p: UnsafePointer<Double>) { pointer = p }
}

/// Points concurrent work only reads.
struct SendablePoints: @unchecked Sendable {
    let pointer: UnsafePointer<Vec2>
    init(_ p: UnsafePointer<Vec2>) { pointer = p }
}
