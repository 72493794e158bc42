/// A network's loss on a plane as a 2-D ``Landscape``: f(a, b) = L(θ₀ + a·dx + b·dy), with the
/// exact gradient (dxᵀ∇L, dyᵀ∇L) and Hessian [dxᵀH dx, dxᵀH dy; dyᵀH dx, dyᵀH dy] from two HVPs.
/// Everything that takes a landscape (contours, 2-D runners, `render`) takes it unchanged.
public struct SliceLandscape: Landscape {
    public let loss: NetworkLoss
    public let plane: SlicePlane
    public let view: ViewBox
    /// What a network scene knows besides the loss (nil for a bare slice, `optiscape slice`).
    public let network: Network?
    /// Tells slices of the same network apart for caches: a hash of every bit of the plane
    /// (origin and directions) and of the data (``Landscape/identity``).
    public let identity: String

    /// A network scene's problem (its θ₀ and validation set) and how its plane was chosen.
    public struct Network: Sendable {
        public let problem: NetworkProblem
        /// One line on the plane: how it was chosen, and what that hides (PCA's explained variance).
        public let note: String
        /// θ₀ scaled by this (a scene's `init_scale`: near the origin's saddle, §8.2.3).
        public var initScale: Double? = nil
        /// The weight vectors the plane was built through, as the plot marks them (A, B, C).
        public var anchors: [Anchor] = []
    }

    /// A point of weight space the plane goes through, exactly on it: its letter on the plot,
    /// its plane coordinates, and what it is ("θ₀", "the trained end", …).
    public struct Anchor: Sendable, Equatable {
        public let letter: Character
        public let point: Vec2
        public let what: String
        public init(_ letter: Character, _ point: Vec2, _ what: String) {
            self.letter = letter; self.point = point; self.what = what
        }
        /// "(a, b) what", as the legends (terminal and picture) say it after the letter.
        public var label: String { "(\(point.x.significant(3)), \(point.y.significant(3))) \(what)" }
    }

    public init(loss: NetworkLoss, plane: SlicePlane, view: ViewBox = ViewBox(x: -1...1, y: -1...1), network: Network? = nil) {
        self.loss = loss
        self.plane = plane
        self.view = view
        self.network = network
        identity = Self.fingerprint(loss.data, plane)
    }

    public var name: String { network == nil ? "slice" : "network \(loss.spec.sizesText)" }
    public var formula: String {
        let spec = loss.spec
        return network == nil ? "L(θ₀ + a·dx + b·dy), network \(spec)"
            : "L(θ₀ + a·dx + b·dy), \(spec.activation.rawValue), \(spec.loss.rawValue), N = \(spec.parameterCount)"
    }
    public var defaultStart: Vec2 { Vec2(0, 0) }

    public func value(at p: Vec2) -> Double { loss.value(plane.point(p.x, p.y)) }

    /// One forward pass per point, the points spread over the cores (``NetworkLoss/sliceValues(_:at:into:)``).
    public func values(at points: UnsafeBufferPointer<Vec2>, into out: UnsafeMutableBufferPointer<Double>) {
        loss.sliceValues(plane, at: points, into: out)
    }

    /// One forward pass over every row: a nanosecond per multiply-add of the layers' products
    /// and, per hidden activation, what it costs here: tanh 4 ns (``NetworkTanh``'s loops take
    /// ≈ 2–3 ns a value at AVX-512's width, ≈ 9 at SSE2's; glibc's took ≈ 18), ReLU 1, the
    /// identity 0, sigmoid and softplus 20 (an `exp` or `log1p` each, one at a time) — roughly
    /// what this machine does.
    public var valueCost: Double {
        let layers = loss.spec.layers
        let products = layers.reduce(0) { $0 + $1.fanOut * ($1.fanIn + 1) }
        let activations = layers.dropLast().reduce(0) { $0 + $1.fanOut }
        let each: Double
        switch loss.spec.activation {
        case .tanh: each = 4
        case .relu: each = 1
        case .linear: each = 0
        case .sigmoid, .softplus: each = 20
        }
        return Double(loss.data.count) * (Double(products) + each * Double(activations)) * 1e-9
    }

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

extension SliceLandscape {
    /// FNV-1a (64 bits) over the bit patterns of the plane's and the data's numbers, as hex.
    static func fingerprint(_ data: NetworkData, _ plane: SlicePlane) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        @inline(__always) func mix(_ v: UInt64) {
            var v = v
            for _ in 0..<8 { h = (h ^ (v & 0xff)) &* 0x0000_0100_0000_01b3; v >>= 8 }
        }
        for list in [plane.origin, plane.dx, plane.dy, data.features] {
            mix(UInt64(list.count))
            for x in list { mix(x.bitPattern) }
        }
        switch data.targets {
        case .labels(let y): mix(0); for v in y { mix(UInt64(bitPattern: Int64(v))) }
        case .values(let t, let k): mix(UInt64(k)); for v in t { mix(v.bitPattern) }
        }
        return String(h, radix: 16)
    }
}
