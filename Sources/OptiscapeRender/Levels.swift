import Foundation

/// How contour levels are spread between the lowest and highest value of a field.
public enum LevelSpacing: String, Hashable, Sendable, CaseIterable {
    /// Geometric in the height above the minimum: dense near the bottom of a valley, where
    /// optimizers spend their time, sparse up the walls. Works for negative values too.
    case log
    /// Evenly spaced.
    case linear
}

/// What contour levels to draw: how many, how spaced, over what range.
public struct LevelSpec: Hashable, Sendable {
    /// Number of levels N (clamped to 1…64); they separate N + 1 bands.
    public var count: Int { didSet { count = LevelSpec.clampCount(count) } }
    public var spacing: LevelSpacing
    /// For ``LevelSpacing/log``: how many decades below the range the lowest level sits
    /// (level k of N is `min + (max − min) · 10^(−decades · (N + 1 − k) / N)`; with 10 levels
    /// and 3 decades each level is about half as high above the minimum as the next).
    public var decades: Double
    /// A fixed value range instead of the field's own minimum and maximum (e.g. to keep the
    /// colours steady while zooming). `nil`: the field's finite minimum and maximum.
    public var range: ClosedRange<Double>?
    /// The highest value levels span when the field reaches above it (nil: the field's maximum):
    /// the rest is one top band, so steep walls do not take every level.
    public var ceiling: Double?

    public init(count: Int = 10, spacing: LevelSpacing = .log, decades: Double = 3,
                range: ClosedRange<Double>? = nil, ceiling: Double? = nil) {
        self.count = LevelSpec.clampCount(count)
        self.spacing = spacing
        self.decades = decades.isFinite && decades > 0 ? decades : 3
        self.range = range
        self.ceiling = ceiling
    }

    /// Ten log-spaced levels over three decades (the highest at about half the range).
    public static let `default` = LevelSpec()

    static func clampCount(_ n: Int) -> Int { Swift.min(Swift.max(n, 1), 64) }
}

/// Contour levels: finite, strictly increasing values. `values.count` levels make
/// `values.count + 1` bands; band *b* holds the values with exactly *b* levels at or below them.
public struct Levels: Hashable, Sendable {
    /// The level values, finite and strictly increasing (possibly empty: a flat field).
    public let values: [Double]

    /// Levels from explicit values (non-finite ones dropped, sorted, duplicates removed).
    public init(values: [Double]) {
        var v = values.filter(\.isFinite).sorted()
        var out: [Double] = []
        out.reserveCapacity(v.count)
        for x in v where out.last != x { out.append(x) }
        v = out
        self.values = v
    }

    /// Levels for `spec` between `minimum` and `maximum` (the spec's own range wins when set).
    /// Empty when the range is empty, inverted or not finite.
    public init(spec: LevelSpec, minimum: Double, maximum: Double) {
        let lo = spec.range?.lowerBound ?? minimum
        var hi = spec.range?.upperBound ?? maximum
        if let c = spec.ceiling, c < hi { hi = c }
        guard lo.isFinite, hi.isFinite, hi > lo else { self.init(values: []); return }
        // Half the range, so that extreme ranges (−1e308…1e308) do not overflow.
        let half = hi / 2 - lo / 2
        let n = spec.count
        var v: [Double] = []
        v.reserveCapacity(n)
        for k in 1...n {
            let f: Double
            switch spec.spacing {
            case .linear: f = Double(k) / Double(n + 1)
            case .log: f = Foundation.pow(10, -spec.decades * Double(n + 1 - k) / Double(n))
            }
            let level = lo + half * f + half * f
            if level > lo && level < hi { v.append(level) }
        }
        self.init(values: v)
    }

    /// How many bands the levels separate: `values.count + 1`.
    @inlinable public var bandCount: Int { values.count + 1 }

    /// The band of `value`: the number of levels at or below it (0…`values.count`),
    /// or `nil` for NaN. `+inf` is in the top band, `−inf` in band 0.
    @inlinable
    public func band(of value: Double) -> Int? {
        if value.isNaN { return nil }
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if values[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The band's place on a dark-to-bright ramp: 0 for band 0, 1 for the top band
    /// (0 when there is only one band).
    @inlinable
    public func position(ofBand band: Int) -> Double {
        values.isEmpty ? 0 : Swift.min(Swift.max(Double(band) / Double(values.count), 0), 1)
    }
}
