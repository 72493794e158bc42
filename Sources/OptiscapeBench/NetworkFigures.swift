import OptiscapeCore

/// Figures of the network engine (issue #14), on the problem: a 2-16-16-2 ReLU MLP
/// (354 parameters), cross-entropy, 200 points (`moons:n=200,noise=0.2`), in this process.
/// `benchmarks/networks_torch.py` measures the same work in PyTorch and prints the ratios.
///
/// GFLOP/s count only the floating-point work of the matrix products (2·m·n·k per `dgemm`), not
/// the activations, the loss head or the optimizer update: the rate the BLAS calls reach.
enum NetworkFigures {
    static let sizes = [2, 16, 16, 2]
    static let rows = 200
    /// The Adam figure's steps per repetition (PyTorch's side times 200-step runs of its loop).
    static let adamSteps = 1000

    static func problem() throws -> NetworkProblem {
        var flags = NetworkProblem.Flags(network: sizes.map(String.init).joined(separator: "-"), data: "moons:n=\(rows),noise=0.2")
        flags.activation = .relu
        return try NetworkProblem(flags)
    }

    /// Multiply-add flops of one forward pass over n rows.
    static func forwardFlops(_ n: Int) -> Double {
        zip(sizes, sizes.dropFirst()).reduce(0.0) { $0 + 2 * Double(n * $1.0 * $1.1) }
    }

    /// One forward and backward pass: the forward products, ∂L/∂W for every layer, ∂L/∂A for all but the first.
    static func gradientFlops(_ n: Int) -> Double {
        let layers = Array(zip(sizes, sizes.dropFirst()))
        let back = layers.enumerated().reduce(0.0) { $0 + 2 * Double(n * $1.1.0 * $1.1.1) * ($1.0 == 0 ? 1 : 2) }
        return forwardFlops(n) + back
    }

    static func figures(_ w: Workload) throws -> [Figure] {
        let p = try problem()
        var out: [Figure] = []

        // Adam, full batch: each step is one forward and backward pass over all 200 rows (the
        // gradient at θ_k is the one the trace reports at step k, so it is computed once) and
        // the update; the full-set loss at every step comes with it, as the trace prints it.
        // A fixed number of steps from the same θ₀ every repetition, each one a real step: a
        // runner that stopped would make later calls free and the figure a lie.
        let config = RunnerConfig(optimizer: OptimizerSpec(.adam), start: .zero)
        let steps = adamSteps
        let stepSeconds = try Measure.medianOf(w.repetitions) { () throws -> Double in
            var runner = try NetworkRunner(config: config, training: p.training, theta: p.theta, seed: 0, stream: 0,
                                           rules: StoppingRules(gradientTolerance: 0))
            let start = Measure.now()
            for k in 0..<steps where !runner.advance() {
                throw BenchError("network.adam_step: the runner stopped at step \(k): \(runner.status.text)")
            }
            let elapsed = Measure.seconds(since: start)
            blackHole(runner.loss)
            return elapsed / Double(steps)
        }
        out.append(Figure("network.adam_step", stepSeconds * 1e6, "µs",
                          detail: "NetworkRunner.advance, \(adamSteps) steps from θ₀: 2-16-16-2 relu, 200 rows, full batch, full-set loss each step; OpenBLAS kernels \(BLASKernels.summary)"))
        out.append(Figure("network.adam_step.gflops", gradientFlops(rows) / stepSeconds / 1e9, "GFLOP/s",
                          detail: "dgemm work of one forward+backward pass per step"))

        // A 51×51 slice (the plane of filter-normalised random directions), both cores.
        let (dx, dy) = SliceDirections.gaussian(count: p.spec.parameterCount, seed: 0)
        let plane = SlicePlane(origin: p.theta, dx: SliceDirections.normalized(dx, .filter, theta: p.theta, spec: p.spec),
                               dy: SliceDirections.normalized(dy, .filter, theta: p.theta, spec: p.spec))
        let grid = SliceGrid(columns: 51, rows: 51, a: -1...1, b: -1...1)
        let sliceSeconds = Measure.medianOf(w.repetitions) { () -> Double in
            let start = Measure.now()
            blackHole(p.training.sliceValues(plane, grid: grid)[0])
            return Measure.seconds(since: start)
        }
        out.append(Figure("network.slice_51x51", sliceSeconds * 1e3, "ms", detail: "2601 losses on the grid", target: .atMost(100)))
        out.append(Figure("network.slice_51x51.gflops", 2601 * forwardFlops(rows) / sliceSeconds / 1e9, "GFLOP/s",
                          detail: "dgemm work of 2601 forward passes"))

        // The full spectrum: N = 354 HVPs (batched) and dsyevd.
        let n = Double(p.spec.parameterCount)
        let hessianSeconds = try Measure.medianOf(w.repetitions) { () throws -> Double in
            let start = Measure.now()
            blackHole(try p.training.spectrum(p.theta)[0])
            return Measure.seconds(since: start)
        }
        out.append(Figure("network.hessian_full", hessianSeconds * 1e3, "ms", detail: "354 HVPs + LAPACK dsyevd"))
        // An HVP is counted as two gradients' products (the R-forward and R-backward passes);
        // dsyevd without vectors as 4N³/3 (its tridiagonal reduction).
        out.append(Figure("network.hessian_full.gflops", (n * 2 * gradientFlops(rows) + 4 * n * n * n / 3) / hessianSeconds / 1e9, "GFLOP/s",
                          detail: "≈ 2 gradients per HVP + 4N³/3 for the reduction"))
        return out
    }
}
