import Testing
@testable import OptiscapeCore

/// The batch evaluation of a slice (``Landscape/values(at:into:)``), its cost estimate and its
/// identity for caches.
@Suite struct SliceBatchTests {
    static func slice(_ sizes: [Int], _ act: Activation, seed: UInt64 = 9, n: Int = 31) throws -> SliceLandscape {
        let (loss, theta) = try NetworkFixtures.loss(sizes, act, .crossEntropy, n: n)
        let (x, y) = SliceDirections.gaussian(count: theta.count, seed: seed)
        return SliceLandscape(loss: loss, plane: SlicePlane(origin: theta, dx: SliceDirections.filterNormalized(x, theta: theta, spec: loss.spec),
                                                            dy: SliceDirections.filterNormalized(y, theta: theta, spec: loss.spec)))
    }

    /// Points on and off the usual view, an odd count (so the runs over the cores are uneven).
    static let points: [Vec2] = {
        var rng = SeededRNG(seed: 3)
        return (0..<517).map { _ in Vec2(6 * rng.uniform() - 3, 6 * rng.uniform() - 3) }
    }()

    static func batch(_ l: some Landscape, _ points: [Vec2]) -> [Double] {
        [Double](unsafeUninitializedCapacity: points.count) { out, count in
            points.withUnsafeBufferPointer { l.values(at: $0, into: out) }
            count = points.count
        }
    }

    @Test(arguments: [Activation.tanh, .relu, .sigmoid])
    func batchIsBitIdenticalToOneValueAtATime(_ act: Activation) throws {
        let s = try Self.slice([2, 7, 5, 3], act)
        let batch = Self.batch(s, Self.points)
        let one = Self.points.map { s.value(at: $0) }
        #expect(batch.map(\.bitPattern) == one.map(\.bitPattern))
        // Through the existential the renderer holds, too.
        let any: any Landscape = s
        #expect(Self.batch(any, Self.points).map(\.bitPattern) == one.map(\.bitPattern))
        // A single point and none.
        #expect(Self.batch(s, [Self.points[4]]).map(\.bitPattern) == [one[4].bitPattern])
        #expect(Self.batch(s, []).isEmpty)
    }

    @Test func gridSliceIsTheBatchOfItsPoints() throws {
        let s = try Self.slice([2, 6, 2], .tanh)
        let grid = SliceGrid(columns: 7, rows: 5, a: -1...1, b: -0.5...2)
        let values = s.loss.sliceValues(s.plane, grid: grid)
        for r in 0..<grid.rows {
            for c in 0..<grid.columns {
                #expect(values[r * grid.columns + c].bitPattern == s.value(at: Vec2(grid.aValue(c), grid.bValue(r))).bitPattern)
            }
        }
    }

    /// The default batch of a formula landscape is its value, point by point.
    @Test func formulaLandscapesBatchTheirValues() throws {
        for name in ["rosenbrock", "beale", "rastrigin"] {
            let l = try LandscapeCatalog.make(name)
            #expect(Self.batch(l, Self.points).map(\.bitPattern) == Self.points.map { l.value(at: $0).bitPattern })
            #expect(l.valueCost == 0 && l.identity.isEmpty)
        }
    }

    @Test func identityTellsPlanesAndDataApart() throws {
        let a = try Self.slice([2, 6, 2], .tanh, seed: 1), again = try Self.slice([2, 6, 2], .tanh, seed: 1)
        let b = try Self.slice([2, 6, 2], .tanh, seed: 2)
        #expect(a.identity == again.identity)
        #expect(a.identity != b.identity)
        #expect(a.formula == b.formula && a.name == b.name)
        // Same plane, one origin entry moved by one ulp.
        var origin = a.plane.origin
        origin[3] = origin[3].nextUp
        let moved = SliceLandscape(loss: a.loss, plane: SlicePlane(origin: origin, dx: a.plane.dx, dy: a.plane.dy))
        #expect(moved.identity != a.identity)
        // Same plane, other data.
        let fewer = try Self.slice([2, 6, 2], .tanh, seed: 1, n: 30)
        #expect(fewer.identity != a.identity)
    }

    /// The cost grows with the rows and the layers; a tiny net on few rows is cheap.
    @Test func costFollowsTheNetworkAndTheRows() throws {
        let small = try Self.slice([2, 2], .tanh, n: 4), big = try Self.slice([2, 16, 16, 2], .tanh, n: 200)
        #expect(small.valueCost > 0 && small.valueCost < 1e-6)
        #expect(big.valueCost > 100 * small.valueCost)
        // And with the activation: an exp or log1p per unit (sigmoid, softplus) costs more than
        // the engine's tanh, which costs more than ReLU, more than the identity.
        let cost = try [Activation.sigmoid, .softplus, .tanh, .relu, .linear].map { try Self.slice([2, 16, 16, 2], $0, n: 200).valueCost }
        #expect(cost[0] == cost[1] && cost[1] > cost[2] && cost[2] > cost[3] && cost[3] > cost[4], "\(cost)")
    }
}
