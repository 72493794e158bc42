import Foundation

extension Double {
    /// Shortest round-trip text: reading it back gives the same Double (`"0.1"`, `"1e-05"`, `"100.0"`).
    @inlinable public var roundTrip: String { description }

    /// Short text for formulas and labels: whole numbers without ".0", others round-trip.
    public var compact: String {
        if self == rounded(), Swift.abs(self) < 1e15 { return String(Int64(self)) }
        return description
    }

    /// ``compact`` when it is short, else 4 significant digits: a rate worked out from the
    /// curvature (`lr: {limit: 0.95}`) reads `0.06333`, not `0.06333333333333332`.
    public var shortLabel: String {
        let c = compact
        return c.count <= 8 ? c : significant(4)
    }

    /// Fixed significant digits for panels: `3.142`, `1.23e-05`, `-inf`, `nan`.
    public func significant(_ digits: Int = 4) -> String {
        guard isFinite else { return isNaN ? "nan" : (self < 0 ? "-inf" : "inf") }
        if self == 0 { return "0" }
        let mag = Swift.abs(self)
        if mag >= 1e-3 && mag < 1e6 { return String(format: "%.\(digits)g", self) }
        return String(format: "%.\(Swift.max(digits - 1, 1))e", self)
    }
}
