import Foundation
import Synchronization
import Testing
import OptiscapeCore
@testable import OptiscapeRender

/// Holds a landscape's batches until opened, so a test decides when the background field can finish.
final class Gate: Sendable {
    let opened = Atomic<Bool>(false)
    func pass() {
        while !opened.load(ordering: .relaxed) { usleep(1000) }
    }
}

/// The bowl, claiming to be as costly as a network's slice, its batches of dots (spaced
/// closer than 0.06 across, as the test viewports' dots are: their cell centres, twice as far
/// apart, pass) held by a gate.
struct GatedBowl: Landscape {
    let gate: Gate
    var name: String { "gated bowl" }
    var formula: String { "x² + y²" }
    var view: ViewBox { ViewBox(x: -2...2, y: -2...2) }
    var valueCost: Double { 1e-3 }
    func value(at p: Vec2) -> Double { p.x * p.x + p.y * p.y }
    func valueAndGradient(at p: Vec2) -> (value: Double, gradient: Vec2) { (value(at: p), Vec2(2 * p.x, 2 * p.y)) }
    func jet(at p: Vec2) -> Jet2 { Jet2(value: value(at: p), gx: 2 * p.x, gy: 2 * p.y, hxx: 2, hxy: 0, hyy: 2) }
    func values(at points: UnsafeBufferPointer<Vec2>, into out: UnsafeMutableBufferPointer<Double>) {
        if points.count >= 2 && points[1].x - points[0].x < 0.06 { gate.pass() }
        for k in points.indices { out[k] = value(at: points[k]) }
    }
}

/// Contours of costly landscapes: the batch path, the coarse field, the background full field
/// and the swap, and cache keys of slices.
@Suite struct ProgressiveFieldTests {
    static let vp = Viewport(box: ViewBox(x: -1...1, y: -1...1), rect: Rect(col: 2, row: 1, width: 23, height: 9))

    static func slice(seed: UInt64) throws -> SliceLandscape {
        let spec = try NetworkSpec(sizes: [2, 6, 3], activation: .tanh, loss: .crossEntropy)
        let data = try DataGenerator(parsing: "blobs:n=24").generate(runSeed: 5, loss: .crossEntropy)
        let loss = try NetworkLoss(spec: spec, data: data)
        let theta = NetworkInitialization.torchDefault(spec, seed: 1)
        let (x, y) = SliceDirections.gaussian(count: theta.count, seed: seed)
        return SliceLandscape(loss: loss, plane: SlicePlane(origin: theta, dx: SliceDirections.filterNormalized(x, theta: theta, spec: spec),
                                                            dy: SliceDirections.filterNormalized(y, theta: theta, spec: spec)))
    }

    static func same(_ a: ContourField, _ b: ContourField) -> Bool {
        a.samples.map(\.bitPattern) == b.samples.map(\.bitPattern) && a.cellValues.map(\.bitPattern) == b.cellValues.map(\.bitPattern)
            && a.bands == b.bands && a.isoBits == b.isoBits && a.levels == b.levels
    }

    /// The field's samples are the slice's values at the dot and cell centres, bit for bit.
    @Test func sliceFieldSamplesAreItsValues() throws {
        let s = try Self.slice(seed: 2)
        let f = ContourField(landscape: s, viewport: Self.vp)
        let box = Self.vp.box, sw = f.sampleWidth, sh = f.sampleHeight
        let stepX = box.width / Double(sw), stepY = box.height / Double(sh)
        for j in 0..<sh {
            for i in 0..<sw {
                let v = s.value(at: Vec2(box.xMin + (Double(i) + 0.5) * stepX, box.yMax - (Double(j) + 0.5) * stepY))
                #expect(f.samples[j * sw + i].bitPattern == v.bitPattern)
            }
        }
        for r in 0..<Self.vp.rect.height {
            for c in 0..<Self.vp.rect.width {
                let v = s.value(at: Self.vp.world(ofCell: Self.vp.rect.col + c, row: Self.vp.rect.row + r))
                #expect(Swift.abs(f.cellValues[r * Self.vp.rect.width + c] - v) <= 1e-12 * Swift.abs(v))
            }
        }
        #expect(!f.isCoarse)
    }

    /// The coarse field has the full field's exact cell values, each cell's dots repeating its
    /// centre; the full field from those cell values is the field computed at once.
    @Test func coarseThenFullIsTheField() throws {
        let s = try Self.slice(seed: 2)
        let full = ContourField(landscape: s, viewport: Self.vp)
        let coarse = ContourField.coarse(landscape: s, viewport: Self.vp)
        #expect(coarse.isCoarse)
        #expect(coarse.cellValues.map(\.bitPattern) == full.cellValues.map(\.bitPattern))
        let cw = Self.vp.rect.width
        for j in 0..<coarse.sampleHeight {
            for i in 0..<coarse.sampleWidth {
                #expect(coarse.samples[j * coarse.sampleWidth + i] == coarse.cellValues[(j / 4) * cw + i / 2])
            }
        }
        #expect(coarse.isoBits.contains { $0 != 0 }, "the coarse field draws iso-lines along cell edges")
        let refined = try #require(ContourField(landscape: s, viewport: Self.vp, cellValues: coarse.cellValues) { false })
        #expect(Self.same(refined, full) && !refined.isCoarse)
        #expect(ContourField(landscape: s, viewport: Self.vp, cellValues: coarse.cellValues) { true } == nil)
    }

