import Testing
@testable import OptiscapeCore

/// Where a network's weights lie relative to a slice plane (issue #15): projections by least
/// squares with the distance from the plane, the plane through three weight vectors, and the
/// hidden-unit swap of weight-space symmetry.
@Suite struct PlaneGeometryTests {
    static func vector(_ n: Int, seed: UInt64) -> [Double] {
        var r = SeededRNG(seed: seed, stream: 11)
        return (0..<n).map { _ in r.gaussian() }
    }

    /// A point built as origin + a·dx + b·dy + e, with e orthogonal to both, projects back to
    /// (a, b) at distance ‖e‖ — for directions that are not orthogonal, too.
    @Test func projectionRecoversCoordinatesAndDistance() {
        let n = 40
        let origin = Self.vector(n, seed: 1), dx = Self.vector(n, seed: 2)
        var dy = Self.vector(n, seed: 3)
        for i in 0..<n { dy[i] += 0.6 * dx[i] }  // cos ≈ 0.5: not orthogonal
        let plane = SlicePlane(origin: origin, dx: dx, dy: dy)
        #expect(Swift.abs(plane.cosine) > 0.3)
        // e: a random vector with its dx, dy parts removed (Gram–Schmidt).
        var e = Self.vector(n, seed: 4)
        let ux = dx.map { $0 / Dense.dot(dx, dx).squareRoot() }
        var vy = dy
        let c = Dense.dot(vy, ux); for i in 0..<n { vy[i] -= c * ux[i] }
        let vn = Dense.dot(vy, vy).squareRoot(); vy = vy.map { $0 / vn }
        for u in [ux, vy] { let k = Dense.dot(e, u); for i in 0..<n { e[i] -= k * u[i] } }
        let (a, b) = (0.7, -1.3)
        let theta = (0..<n).map { origin[$0] + a * dx[$0] + b * dy[$0] + e[$0] }
        let p = plane.project(theta)
        #expect(Swift.abs(p.a - a) < 1e-12 && Swift.abs(p.b - b) < 1e-12, "\(p)")
        #expect(Swift.abs(p.distance - Dense.dot(e, e).squareRoot()) < 1e-12)
        // A plane point is at distance 0; the origin at (0, 0) with relative distance 0.
        let q = plane.project(plane.point(-2, 0.25))
        #expect(Swift.abs(q.a + 2) < 1e-12 && Swift.abs(q.b - 0.25) < 1e-12 && q.distance < 1e-12)
        #expect(plane.project(origin) == SlicePlane.Projection(a: 0, b: 0, distance: 0, fromOrigin: 0))
        #expect(p.relativeDistance > 0 && p.relativeDistance < 1)
    }

    /// Garipov's plane: w₁ at (0, 0), w₂ at (1, 0), w₃ at (c, 1), all three on it; collinear
    /// points have none.
    @Test func planeThroughThreePoints() throws {
        let n = 25
        let w1 = Self.vector(n, seed: 5), w2 = Self.vector(n, seed: 6), w3 = Self.vector(n, seed: 7)
        let plane = try #require(SlicePlane.through(w1, w2, w3))
        #expect(Swift.abs(plane.cosine) < 1e-12, "dy is orthogonal to dx")
        let p1 = plane.project(w1), p2 = plane.project(w2), p3 = plane.project(w3)
        #expect(p1.distance < 1e-12 && Swift.abs(p1.a) < 1e-12 && Swift.abs(p1.b) < 1e-12)
        #expect(p2.distance < 1e-12 && Swift.abs(p2.a - 1) < 1e-12 && Swift.abs(p2.b) < 1e-12)
        #expect(p3.distance < 1e-12 && Swift.abs(p3.b - 1) < 1e-12)
        let mid = zip(w1, w2).map { ($0 + $1) / 2 }
        #expect(SlicePlane.through(w1, w2, mid) == nil)
        #expect(SlicePlane.through(w1, w1, w3) == nil)
    }

    /// Swapping two hidden units of any hidden layer leaves the loss unchanged (to rounding)
    /// and is its own inverse; swapping a unit with itself changes nothing.
    @Test(arguments: [0, 1])
    func swappingHiddenUnitsKeepsTheLoss(_ layer: Int) throws {
        let (loss, theta) = try NetworkFixtures.loss([3, 5, 4, 2], .tanh, .crossEntropy)
        let spec = loss.spec
        let t = spec.swappingHiddenUnits(theta, layer: layer, 1, 3)
        #expect(t != theta)
        #expect(Swift.abs(loss.value(t) - loss.value(theta)) <= 1e-14 * Swift.abs(loss.value(theta)))
        #expect(spec.swappingHiddenUnits(t, layer: layer, 1, 3) == theta)
        #expect(spec.swappingHiddenUnits(theta, layer: layer, 2, 2) == theta)
    }
}

/// The slice's allocation-free loss is the loss, bit for bit, for every activation and loss.
@Suite struct SliceValueTests {
    @Test(arguments: Activation.allCases)
    func workspaceValueIsTheValue(_ act: Activation) throws {
        for kind in NetworkLossKind.allCases {
            let (loss, theta) = try NetworkFixtures.loss([3, 5, 4, 2], act, kind)
            var ws = NetworkWorkspace()
            let plane = SlicePlane(origin: theta, dx: PlaneGeometryTests.vector(theta.count, seed: 8),
                                   dy: PlaneGeometryTests.vector(theta.count, seed: 9))
            for (a, b) in [(0.0, 0.0), (0.3, -0.7), (-1.0, 1.0)] {
                let t = plane.point(a, b)
                let fast = t.withUnsafeBufferPointer { loss.value($0.baseAddress!, workspace: &ws) }
                #expect(fast.bitPattern == loss.value(t).bitPattern, "\(act) \(kind) at (\(a), \(b))")
            }
            let grid = SliceGrid(columns: 3, rows: 2, a: -1...1, b: -0.5...0.5)
            let values = loss.sliceValues(plane, grid: grid)
            for r in 0..<2 { for c in 0..<3 {
                #expect(values[r * 3 + c].bitPattern == loss.value(plane.point(grid.aValue(c), grid.bValue(r))).bitPattern)
            } }
        }
    }
}
