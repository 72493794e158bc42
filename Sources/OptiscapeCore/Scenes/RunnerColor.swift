/// The colours a scene may give its runners (`color:`): a name, or an xterm 256-colour palette
/// index 0…255 written as a number. Core only checks the name; the renderer maps it to a colour
/// (`RunnerStyle.names` in OptiscapeRender, whose names must be these — a render test checks).
public enum RunnerColor {
    /// The names a scene may use.
    public static let names = ["red", "magenta", "pink", "white", "orange", "cyan", "green", "yellow", "blue",
                               "purple", "lavender", "grey", "gray"]

    /// Whether `text` names a colour: one of ``names`` (any case) or 0…255.
    public static func isValid(_ text: String) -> Bool {
        UInt8(text) != nil || names.contains(text.lowercased())
    }
}
