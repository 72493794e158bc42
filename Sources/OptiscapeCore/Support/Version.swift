/// The program version, shown by `--version` and written into recordings.
public enum OptiscapeVersion {
    public static let string = "0.1.0"
}
