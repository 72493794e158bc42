import CNcursesw
import Glibc
import OptiscapeCore
import OptiscapeRender

/// The interactive program: one terminal session for the scene picker and every scene opened
/// from it. In a scene: read a key, turn it into a `Command`, reduce, advance a frame while
/// running, render, copy to the screen. Paused, it blocks in `wgetch` (waking four times a
/// second only to notice signals); running, it paces frames at ~30 per second. While a costly
/// landscape's full contour field is computed off the loop (``Renderer/progressive``), it
/// wakes every frame to swap it in when it is ready, and goes back to blocking after.
public final class InteractiveApp {
    public static let framesPerSecond = 30
    private let session: TerminalSession
    private let screen: Screen

    /// Takes over the terminal (see ``TerminalSession``).
    /// `headless`: what the error messages suggest instead of the UI.
    public init(noColor: Bool, headless: String = TerminalSession.headlessHint) throws {
        session = try TerminalSession(noColor: noColor, headless: headless)
        screen = Screen(mode: session.colorMode)
    }

    /// Runs `body` (opening a scene, a re-slice) saying what it waits for on the bottom row
    /// (``ProgressLine``); the next frame covers the line.
    @discardableResult
    public func showingProgress<T>(_ body: () throws -> T) rethrows -> T {
        try ProgressLine.around(.screen(screen), body)
    }

    /// Gives the terminal back.
    public func end() { session.end() }

    /// Throws ``Interrupted``, terminal restored, if a terminating signal arrived. Throwing
    /// (not exiting here) lets the callers' clean-up run: a recording gets its end line and
    /// the "recorded FILE" message is printed.
    private func checkSignals() throws {
        let sig = Signals.pending
        if sig != 0 {
            session.end()
            throw Interrupted(signal: sig)
        }
    }

    /// The picker: returns the chosen entry's index, or nil when the user quits.
    public func pick(from library: SceneLibrary, selected initial: Int = 0) throws -> Int? {
        var selected = max(0, min(initial, library.entries.count - 1))
        func draw() {
            screen.draw(ScenePicker.render(library, selected: selected, width: session.columns,
                                           height: session.rows, colorMode: session.colorMode))
        }
        draw()
        while true {
            try checkSignals()
            switch Input.read(timeout: 250) {
            case let .key(key):
                if case let .click(_, row) = key {
                    if let i = ScenePicker.entry(atRow: row, count: library.entries.count, selected: selected, height: session.rows) {
                        if i == selected { return i }
                        selected = i
                    }
                } else {
                    switch ScenePicker.action(for: key) {
                    case let .move(d)?: selected = max(0, min(library.entries.count - 1, selected + d))
                    case .open?: return selected
                    case .quit?: return nil
                    case nil: break
                    }
                }
                draw()
            case .resize: draw()
            case .timeout, .ignored: break
            }
        }
    }

