/// Everything a user can do to the interactive state. Keys, mouse clicks and recordings all
/// become `Command`s, and only ``AppState/reduce(_:)`` applies them — one code path, so a
/// recording replays exactly what the live session did.
public enum Command: Hashable, Sendable {
    case toggleRun
    /// Take `n` global steps now (`s` = 1, `n` = 10).
    case step(Int)
    case faster
    case slower
    /// All runners back to their starts.
    case reset
    case selectNext
    case selectPrevious
    /// Show or hide runner `index` (0-based; keys 1–9).
    case toggleVisible(Int)
    /// Multiply the selected runner's learning rate (it restarts): `[` halves, `]` doubles.
    case scaleLearningRate(Double)
    /// Duplicate the selected runner, to compare one change.
    case duplicate
    /// Clipping on/off for the selected runner.
    case toggleClipping
    /// Pan by a fraction of the view's width/height.
    case pan(dx: Double, dy: Double)
    /// Zoom by a factor (< 1 zooms in) around the view's centre.
    case zoom(Double)
    /// Back to the scene's view.
    case fitView
    /// Overlay ↔ small multiples.
    case toggleCompare
    /// Restart every runner from this point.
    case setStart(Vec2)
    case toggleHelp
    case toggleLossPanel
    case toggleInsidePanel
    case toggleVectors
    /// The Hessian spectrum of the selected network runner (`e`).
    case toggleSpectrum
    case toggleExplain
    /// Turn the side panel's page by `n` (PgDn +1, PgUp −1) when its text does not fit;
    /// pages wrap around, and the lines a panel marks essential stay on every page.
    case turnPanelPage(Int)
    /// Cycle which knob `<`/`>` turn.
    case nextKnob
    /// Turn the selected knob up or down (the landscape is rebuilt and runners restart).
    case turnKnob(up: Bool)
    /// A network scene's plane again, through where the runners are now (`p`): its trained
    /// points and PCA at the runners' current steps; a plane through θ₀ moves to the selected
    /// runner's θ. The runners keep their paths, drawn on the new plane.
    case reslice
    /// Start-point cursor (`m`): on/off, move by a fraction of the view, confirm.
    case toggleCursor
    case moveCursor(dx: Double, dy: Double)
    case confirmCursor
    /// Leave for the next / previous scene of the library (`N` / `P`).
    case nextScene
    case previousScene
    case quit
}
