extension LandscapeCatalog {
    /// Every built-in landscape, in display order. A new landscape adds its `entry` here.
    static let builtIns: [LandscapeEntry] = [
        Quadratic.entry,
        Rosenbrock.entry,
        Beale.entry,
        Himmelblau.entry,
        Booth.entry,
        Rastrigin.entry,
        GoldsteinPrice.entry,
        SixHumpCamel.entry,
        Saddle.entry,
        MonkeySaddle.entry,
        DeepLinear.entry,
        RNNCliff.entry,
        Plateau.entry,
        Wells.entry,
        Mountain.entry,
        Logistic.entry,
    ]
}
