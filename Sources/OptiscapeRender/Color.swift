import Foundation

/// A terminal colour: the terminal's default, or an entry of the xterm 256-colour palette.
///
/// Palette layout (xterm): 0–7 the basic colours (black, red, green, yellow, blue, magenta,
/// cyan, white), 8–15 their bright variants, 16–231 a 6×6×6 RGB cube
/// (`16 + 36·r + 6·g + b`, each of r, g, b in 0…5 standing for 0, 95, 135, 175, 215, 255),
/// 232–255 a grey ramp from 8 to 238 in steps of 10.
///
/// A `Color` is what the renderer *wants*; how it reaches the terminal depends on the
/// ``ColorMode``: ``basic8`` maps it to the nearest of the 8 basic colours, ``ColorMode/none``
/// drops it.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background colour.
    case `default`
    /// An entry of the xterm 256-colour palette.
    case indexed(UInt8)

    // MARK: Named basic colours

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)

    /// A colour of the 6×6×6 cube; each component is clamped to 0…5.
    @inlinable
    public static func cube(_ r: Int, _ g: Int, _ b: Int) -> Color {
        let c = { (v: Int) in Swift.min(Swift.max(v, 0), 5) }
        return .indexed(UInt8(16 + 36 * c(r) + 6 * c(g) + c(b)))
    }

    /// A step of the 24-step grey ramp (0 = almost black, 23 = almost white), clamped.
    @inlinable
    public static func grey(_ level: Int) -> Color {
        .indexed(UInt8(232 + Swift.min(Swift.max(level, 0), 23)))
    }

    /// The palette index, or `nil` for ``default``.
    @inlinable
    public var index: UInt8? {
        if case .indexed(let i) = self { return i }
        return nil
    }

    /// The approximate sRGB value of a palette entry as xterm defines it (`nil` for ``default``).
    public var rgb: (r: UInt8, g: UInt8, b: UInt8)? {
        guard case .indexed(let i) = self else { return nil }
        return Color.xtermRGB(i)
    }

    /// The nearest of the 8 basic colours (index 0–7) for 8-colour terminals; ``default`` stays.
    ///
    /// 0–7 map to themselves and 8–15 to their dim partners. Cube and grey entries go to the
    /// basic colour nearest in CIELAB, the basic colours taken at xterm's values (so greys
    /// up to 88 go to black, from 108 to white, and orange 208 to red).
    /// The result is computed once per palette entry and looked up.
    @inlinable
    public var basic8: Color {
        guard case .indexed(let i) = self else { return .default }
        return .indexed(Color.basic8Table[Int(i)])
    }

    /// `basic8` of every palette entry.
    public static let basic8Table: [UInt8] = (0..<256).map { nearestBasic(UInt8($0)) }

    static func xtermRGB(_ i: UInt8) -> (r: UInt8, g: UInt8, b: UInt8) {
        let system: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
            (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
            (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        switch i {
        case 0..<16:
            let c = system[Int(i)]
            return (c.0, c.1, c.2)
        case 16..<232:
            let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
            let k = Int(i) - 16
            return (levels[k / 36], levels[(k / 6) % 6], levels[k % 6])
        default:
            let v = UInt8(8 + 10 * (Int(i) - 232))
            return (v, v, v)
        }
    }

    private static func nearestBasic(_ i: UInt8) -> UInt8 {
        if i < 8 { return i }
        if i < 16 { return i - 8 }
        let c = lab(xtermRGB(i))
        var best: UInt8 = 0
        var bestDistance = Double.infinity
        for k in UInt8(0)..<8 {
            let b = lab(xtermRGB(k))
            let d = (c.0 - b.0) * (c.0 - b.0) + (c.1 - b.1) * (c.1 - b.1) + (c.2 - b.2) * (c.2 - b.2)
            if d < bestDistance { bestDistance = d; best = k }
        }
        return best
    }

    /// CIELAB (D65) of an sRGB colour: distances there follow what the eye sees, so greys go
    /// to black or white rather than to a saturated colour of similar RGB distance.
    private static func lab(_ c: (r: UInt8, g: UInt8, b: UInt8)) -> (Double, Double, Double) {
        func linear(_ v: UInt8) -> Double {
            let x = Double(v) / 255
            return x <= 0.04045 ? x / 12.92 : Foundation.pow((x + 0.055) / 1.055, 2.4)
        }
        let r = linear(c.r), g = linear(c.g), b = linear(c.b)
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? Foundation.cbrt(t) : 7.787 * t + 16.0 / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }
}

/// How many colours the output may use.
public enum ColorMode: String, Hashable, Sendable, CaseIterable {
    /// The xterm 256-colour palette (`38;5;N` / `48;5;N`).
    case full256
    /// The 8 basic colours (`30+N` / `40+N`); other colours map to the nearest basic one.
    case basic8
    /// No colour at all (`NO_COLOR`, monochrome terminals). Attributes (bold, reverse, …) remain.
    case none

    /// Resolves a colour for this mode: unchanged, mapped to the basic 8, or ``Color/default``.
    @inlinable
    public func resolve(_ color: Color) -> Color {
        switch self {
        case .full256: return color
        case .basic8: return color.basic8
        case .none: return .default
        }
    }
}
