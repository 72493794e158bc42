extension SlicePlane {
    /// Where θ lies relative to the plane: the plane point nearest to it, (a, b), by least
    /// squares (exact for directions that are not orthogonal), and how far θ is from it.
    public struct Projection: Sendable, Hashable {
        /// Coordinates of the nearest plane point.
        public let a: Double
        public let b: Double
        /// ‖θ − θ(a, b)‖, the distance from the plane.
        public let distance: Double
        /// ‖θ − origin‖, for judging `distance` (a point far from the origin and 1e-3 off the
        /// plane is on it; one 1e-3 from the origin and 1e-3 off is not).
        public let fromOrigin: Double

        /// distance / ‖θ − origin‖: 0 on the plane, 1 orthogonal to it (0 at the origin).
        public var relativeDistance: Double { fromOrigin > 0 ? distance / fromOrigin : 0 }
    }

    /// θ projected onto the plane. Directions that are parallel (a singular 2 × 2 system) project
    /// along dx alone.
    public func project(_ theta: [Double]) -> Projection {
        precondition(theta.count == origin.count)
        var xx = 0.0, xy = 0.0, yy = 0.0, xr = 0.0, yr = 0.0, rr = 0.0
        for i in theta.indices {
            let r = theta[i] - origin[i], x = dx[i], y = dy[i]
            xx += x * x; xy += x * y; yy += y * y; xr += x * r; yr += y * r; rr += r * r
        }
        let det = xx * yy - xy * xy
        var a = 0.0, b = 0.0
        if det > 1e-14 * xx * yy {
            a = (yy * xr - xy * yr) / det
            b = (xx * yr - xy * xr) / det
        } else if xx > 0 {
            a = xr / xx
        }
        // The residual's norm, summed directly (rr − … cancels badly near the plane).
        var d2 = 0.0
        for i in theta.indices {
            let e = theta[i] - origin[i] - a * dx[i] - b * dy[i]
            d2 += e * e
        }
        return Projection(a: a, b: b, distance: d2.squareRoot(), fromOrigin: rr.squareRoot())
    }

    /// The plane coordinates (a, b) of the projection of a direction v onto the plane's span
    /// (least squares, as ``project(_:)``): a·dx + b·dy is the part of v the plane shows.
    public func coordinates(ofDirection v: [Double]) -> Vec2 {
        let xx = Dense.dot(dx, dx), xy = Dense.dot(dx, dy), yy = Dense.dot(dy, dy)
        let xr = Dense.dot(dx, v), yr = Dense.dot(dy, v)
        let det = xx * yy - xy * xy
        if det > 1e-14 * xx * yy { return Vec2((yy * xr - xy * yr) / det, (xx * yr - xy * xr) / det) }
        return xx > 0 ? Vec2(xr / xx, 0) : .zero
    }

    /// The plane through three weight vectors (Garipov et al. 2018): origin w₁, dx = w₂ − w₁,
    /// dy = the part of w₃ − w₁ orthogonal to dx. So w₁ is at (0, 0), w₂ at (1, 0) and w₃ at
    /// (c, 1) with c = (w₃ − w₁)·dx / ‖dx‖². `nil` when the three are (nearly) collinear.
    public static func through(_ w1: [Double], _ w2: [Double], _ w3: [Double]) -> SlicePlane? {
        precondition(w1.count == w2.count && w2.count == w3.count)
        let u = zip(w2, w1).map { $0 - $1 }
        let r = zip(w3, w1).map { $0 - $1 }
        let uu = Dense.dot(u, u), rr = Dense.dot(r, r)
        guard uu > 0, rr > 0 else { return nil }
        let c = Dense.dot(r, u) / uu
        let v = zip(r, u).map { $0 - c * $1 }
        guard Dense.dot(v, v) > 1e-20 * rr else { return nil }
        return SlicePlane(origin: w1, dx: u, dy: v)
    }
}
