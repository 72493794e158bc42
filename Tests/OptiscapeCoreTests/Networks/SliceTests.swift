import Testing
@testable import OptiscapeCore

/// Slice planes, filter normalisation, PCA directions and the slice as a 2-D landscape.
@Suite struct SliceTests {
    /// θ with hidden layer `l` of a ReLU net scaled by c (its weights and bias) and the next layer's weights by 1/c.
    static func rescaled(_ spec: NetworkSpec, _ theta: [Double], layer l: Int, by c: Double) -> [Double] {
        var t = theta
        let a = spec.layers[l], b = spec.layers[l + 1]
        for e in a.weightOffset..<(a.biasOffset + a.fanOut) { t[e] *= c }
        for e in b.weightOffset..<b.biasOffset { t[e] /= c }
        return t
    }

    static func values(_ loss: NetworkLoss, _ theta: [Double], _ how: DirectionNormalization) -> [Double] {
        let (x, y) = SliceDirections.gaussian(count: theta.count, seed: 9)
        let plane = SlicePlane(origin: theta, dx: SliceDirections.normalized(x, how, theta: theta, spec: loss.spec),
                               dy: SliceDirections.normalized(y, how, theta: theta, spec: loss.spec))
        return loss.sliceValues(plane, grid: SliceGrid(columns: 5, rows: 4, a: -1...1, b: -0.5...1))
    }

    /// Li et al.'s point: a filter-normalised slice does not see the ×c / ÷c rescaling of a ReLU layer
    /// (the function is unchanged); a raw one does.
    @Test func filterNormalisedSliceIsInvariantToReLURescaling() throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 6, 5, 3], .relu, .crossEntropy, n: 25)
        let scaled = Self.rescaled(loss.spec, theta, layer: 0, by: 10)
        #expect(Swift.abs(loss.value(scaled) - loss.value(theta)) <= 1e-14 * loss.value(theta))
        let a = Self.values(loss, theta, .filter), b = Self.values(loss, scaled, .filter)
        #expect(NetworkFixtures.maxAbsDiff(a, b) <= 1e-13 * NetworkFixtures.maxAbs(a))
        let ra = Self.values(loss, theta, .none), rb = Self.values(loss, scaled, .none)
        #expect(NetworkFixtures.maxAbsDiff(ra, rb) > 1e-3, "raw directions see the rescaling")
    }

    @Test func filterNormalisationMatchesRowNormsAndZeroesBiases() throws {
        let spec = try NetworkSpec(sizes: [3, 4, 2])
        let theta = NetworkInitialization.torchDefault(spec, seed: 1)
        let (d, _) = SliceDirections.gaussian(count: theta.count, seed: 2)
        let f = SliceDirections.filterNormalized(d, theta: theta, spec: spec)
        for layer in spec.layers {
            for o in 0..<layer.fanOut {
                let r = (layer.weightOffset + o * layer.fanIn)..<(layer.weightOffset + (o + 1) * layer.fanIn)
                let nf = r.map { f[$0] * f[$0] }.reduce(0, +).squareRoot(), nt = r.map { theta[$0] * theta[$0] }.reduce(0, +).squareRoot()
                #expect(Swift.abs(nf - nt) <= 1e-15 * nt)
                #expect(Swift.abs(f[r.lowerBound] / d[r.lowerBound] - nt / r.map { d[$0] * d[$0] }.reduce(0, +).squareRoot()) < 1e-12)
            }
            #expect((0..<layer.fanOut).allSatisfy { f[layer.biasOffset + $0] == 0 })
        }
    }

    @Test func gridIsRowByRowWithBothEndsIncluded() {
        let g = SliceGrid(columns: 3, rows: 2, a: -1...1, b: 0...2)
        #expect((0..<3).map(g.aValue) == [-1, 0, 1] && (0..<2).map(g.bValue) == [0, 2])
        #expect(SliceGrid.size(parsing: "51x41")! == (51, 41) && SliceGrid.size(parsing: "7")! == (7, 7))
        #expect(SliceGrid.size(parsing: "0x3") == nil && SliceGrid.size(parsing: "3x") == nil)
        #expect(SliceGrid.ranges(parsing: "-1:1,-2:0.5")! == (-1...1, -2...0.5) && SliceGrid.ranges(parsing: "1:-1") == nil)
    }

    /// On a trajectory that moves along two known orthogonal axes, PCA finds them, signed toward θ₀ − θ_T.
    @Test func pcaFindsTheTrajectoryAxes() throws {
        let n = 6
        let u: [Double] = [1, 0, 0, 0, 0, 0], w: [Double] = [0, 0, 0.6, 0.8, 0, 0]
        var rows: [Double] = []
        // Coefficients orthogonal after centring: linear along u, quadratic (even) along w.
        for k in 0..<20 {
            let c = 9.5 - Double(k), s = c, t = 0.01 * (c * c - 33.25)
            rows += (0..<n).map { 5 + s * u[$0] + t * w[$0] }
        }
        let pca = try TrajectoryPCA(rows: rows, count: n)
        #expect(NetworkFixtures.maxAbsDiff(pca.x, u) < 1e-12)
        #expect(NetworkFixtures.maxAbsDiff(pca.y.map(Swift.abs), w) < 1e-12)
        #expect(pca.explained.0 > 0.9 && pca.explained.0 + pca.explained.1 > 1 - 1e-12)
        let file = TrajectoryFile.encode(rows: rows, count: n)
        #expect(try SafeTensors.parse(file, path: "t")["trajectory"]?.values == rows)
    }

    /// The slice landscape's gradient and Hessian are the plane's projections (checked by central differences).
    @Test func sliceLandscapeDerivativesMatchDifferences() throws {
        let (loss, theta) = try NetworkFixtures.loss([2, 5, 3], .tanh, .crossEntropy)
        let (x, y) = SliceDirections.gaussian(count: theta.count, seed: 4)
        let s = SliceLandscape(loss: loss, plane: SlicePlane(origin: theta, dx: x, dy: y))
        let p = Vec2(0.1, -0.2), h = 1e-5
        let j = s.jet(at: p)
        let gx = (s.value(at: Vec2(p.x + h, p.y)) - s.value(at: Vec2(p.x - h, p.y))) / (2 * h)
        let gy = (s.value(at: Vec2(p.x, p.y + h)) - s.value(at: Vec2(p.x, p.y - h))) / (2 * h)
        #expect(Swift.abs(j.gx - gx) < 1e-8 && Swift.abs(j.gy - gy) < 1e-8)
        let hxy = (s.gradient(at: Vec2(p.x, p.y + h)).x - s.gradient(at: Vec2(p.x, p.y - h)).x) / (2 * h)
        let hxx = (s.gradient(at: Vec2(p.x + h, p.y)).x - s.gradient(at: Vec2(p.x - h, p.y)).x) / (2 * h)
        #expect(Swift.abs(j.hxy - hxy) < 1e-7 * max(1, Swift.abs(hxy)) && Swift.abs(j.hxx - hxx) < 1e-7 * max(1, Swift.abs(hxx)))
        #expect(j.value == loss.value(s.plane.point(p.x, p.y)))
    }
}