    /// Runs one scene until the user quits or asks for another scene (`state.sceneRequest`).
    ///
    /// Every command goes through one ``SessionDriver`` (the same one replays use): keys become
    /// commands applied at the current frame, and while running a frame advances every 1/30 s.
    /// `recorder`: `R` starts and stops recording (on from the start if it says so).
    /// Throws ``Interrupted`` on SIGINT, SIGTERM or SIGHUP.
    /// `playback`: play a recording first (its keys: ``KeyBindings/playAction(for:atEnd:)``,
    /// listed by `?`); any other key (and space or `s` at the end) takes over and the session goes on live.
    /// `noScenes`: asked when `N`/`P` is pressed (so a scene library can be read only then):
    /// why they cannot open another scene here; they then say so in the status bar and the
    /// session goes on. Nil, or nil from it: they end the session with a ``AppState/sceneRequest``.
    /// Commands that take a while (a re-slice trains runners) say what they do on the bottom row.
    @discardableResult
    public func run(_ initial: AppState, recorder: Recorder? = nil, playback initialPlayback: Playback? = nil,
                    noScenes: (() -> String?)? = nil) throws -> AppState {
        var renderer = Renderer(colorMode: session.colorMode)
        renderer.progressive = true
        // Quitting or opening another scene stops a contour field still being computed.
        defer { renderer.stopRefining() }
        var playback = initialPlayback
        var driver = playback?.driver ?? SessionDriver(initial)
        // The state a recording of this session starts from.
        let origin = playback.map { ($0.recording.header.scene, $0.recording.header.rules) }
            ?? (initial.scene, initial.simulation.rules)
        let frameNanos = UInt64(1_000_000_000 / InteractiveApp.framesPerSecond)
        var nextFrame = InteractiveApp.monotonicNanos() + frameNanos
        var started = InteractiveApp.monotonicNanos()
        var lastTick = started
        var playPaused = false
        var playSpeed = 1.0
        var playClock = playback?.time ?? 0
        var notice: String?
        var playHelp = false

        func millis() -> Int { Int((InteractiveApp.monotonicNanos() - started) / 1_000_000) }
        func badge() -> SessionBadge? {
            if let p = playback {
                return .playing(frame: p.frame, of: p.lastFrame, paused: playPaused, atEnd: p.isAtEnd, speed: playSpeed)
            }
            if let notice { return .notice(notice) }
            return recorder?.isRecording == true ? .recording : nil
        }
        func draw() {
            renderer.badge = badge()
            renderer.showPlayHelp = playHelp && playback != nil
            screen.draw(renderer.render(driver.state, width: session.columns, height: session.rows))
        }
        func apply(_ c: Command) {
            let wasRunning = driver.state.isRunning
            let e = showingProgress { driver.apply(c, millis: millis()) }
            recorder?.record(e)
            if driver.state.isRunning && !wasRunning { nextFrame = InteractiveApp.monotonicNanos() + frameNanos }
        }
        func toggleRecording() {
            guard let recorder else { return }
            if recorder.isRecording {
                let path = recorder.paths.last.map(Recorder.shown) ?? ""
                recorder.stop(frame: driver.frame, millis: millis())
                notice = "■ recorded \(path) (optiscape play replays it)"
            } else {
                let header = Recording.Header(scene: origin.0, rules: origin.1, columns: session.columns, rows: session.rows)
                notice = recorder.start(header: header, history: driver.events)
                    ?? "● REC → \(recorder.paths.last.map(Recorder.shown) ?? "") (R stops)"
            }
        }
        /// Leaves playback: the session goes on live from the replayed state.
        func takeOver() {
            guard let p = playback else { return }
            driver = p.driver
            started = InteractiveApp.monotonicNanos() &- UInt64(max(0, p.time) * 1_000_000_000)
            playback = nil
            nextFrame = InteractiveApp.monotonicNanos() + frameNanos
        }

        if recorder?.startsOn == true && playback == nil { toggleRecording() }
        // On quit, another scene, or a signal: close the recording with its end line.
        defer { if recorder?.isRecording == true { recorder?.stop(frame: driver.frame, millis: millis()) } }
        draw()
        loop: while true {
            try checkSignals()
            var dirty = false
            let timeout: Int32
            if let p = playback {
                if playPaused || p.isAtEnd { timeout = 250 }
                else {
                    let wait = ((p.nextTime ?? playClock) - playClock) / playSpeed
                    timeout = Int32(max(0, min(250, wait * 1000)))
                }
            } else if driver.state.isRunning {
                let now = InteractiveApp.monotonicNanos()
                timeout = now >= nextFrame ? 0 : Int32((nextFrame - now) / 1_000_000)
            } else {
                timeout = 250
            }
            // A full field on its way: look every frame whether it is there.
            let waitFrames = renderer.isRefining ? Int32(1000 / InteractiveApp.framesPerSecond) : 250
            switch Input.read(timeout: min(timeout, waitFrames)) {
            case let .key(key):
                dirty = true
                if KeyBindings.isRepaint(key) {
                    // Ctrl-L: repaint the whole screen (after another program scribbled on it).
                    screen.forceRepaint()
                    break
                }
                if var p = playback {
                    // Play's own help: any key closes it.
                    if playHelp { playHelp = false; break }
                    if let action = KeyBindings.playAction(for: key, atEnd: p.isAtEnd) {
                        switch action {
                        case .togglePause: playPaused.toggle()
                        case .stepEvent:
                            playPaused = true
                            try? p.stepEvent()
                            playClock = p.time
                        case .faster: playSpeed = min(16, playSpeed * 2)
                        case .slower: playSpeed = max(0.25, playSpeed / 2)
                        case let .seek(seconds):
                            let target = max(0, playClock + seconds)
                            try? p.seek(toTime: target)
                            playClock = min(target, p.duration)
                        case .help: playHelp = true
                        case .quit: break loop
                        }
                        playback = p
                        driver = p.driver
                        break
                    }
                    // Any other key (and space or s at the end) takes over: run or step on, live.
                    takeOver()
                }
                notice = nil
                if KeyBindings.isRecordingToggle(key) {
                    if recorder == nil { notice = "recording is not available here" } else { toggleRecording() }
                } else if case let .click(col, row) = key {
                    if let pt = renderer.worldPoint(col: col, row: row) { apply(.setStart(pt)) }
                } else if let c = KeyBindings.command(for: key, cursorActive: driver.state.cursor != nil,
                                                      helpShown: driver.state.showHelp) {
                    if c == .nextScene || c == .previousScene, let why = showingProgress({ noScenes?() }) {
                        notice = why
                    } else {
                        apply(c)
                    }
                }
            case .resize:
                dirty = true
            case .timeout, .ignored:
                break
            }
            if renderer.refinementReady { dirty = true }
            let now = InteractiveApp.monotonicNanos()
            if var p = playback {
                if !playPaused && !p.isAtEnd {
                    playClock += Double(now - lastTick) / 1e9 * playSpeed
                    while let t = p.nextTime, t <= playClock { try? p.applyNext(); dirty = true }
                    playback = p
                    driver = p.driver
                }
                lastTick = now
                if dirty { draw() }
                continue
            }
            lastTick = now
            if driver.state.wantsQuit || driver.state.sceneRequest != nil { break }
            if driver.state.isRunning, now >= nextFrame {
                driver.advanceFrame()
                nextFrame += frameNanos
                if nextFrame < now { nextFrame = now + frameNanos }
                dirty = true
            }
            if dirty { draw() }
        }
        return driver.state
    }

    static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
