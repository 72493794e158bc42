/// A network's loss on a plane as a 2-D ``Landscape``: f(a, b) = L(θ₀ + a·dx + b·dy), with the
/// exact gradient (dxᵀ∇L, dyᵀ∇L) and Hessian [dxᵀH dx, dxᵀH dy; dyᵀH dx, dyᵀH dy] from two HVPs.
/// Everything that takes a landscape (contours, 2-D runners, `render`) takes it unchanged.
public struct SliceLandscape: Landscape {
    public let loss: NetworkLoss
    public let plane: SlicePlane
    public let view: ViewBox
    /// What a network scene knows besides the loss (nil for a bare slice, `optiscape slice`).
    public let network: Network?

    /// A network scene's problem (its θ₀ and validation set) and how its plane was chosen.
    public struct Network: Sendable {
        public let problem: NetworkProblem
        /// One line on the plane: how it was chosen, and what that hides (PCA's explained variance).
        public let note: String
        /// θ₀ scaled by this (a scene's `init_scale`: near the origin's saddle, §8.2.3).
        public var initScale: Double? = nil
    }

    public init(loss: NetworkLoss, plane: SlicePlane, view: ViewBox = ViewBox(x: -1...1, y: -1...1), network: Network? = nil) {
        self.loss = loss
        self.plane = plane
        self.view = view
        self.network = network
    }

    public var name: String { network == nil ? "slice" : "network \(loss.spec.sizesText)" }
    public var formula: String {
        let spec = loss.spec
        return network == nil ? "L(θ₀ + a·dx + b·dy), network \(spec)"
            : "L(θ₀ + a·dx + b·dy), \(spec.activation.rawValue), \(spec.loss.rawValue), N = \(spec.parameterCount)"
    }
    public var defaultStart: Vec2 { Vec2(0, 0) }

    public func value(at p: Vec2) -> Double { loss.value(plane.point(p.x, p.y)) }

    public func valueAndGradient(at p: Vec2) -> (value: Double, gradient: Vec2) {
        let (v, g) = loss.valueAndGradient(plane.point(p.x, p.y))
        return (v, Vec2(Dense.dot(plane.dx, g), Dense.dot(plane.dy, g)))
    }

    public func jet(at p: Vec2) -> Jet2 {
        let theta = plane.point(p.x, p.y)
        let (v, g) = loss.valueAndGradient(theta)
        let n = loss.parameterCount
        let hv = loss.hessianTimes(theta, directions: plane.dx + plane.dy, count: 2)
        let hx = Array(hv[0..<n]), hy = Array(hv[n..<(2 * n)])
        let hxy = 0.5 * (Dense.dot(plane.dy, hx) + Dense.dot(plane.dx, hy))
        return Jet2(value: v, gx: Dense.dot(plane.dx, g), gy: Dense.dot(plane.dy, g),
                    hxx: Dense.dot(plane.dx, hx), hxy: hxy, hyy: Dense.dot(plane.dy, hy))
    }
}
