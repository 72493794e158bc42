/// The plane `optiscape slice` evaluates: its directions chosen by name, normalised, through θ.
public struct SliceSetup: Sendable {
    /// Where the two directions come from.
    public enum Source: Sendable, Equatable {
        case random
        case hessian
        /// PCA of a trajectory file (``TrajectoryFile``).
        case pca(trajectory: String)
        /// A safetensors file with tensors `x` and `y`.
        case file(String)
    }

    public let plane: SlicePlane
    /// One line for stderr: the directions, their normalisation and cosine, and what else is known.
    public let note: String

    /// `normalize` nil means the default: `filter` for random directions, `none` for the others
    /// (eigenvectors, principal components and given directions are used as they are unless asked).
    public init(problem: NetworkProblem, source: Source, normalize: DirectionNormalization?) throws(DataError) {
        let n = problem.spec.parameterCount
        var theta = problem.theta
        var (x, y): ([Double], [Double])
        var extra = ""
        switch source {
        case .random:
            (x, y) = SliceDirections.gaussian(count: n, seed: problem.seed)
        case .hessian:
            guard n >= 2 else { throw DataError(description: "--directions hessian needs at least 2 parameters") }
            do {
                let h = try SliceDirections.hessian(problem.training, theta: theta, seed: problem.seed)
                (x, y) = (h.x, h.y)
                extra = ", λ₁ \(h.values[0]), λ₂ \(h.values[1])"
            } catch { throw DataError(description: "--directions hessian: \(error)") }
        case .pca(let path):
            let rows = try TrajectoryFile.load(path: path, count: n)
            let pca = try TrajectoryPCA(rows: rows, count: n)
            (x, y) = (pca.x, pca.y)
            // Without --weights the plane goes through the trajectory's last point.
            if problem.thetaSource.hasPrefix("init(") { theta = Array(rows[(rows.count - n)...]) }
            extra = ", explained variance \(pca.explained.0.significant()), \(pca.explained.1.significant())"
        case .file(let path):
            (x, y) = try NetworkWeights.directions(SafeTensors.load(path: path), count: n, path: path)
        }
        let how = normalize ?? (source == .random ? .filter : .none)
        x = SliceDirections.normalized(x, how, theta: theta, spec: problem.spec)
        y = SliceDirections.normalized(y, how, theta: theta, spec: problem.spec)
        guard x.contains(where: { $0 != 0 }), y.contains(where: { $0 != 0 }) else {
            throw DataError(description: "a slice direction is zero (filter normalisation of all-zero weights gives zero rows; try --normalize none)")
        }
        plane = SlicePlane(origin: theta, dx: x, dy: y)
        let name: String
        switch source {
        case .random: name = "random"
        case .hessian: name = "hessian"
        case .pca(let p): name = "pca of \(p)"
        case .file(let p): name = p
        }
        note = "slice: directions \(name), normalize \(how.rawValue), cosine \(plane.cosine.significant(6))\(extra)"
    }

    /// The CSV text `a,b,loss`, one grid row (fixed b) after another.
    public static func csv(_ loss: NetworkLoss, plane: SlicePlane, grid: SliceGrid, emit: (String) -> Void) {
        emit("a,b,loss\n")
        let values = loss.sliceValues(plane, grid: grid)
        for r in 0..<grid.rows {
            var chunk = ""
            let b = grid.bValue(r)
            for c in 0..<grid.columns { chunk += "\(grid.aValue(c)),\(b),\(values[r * grid.columns + c])\n" }
            emit(chunk)
        }
    }
}
