/// Text attributes of a cell.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let underline = Attributes(rawValue: 1 << 2)
    public static let reverse = Attributes(rawValue: 1 << 3)
}

/// One character cell of a ``Frame``: a one-column character, its colours and attributes.
///
/// The character must be one terminal column wide (ASCII, braille, box drawing, block and
/// shade characters, arrows, the marker glyphs). ``Frame`` replaces control characters
/// when text is written, so a cell never carries an escape sequence to the terminal.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    @inlinable
    public init(_ character: Character = " ", foreground: Color = .default,
                background: Color = .default, attributes: Attributes = []) {
        self.character = character
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// A space in the default colours, no attributes.
    public static let blank = Cell()

    /// Whether this cell is a plain space with default colours and no attributes.
    @inlinable public var isBlank: Bool { self == Cell.blank }
}
