import OptiscapeCore
import OptiscapeRender

/// Figures of a network scene's contours (issue #15): the slice of a lesson net — 2-16-16-2
/// tanh, cross-entropy, `moons:n=200,noise=0.2`, torch's initialisation (seed 0), a
/// filter-normalised random plane through it — sampled over the plot of a 160×48 terminal, as
/// the terminal does it: the coarse field (one forward pass per cell centre) in the frame, then
/// the full field (the 2 × 4 dots per cell) off the render loop. The same net with ReLU shows
/// what the activation costs (tanh is most of a tanh net's forward pass).
enum NetworkFieldFigures {
    static func landscape(_ activation: Activation = .tanh) throws -> SliceLandscape {
        var flags = NetworkProblem.Flags(network: "2-16-16-2", data: "moons:n=200,noise=0.2")
        flags.activation = activation
        let p = try NetworkProblem(flags)
        let (dx, dy) = SliceDirections.gaussian(count: p.spec.parameterCount, seed: 0)
        let plane = SlicePlane(origin: p.theta, dx: SliceDirections.normalized(dx, .filter, theta: p.theta, spec: p.spec),
                               dy: SliceDirections.normalized(dy, .filter, theta: p.theta, spec: p.spec))
        return SliceLandscape(loss: p.training, plane: plane)
    }

    /// The overlay plot's viewport of a `columns`×`rows` terminal (loss panel shown, as a scene
    /// opens) for `box`, taken from a rendered frame.
    static func plotViewport(columns: Int, rows: Int, box: ViewBox) throws -> Viewport {
        var renderer = Renderer(colorMode: .full256)
        _ = renderer.render(try AppState(scene: RenderFigures.scene()), width: columns, height: rows)
        guard let rect = renderer.plotViewport?.rect else { throw BenchError("no plot at \(columns)×\(rows)") }
        return Viewport(box: box, rect: rect).withEqualAspect()
    }

    /// Milliseconds to the coarse field and to the full one (median of `repetitions`).
    static func times(_ slice: SliceLandscape, _ vp: Viewport, repetitions: Int) -> (coarse: Double, full: Double) {
        var coarseTimes: [Double] = [], fullTimes: [Double] = []
        for _ in 0..<repetitions {
            let start = Measure.now()
            let coarse = ContourField.coarse(landscape: slice, viewport: vp)
            coarseTimes.append(Measure.seconds(since: start) * 1e3)
            let full = ContourField(landscape: slice, viewport: vp, cellValues: coarse.cellValues) { false }
            fullTimes.append(Measure.seconds(since: start) * 1e3)
            blackHole(full!.bands)
        }
        return (Measure.median(coarseTimes), Measure.median(fullTimes))
    }

    static func figures(_ w: Workload) throws -> [Figure] {
        let slice = try landscape()
        let (cols, rows) = w.fieldTerminal
        let vp = try plotViewport(columns: cols, rows: rows, box: slice.view)
        let cells = vp.rect.width * vp.rect.height
        let where_ = "\(cols)×\(rows) terminal: \(vp.rect.width)×\(vp.rect.height) plot"
        let tanh = times(slice, vp, repetitions: w.repetitions)
        let relu = times(try landscape(.relu), vp, repetitions: w.repetitions)

        // One value at a time on one core (the contours' path before the batch), against the batch.
        let points = (0..<200).map { Vec2(-1 + Double($0) / 100, 0.3) }
        let serial = Measure.medianOf(w.repetitions) { () -> Double in
            let start = Measure.now()
            for p in points { blackHole(slice.value(at: p)) }
            return Measure.seconds(since: start) / Double(points.count)
        }
        let batch = Measure.medianOf(w.repetitions) { () -> Double in
            var out = [Double](repeating: 0, count: points.count)
            let start = Measure.now()
            points.withUnsafeBufferPointer { p in out.withUnsafeMutableBufferPointer { slice.values(at: p, into: $0) } }
            let t = Measure.seconds(since: start)
            blackHole(out[0])
            return t / Double(points.count)
        }
        return [
            Figure("netfield.coarse", tanh.coarse, "ms",
                   detail: "2-16-16-2 tanh, 200 rows: \(cells) cell centres, \(where_)", target: .atMost(500)),
            Figure("netfield.full", tanh.full, "ms",
                   detail: "coarse + \(8 * cells) dots: the scene's opening to its full field", target: .atMost(1500)),
            Figure("netfield.coarse.relu", relu.coarse, "ms", detail: "the same with ReLU", target: .atMost(500)),
            Figure("netfield.full.relu", relu.full, "ms", detail: "the same with ReLU", target: .atMost(1500)),
            Figure("netfield.value_serial", serial * 1e6, "µs", detail: "one value(at:) at a time, one core"),
            Figure("netfield.value_batch", batch * 1e6, "µs", detail: "per value of a 200-point batch, both cores"),
        ]
    }
}
