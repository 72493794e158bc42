extension LandscapeCatalog {
    /// Every built-in landscape, in display order. A new landscape adds its `entry` here.
    static let builtIns: [LandscapeEntry] = [
        Quadratic.entry,
        Rosenbrock.entry,
        Logistic.entry,
    ]
}
