/// How much work each figure does: the full run measures, `--quick` only shows that every
/// figure can be taken (a smoke test, a few seconds even in a debug build).
public struct Workload: Sendable {
    /// Repetitions per figure; the figure is their median.
    public var repetitions: Int
    /// Wall time one repetition of a rate figure runs for.
    public var seconds: Double
    /// Trajectory lengths for the frame figures: small, medium, large.
    public var trajectoryLengths: [Int]
    /// Steady frames timed per trajectory length.
    public var steadyFrames: Int
    /// `trace --steps` for the rate and the larger memory figure, and the smaller one.
    public var traceSteps: Int
    public var traceStepsSmall: Int
    /// Steady frames sent through the pseudo-terminal.
    public var terminalFrames: Int
    /// How long the paused UI is watched.
    public var pausedSeconds: Double
    /// Steps per runner of the long-run figures, and frames timed at its start and at its end.
    public var longRunSteps: Int
    public var longRunSampleFrames: Int
    /// The terminal whose plot the network-slice contour figures fill (columns, rows).
    public var fieldTerminal: (columns: Int, rows: Int) = (160, 48)

    public static let full = Workload(repetitions: 5, seconds: 0.1, trajectoryLengths: [100, 10_000, 1_000_000],
                                      steadyFrames: 200, traceSteps: 1_000_000, traceStepsSmall: 100_000,
                                      terminalFrames: 30, pausedSeconds: 1,
                                      longRunSteps: 10_000_000, longRunSampleFrames: 50)
    public static let quick = Workload(repetitions: 3, seconds: 0.005, trajectoryLengths: [10, 100, 1_000],
                                       steadyFrames: 5, traceSteps: 2_000, traceStepsSmall: 200,
                                       terminalFrames: 3, pausedSeconds: 0.2,
                                       longRunSteps: 40_000, longRunSampleFrames: 2, fieldTerminal: (60, 20))
}
