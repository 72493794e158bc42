/// The colours a scene may give its runners: a name, or an xterm 256-colour palette index
/// 0…255 (written as a number). Core only maps names to palette indices; how an index is
/// shown (or degraded to 8 colours, or dropped under `NO_COLOR`) is the renderer's business.
public enum RunnerColor {
    /// Names and their palette indices. The basic names map to the bright half of the
    /// 16-colour palette, which stands out against the contour bands.
    public static let named: [(name: String, index: UInt8)] = [
        ("red", 9), ("green", 10), ("yellow", 11), ("blue", 12), ("magenta", 13), ("cyan", 14),
        ("white", 15), ("black", 0), ("orange", 208), ("purple", 135), ("pink", 211),
        ("brown", 130), ("grey", 246), ("gray", 246),
    ]

    /// The palette index of a colour written in a scene (`red` or `208`), nil if unknown.
    public static func index(of text: String) -> UInt8? {
        if let n = UInt8(text) { return n }
        return named.first { $0.name == text.lowercased() }?.index
    }
}
