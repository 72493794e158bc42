extension Scene {
    /// What `optiscape` opens with no arguments: ill-conditioning (§8.2.1) on a rotated valley
    /// with condition number 20 — SGD just under its stability limit 2/κ zig-zags, momentum
    /// and Adam do better, Newton lands on the minimum in one step.
    public static let defaultScene = Scene(
        title: "Ill-conditioning: a narrow, rotated valley",
        section: "8.2.1",
        description: """
            The Hessian here has eigenvalues 1 and 20. Gradient descent must keep its learning \
            rate below 2/20 = 0.1 to stay stable along the steep direction, and then it crawls \
            along the flat one, zig-zagging across the valley. Momentum averages the zig-zag \
            away; Adam rescales each coordinate; Newton's method divides by the curvature and \
            lands on the minimum in one step.
            """,
        landscape: .builtIn(name: "quadratic", parameters: ["kappa": 20, "angle": 30]),
        runners: [
            RunnerConfig(optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.09)), start: Vec2(-2.5, 1.5)),
            RunnerConfig(optimizer: OptimizerSpec(.momentum, Hyperparameters(lr: 0.02)), start: Vec2(-2.5, 1.5)),
            RunnerConfig(optimizer: OptimizerSpec(.adam, Hyperparameters(lr: 0.1)), start: Vec2(-2.5, 1.5)),
            RunnerConfig(optimizer: OptimizerSpec(.newton), start: Vec2(-2.5, 1.5)),
        ],
        knobs: [Knob(parameter: "kappa", min: 1, max: 1000, change: .factor(2))])
}