    /// Progressive: a costly landscape gives the coarse field at once and the full one by the
    /// first frame after the background work is done; no frame waits for it.
    @Test func progressiveRendererSwapsTheFullFieldIn() async throws {
        let gate = Gate()
        let l = GatedBowl(gate: gate)
        var r = Renderer(colorMode: .full256)
        r.progressive = true
        #expect(FieldRefinement.isCostly(l, Self.vp))
        let first = r.field(of: l, key: "gated", viewport: Self.vp, levels: .default)
        #expect(first.isCoarse && r.isRefining && !r.refinementReady)
        // Frames while the full field is held back: still the coarse one, returned at once.
        for _ in 0..<3 {
            #expect(r.field(of: l, key: "gated", viewport: Self.vp, levels: .default).isCoarse)
        }
        #expect(r.fieldComputations == 0)
        gate.opened.store(true, ordering: .relaxed)
        let deadline = Date().addingTimeInterval(30)
        while !r.refinementReady && Date() < deadline { try await Task.sleep(nanoseconds: 2_000_000) }
        #expect(r.refinementReady)
        let swapped = r.field(of: l, key: "gated", viewport: Self.vp, levels: .default)
        #expect(!swapped.isCoarse && !r.isRefining && !r.refinementReady && r.fieldComputations == 1)
        #expect(Self.same(swapped, ContourField(landscape: Bowl(), viewport: Self.vp)))
        // Cached from now on.
        #expect(!r.field(of: l, key: "gated", viewport: Self.vp, levels: .default).isCoarse && r.fieldComputations == 1)
    }

    /// A frame without a plot (terminal too small) files a finished refinement in the cache,
    /// so the terminal loop stops waking for it.
    @Test func frameWithoutPlotSettlesAFinishedRefinement() async throws {
        let gate = Gate()
        gate.opened.store(true, ordering: .relaxed)
        let l = GatedBowl(gate: gate)
        var r = Renderer(colorMode: .full256)
        r.progressive = true
        #expect(r.field(of: l, key: "gated", viewport: Self.vp, levels: .default).isCoarse)
        let deadline = Date().addingTimeInterval(30)
        while !r.refinementReady && Date() < deadline { try await Task.sleep(nanoseconds: 2_000_000) }
        let scene = Scene(title: "t", landscape: .builtIn(name: "rosenbrock", parameters: [:]),
                          runners: [RunnerConfig(optimizer: OptimizerSpec(.sgd), start: Vec2(-1.5, 2))])
        _ = r.render(try AppState(scene: scene), width: 10, height: 4)
        #expect(!r.isRefining && !r.refinementReady && r.fieldComputations == 1)
        #expect(!r.field(of: l, key: "gated", viewport: Self.vp, levels: .default).isCoarse && r.fieldComputations == 1)
    }

    /// Another field asked for while one is refined stops that work (waiting for its batch to
    /// return) and starts its own; leaving the scene stops that one.
    @Test func anotherViewportStopsTheRefinement() throws {
        let gate = Gate()
        let l = GatedBowl(gate: gate)
        var r = Renderer(colorMode: .full256)
        r.progressive = true
        _ = r.field(of: l, key: "gated", viewport: Self.vp, levels: .default)
        let old = try #require(r.refinement)
        // The old work is held in its first batch; once let go it stops at the next.
        gate.opened.store(true, ordering: .relaxed)
        let other = Self.vp.with(rect: Rect(col: 2, row: 1, width: 20, height: 9))
        #expect(r.field(of: l, key: "gated", viewport: other, levels: .default).isCoarse)
        #expect(r.refinement !== old && r.refinement?.key.viewport == other)
        r.stopRefining()
        #expect(!r.isRefining)
    }

    /// Off (`render`, pictures, tests) or for a cheap landscape, the full field comes at once.
    @Test func fullFieldAtOnceWhenNotProgressiveOrCheap() throws {
        let gate = Gate()
        gate.opened.store(true, ordering: .relaxed)
        var off = Renderer(colorMode: .full256)
        #expect(!off.field(of: GatedBowl(gate: gate), key: "gated", viewport: Self.vp, levels: .default).isCoarse)
        #expect(!off.isRefining && off.fieldComputations == 1)
        var on = Renderer(colorMode: .full256)
        on.progressive = true
        #expect(!FieldRefinement.isCostly(Bowl(), Self.vp))
        #expect(!on.field(of: Bowl(), key: "bowl", viewport: Self.vp, levels: .default).isCoarse && !on.isRefining)
    }

    /// Two slices of one network on different planes never share a cached field.
    @Test func slicesOnDifferentPlanesHaveDifferentKeys() throws {
        let a = try Self.slice(seed: 2), b = try Self.slice(seed: 3), a2 = try Self.slice(seed: 2)
        let ka = PlotContent.key(of: a, a), kb = PlotContent.key(of: b, b)
        #expect(ka != kb && ka == PlotContent.key(of: a2, a2))
        var r = Renderer(colorMode: .full256)
        let fa = r.field(of: a, key: ka, viewport: Self.vp, levels: .default)
        let fb = r.field(of: b, key: kb, viewport: Self.vp, levels: .default)
        #expect(r.fieldComputations == 2 && fa.cellValues != fb.cellValues)
        _ = r.field(of: a2, key: PlotContent.key(of: a2, a2), viewport: Self.vp, levels: .default)
        #expect(r.fieldComputations == 2)
    }
}
