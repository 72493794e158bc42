/// A picture's `--size`: `WIDTHxHEIGHT` in pixels (PNG, GIF) or points (SVG, PDF).
public enum PictureSize {
    /// The default: 16:9, a slide.
    public static let `default` = "1280x720"
    /// The sizes allowed in each direction.
    public static let range = 16...8192

    /// `1280x720` as (1280, 720); nil when malformed or out of ``range``.
    public static func parse(_ s: String) -> (width: Int, height: Int)? {
        let parts = s.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              range.contains(w), range.contains(h) else { return nil }
        return (w, h)
    }
}
