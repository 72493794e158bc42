/// The runners' colours, chosen together with the height palette (``ContourPalette/standard``).
///
/// Height is shown by lightness only (grey bands and grey iso-lines, dark low, light high), so
/// hue belongs to the runners: every runner colour here is a saturated hue, far from every grey
/// of the contours, and the hues are spread round the colour wheel so that neighbours in the
/// default order differ most (red, cyan, yellow, magenta, green, orange, blue, pink, purple,
/// lavender).
///
/// Plain data, so that other outputs (an SVG or PNG picture) can use the same colours: each
/// ``Entry`` has its sRGB value, its xterm 256-colour index (whose xterm RGB it is) and its
/// 8-colour equivalent. ``faded(_:)`` (older parts of a trail, diverged runners) and
/// ``lighter(_:)`` (held-out curves) derive the other shades from the RGB value, so a picture
/// output derives the same shades by the same arithmetic (``RGB/scaled(_:)``, ``RGB/mixed(with:_:)``).
public struct RunnerPalette: Hashable, Sendable {
    /// One runner colour.
    public struct Entry: Hashable, Sendable {
        /// The name a scene uses (`color: cyan`).
        public var name: String
        /// Its index in the xterm 256-colour palette.
        public var index256: UInt8
        /// Its nearest basic colour (0–7) for 8-colour terminals.
        public var index8: UInt8
        /// Its sRGB value (xterm's value for `index256`).
        public var rgb: RGB { RGB(Color.xtermRGB(index256)) }
    }

    /// The colours given to runners without a `color:`, in order (cycled).
    public var cycle: [Entry]
    /// Every colour a scene may name (the cycle's and a few more).
    public var named: [Entry]

    /// The default palette.
    public static let standard: RunnerPalette = {
        func e(_ n: String, _ i: UInt8, _ b: UInt8) -> Entry { Entry(name: n, index256: i, index8: b) }
        let cycle = [e("red", 196, 1), e("cyan", 51, 6), e("yellow", 226, 3), e("magenta", 201, 5),
                     e("green", 46, 2), e("orange", 208, 3), e("blue", 33, 4), e("pink", 211, 5),
                     e("purple", 135, 5), e("lavender", 147, 4)]
        // White and grey are accepted for old scenes; they are the contours' colours, so the
        // library's scenes do not use them.
        return RunnerPalette(cycle: cycle, named: cycle + [e("white", 231, 7), e("grey", 248, 7), e("gray", 248, 7)])
    }()

    /// The entry named `name` (case-insensitive), if any.
    public func entry(named name: String) -> Entry? {
        let n = name.lowercased()
        return named.first { $0.name == n }
    }

    /// The cycle's entry for runner `index` (any integer; cycled).
    public func entry(forRunner index: Int) -> Entry {
        let n = cycle.count
        return cycle[((index % n) + n) % n]
    }

    /// A darker shade of a 256-colour `color` (60 % of its RGB, nearest cube colour): older parts
    /// of a trail and diverged runners. Other colours are returned unchanged.
    public static func faded(_ color: Color) -> Color {
        guard let i = color.index else { return color }
        return RGB(Color.xtermRGB(i)).scaled(0.6).nearestCube
    }

    /// A lighter shade of a 256-colour `color` (half-way to white, nearest cube colour): a
    /// runner's held-out loss curve. Other colours are returned unchanged.
    public static func lighter(_ color: Color) -> Color {
        guard let i = color.index else { return color }
        return RGB(Color.xtermRGB(i)).mixed(with: RGB(r: 255, g: 255, b: 255), 0.5).nearestCube
    }
}

/// An sRGB colour, 8 bits a channel.
public struct RGB: Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8
    public init(r: UInt8, g: UInt8, b: UInt8) { self.r = r; self.g = g; self.b = b }
    init(_ t: (r: UInt8, g: UInt8, b: UInt8)) { self.init(r: t.r, g: t.g, b: t.b) }

    /// Each channel times `f` (0…1), rounded.
    public func scaled(_ f: Double) -> RGB {
        func s(_ v: UInt8) -> UInt8 { UInt8((Double(v) * f).rounded().clamped(0, 255)) }
        return RGB(r: s(r), g: s(g), b: s(b))
    }

    /// `(1 − t)·self + t·other`, rounded.
    public func mixed(with other: RGB, _ t: Double) -> RGB {
        func m(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * (1 - t) + Double(b) * t).rounded().clamped(0, 255)) }
        return RGB(r: m(r, other.r), g: m(g, other.g), b: m(b, other.b))
    }

    /// The colour of the xterm 6×6×6 cube nearest in each channel.
    public var nearestCube: Color {
        let levels: [Int] = [0, 95, 135, 175, 215, 255]
        func k(_ v: UInt8) -> Int {
            var best = 0
            for i in levels.indices where Swift.abs(levels[i] - Int(v)) < Swift.abs(levels[best] - Int(v)) { best = i }
            return best
        }
        return .cube(k(r), k(g), k(b))
    }
}
