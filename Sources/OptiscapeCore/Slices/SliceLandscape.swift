/// A network's loss on a plane as a 2-D ``Landscape``: f(a, b) = L(θ₀ + a·dx + b·dy), with the
/// exact gradient (dxᵀ∇L, dyᵀ∇L) and Hessian [dxᵀH dx, dxᵀH dy; dyᵀH dx, dyᵀH dy] from two HVPs.
/// Everything that takes a landscape (contours, 2-D runners, `render`) takes it unchanged.
public struct SliceLandscape: Landscape {
    public let loss: NetworkLoss
    public let plane: SlicePlane
    public let view: ViewBox

    public init(loss: NetworkLoss, plane: SlicePlane, view: ViewBox = ViewBox(x: -1...1, y: -1...1)) {
        self.loss = loss
        self.plane = plane
        self.view = view
    }

    public var name: String { "slice" }
    public var formula: String { "L(θ₀ + a·dx + b·dy), network \(loss.spec)" }
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
