import Foundation
import Testing
@testable import OptiscapeCore

/// Recordings: the Command and Scene JSON encodings, the file format, and exact replay.
@Suite struct RecordingTests {
    static let allCommands: [Command] = [
        .toggleRun, .step(1), .step(10), .faster, .slower, .reset, .selectNext, .selectPrevious, .toggleVisible(0),
        .toggleVisible(8), .scaleLearningRate(0.5), .scaleLearningRate(2), .duplicate, .toggleClipping,
        .pan(dx: -0.1, dy: 0), .pan(dx: 0.1 + 0.2, dy: -0.0), .zoom(1 / 1.25), .zoom(1.25), .fitView, .toggleCompare,
        .setStart(Vec2(-1.2345678901234567, 5e-324)), .setStart(Vec2(1e300, -1.0 / 3)), .toggleHelp, .toggleLossPanel,
        .toggleInsidePanel, .toggleVectors, .toggleExplain, .turnPanelPage(1), .turnPanelPage(-1), .nextKnob, .turnKnob(up: true), .turnKnob(up: false),
        .toggleCursor, .moveCursor(dx: 0.05, dy: -0.05), .confirmCursor, .nextScene, .previousScene, .quit,
    ]

    @Test(arguments: allCommands)
    func commandJSONRoundTrips(_ c: Command) throws {
        let text = c.json
        let back = try Command(json: try JSONValue.parse(text))
        #expect(back == c, "\(text)")
        // Bit for bit, not just ==  (-0.0 == 0.0).
        if case let .pan(dx, dy) = c, case let .pan(dx2, dy2) = back {
            #expect(dx.bitPattern == dx2.bitPattern && dy.bitPattern == dy2.bitPattern)
        }
    }

    @Test func commandJSONIsReadable() {
        #expect(RecordedEvent(frame: 12, command: .step(1)).json == #"{"t":12,"c":"step","n":1}"#)
        #expect(RecordedEvent(frame: 3, millis: 250, command: .setStart(Vec2(-1.5, 2))).json == #"{"t":3,"ms":250,"c":"setStart","x":-1.5,"y":2.0}"#)
        #expect(Command.toggleRun.json == #"{"c":"toggleRun"}"#)
    }

    @Test func everyCommandCaseIsCovered() {
        // One name per case: a new Command case without a JSON name fails to compile; this
        // checks the list above covers every name.
        let names = Set(Self.allCommands.map(\.jsonName))
        #expect(names.count == 30)
    }

    @Test func unknownCommandsAreNamed() {
        #expect(throws: CommandDecodingError(#"unknown command "stpe" (did you mean "step"?)"#)) {
            try Command(json: try JSONValue.parse(#"{"t":0,"c":"stpe","n":1}"#))
        }
        #expect(throws: CommandDecodingError(#"step needs a whole number "n""#)) {
            try Command(json: try JSONValue.parse(#"{"t":0,"c":"step"}"#))
        }
    }

    // MARK: Scene JSON

    /// A scene without where it was read from (path, claim locations).
    static func unlocated(_ s: Scene) -> Scene {
        var s = s
        s.path = nil
        s.claims = s.claims.map { var c = $0; c.location = nil; return c }
        return s
    }

    @Test(arguments: SceneLibraryTests.files)
    func sceneJSONRoundTripsThroughTheSceneFileLoader(_ file: String) throws {
        let scene = try SceneFile.load(path: SceneLibraryTests.directory.appendingPathComponent(file).path)
        let json = SceneJSON.text(scene)
        #expect(!json.contains("\n"))
        let back = try SceneFile.parse(json, path: "round-trip.json")
        #expect(Self.unlocated(back) == Self.unlocated(scene))
        // And the same text again: the writer is a fixed point.
        #expect(SceneJSON.text(back) == json)
    }

    @Test func aSceneFromFlagsRoundTrips() throws {
        let scene = try CommandLineScene(landscape: nil, expression: "x^2 + a*y^2", parameters: ["a=10"],
                                         optimizers: ["adam:lr=0.1,amsgrad=true", "sgd:momentum=0.9,nesterov=true"],
                                         start: "1,1", seed: 7, hyper: Hyperparameters(),
                                         transforms: GradientTransforms(noise: 0.5, clipNorm: 2), batch: nil,
                                         schedule: ("cosine", 0.001, 50, nil, 5)).scene()
        let back = try SceneFile.parse(SceneJSON.text(scene), path: "x")
        #expect(Self.unlocated(back) == Self.unlocated(scene))
    }

    // MARK: Record → replay

    static var illConditioning: Scene {
        get throws { try SceneFile.load(path: SceneLibraryTests.directory.appendingPathComponent("ill-conditioning.yaml").path) }
    }

    /// A scripted session: (frame, command) in order, like the live loop produces them.
    static let script: [(Int, Command)] = [
        (0, .step(1)), (0, .step(10)), (0, .toggleRun), (7, .faster), (20, .scaleLearningRate(2)),
        (25, .toggleRun), (25, .duplicate), (25, .toggleClipping), (25, .setStart(Vec2(-2.2, 1.9))),
        (25, .toggleRun), (40, .slower), (41, .slower), (55, .toggleRun), (55, .nextKnob), (55, .turnKnob(up: true)),
        (55, .step(3)), (55, .toggleRun), (90, .selectNext), (90, .scaleLearningRate(0.5)), (120, .toggleRun),
        (120, .quit),
    ]

    /// Drives a session the way the live loop does; returns the driver and the file text.
    static func live(_ scene: Scene, script: [(Int, Command)], endFrame: Int? = nil) throws -> (SessionDriver, String) {
        var driver = SessionDriver(try AppState(scene: scene))
        var lines = [Recording.Header(scene: scene, columns: 100, rows: 30).json]
        for (k, (frame, command)) in script.enumerated() {
            while driver.frame < frame {
                let advanced = driver.advanceFrame()
                #expect(advanced, "paused before frame \(frame)")
                if !advanced { break }
            }
            lines.append(driver.apply(command, millis: 100 * k).json)
        }
        if let endFrame { while driver.frame < endFrame { driver.advanceFrame() } }
        lines.append(Recording.endLine(frame: driver.frame, millis: 100 * script.count))
        return (driver, lines.joined(separator: "\n") + "\n")
    }

    @Test func aRecordingReplaysBitIdentically() throws {
        let (driver, text) = try Self.live(try Self.illConditioning, script: Self.script)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try RecordingWriter(path: path, force: false)
        for line in text.split(separator: "\n") { writer.write(String(line)) }
        writer.close()
        let recording = try Recording.load(path: path)
        #expect(recording.warnings.isEmpty)
        #expect(recording.events.count == Self.script.count)
        let a = try Playback.finalState(of: recording)
        let b = try Playback.finalState(of: recording)
        let live = TraceCSV.trajectories(driver.state.simulation)
        #expect(TraceCSV.trajectories(a.simulation) == live)
        #expect(TraceCSV.trajectories(b.simulation) == live)
        #expect(a.simulation.step == driver.state.simulation.step)
        #expect(a.view == driver.state.view && a.speedIndex == driver.state.speedIndex)
        let scene = try Self.illConditioning
        #expect(a.simulation.runners.map(\.config.label) == scene.runners.map(\.label) + ["sgd #2"])
    }

    /// The live session keeps a bounded history of a long run; `trace --recording` replays it
    /// keeping every step, so the export is the whole run.
    @Test func theTraceOfALongRecordingHasEveryStep() throws {
        let scene = Scene(title: "long", landscape: .builtIn(name: "rosenbrock", parameters: [:]),
                          runners: [RunnerConfig(optimizer: OptimizerSpec(.sgd), start: Vec2(-1.5, 2),
                                                 transforms: GradientTransforms(noise: 0.5))])
        let (driver, text) = try Self.live(scene, script: [(0, .step(3_000))])
        #expect(!driver.state.simulation.trajectories[0].isComplete)
        let state = try Playback.finalState(of: try Recording.parse(text, path: "r.jsonl"))
        var sim = try scene.makeSimulation()
        sim.advance(steps: 3_000)
        #expect(sim.trajectories[0].count == 3_001)
        #expect(TraceCSV.trajectories(state.simulation) == TraceCSV.trajectories(sim))
    }

    @Test func framesAfterTheLastCommandReplayUpToTheEndMarker() throws {
        // Running when recording stopped (R): the end marker says how far.
        let script: [(Int, Command)] = [(0, .toggleRun)]
        let (driver, text) = try Self.live(try Self.illConditioning, script: script, endFrame: 30)
        let r = try Recording.parse(text, path: "r.jsonl")
        #expect(r.endFrame == 30)
        let state = try Playback.finalState(of: r)
        #expect(TraceCSV.trajectories(state.simulation) == TraceCSV.trajectories(driver.state.simulation))
        #expect(state.simulation.step == 30)
    }

    @Test func playbackSeeksBackwardsByReplayingFromTheStart() throws {
        let (_, text) = try Self.live(try Self.illConditioning, script: Self.script)
        var p = try Playback(try Recording.parse(text, path: "r.jsonl"))
        try p.seek(to: 40)
        let at40 = TraceCSV.trajectories(p.state.simulation)
        try p.seek(to: p.moments.count)
        try p.seek(to: 40)
        #expect(TraceCSV.trajectories(p.state.simulation) == at40)
        #expect(p.moments.map(\.time) == p.moments.map(\.time).sorted())
        #expect(p.lastFrame == 120)
        try p.seek(to: 0)
        try p.stepEvent()
        #expect(p.state.simulation.step == 1)
    }

    // MARK: Bad files

    static func text() throws -> String { try live(try illConditioning, script: script).1 }

    @Test func aTruncatedLastLinePlaysWhatCameBeforeWithAWarning() throws {
        var t = try Self.text()
        let lines = t.split(separator: "\n")
        // Cut in the middle of the 6th event line (line 7), as a crash would.
        t = lines.prefix(6).joined(separator: "\n") + "\n" + lines[6].prefix(9)
        let r = try Recording.parse(t, path: "cut.jsonl")
        #expect(r.events.count == 5)
        #expect(r.endFrame == nil)
        #expect(r.warnings == ["cut.jsonl:7: the last line is incomplete (the recording was cut off); playing the 5 events before it"])
        _ = try Playback.finalState(of: r)
    }

    @Test func aCorruptLineInTheMiddleIsAnError() throws {
        var lines = try Self.text().split(separator: "\n").map(String.init)
        lines[3] = #"{"t":0,"c":"step","n":1"#
        #expect(throws: RecordingError(file: "bad.jsonl", line: 4, message: "not a JSON event line (column 24: unexpected end of text in an object)")) {
            try Recording.parse(lines.joined(separator: "\n") + "\n", path: "bad.jsonl")
        }
        lines[3] = #"{"t":0,"c":"warp"}"#
        #expect(throws: RecordingError(file: "bad.jsonl", line: 4, message: #"unknown command "warp""#)) {
            try Recording.parse(lines.joined(separator: "\n") + "\n", path: "bad.jsonl")
        }
    }

    @Test func aWrongVersionIsAnError() throws {
        let t = try Self.text().replacingOccurrences(of: #""version":1,"#, with: #""version":2,"#)
        #expect(throws: RecordingError(file: "v.jsonl", line: 1, message: "recording format version 2 is not supported (this optiscape \(OptiscapeVersion.string) reads version 1)")) {
            try Recording.parse(t, path: "v.jsonl")
        }
    }

    @Test func aSceneThatNoLongerValidatesIsAnError() throws {
        let t = try Self.text().replacingOccurrences(of: #""optimizer":"newton""#, with: #""optimizer":"newtonn""#)
        let k = try #require(try Self.illConditioning.runners.firstIndex { $0.optimizer.kind == .newton })
        #expect(throws: RecordingError(file: "s.jsonl", line: 1, message: #"the recorded scene no longer validates: scene.runners["# + "\(k)" + #"].optimizer: unknown optimizer "newtonn" (did you mean "newton"?); known: sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw, newton, saddle-free-newton, nadam, radam, adamax, asgd, rprop, adafactor, muon, lbfgs, cg, bfgs, coordinate-descent"#)) {
            try Recording.parse(t, path: "s.jsonl")
        }
    }

    @Test func framesThatCannotHappenAreAnErrorNamingTheLine() throws {
        // A frame advance while the replayed session is paused: the file does not match its scene.
        let lines = try Self.text().split(separator: "\n").map(String.init)
        let bad = [lines[0], #"{"t":0,"c":"step","n":1}"#, #"{"t":5,"c":"step","n":1}"#].joined(separator: "\n") + "\n"
        var r = try Recording.parse(bad, path: "f.jsonl")
        r.path = "f.jsonl"
        #expect(throws: RecordingError(file: "f.jsonl", line: 3, message: "frame 1 cannot happen: the replayed session is paused at frame 0 (the recording does not match its scene)")) {
            try Playback(r)
        }
    }

    @Test func theWriterNeverOverwritesWithoutForce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("keep\n".utf8))
        #expect(throws: RecordingError(file: path, line: nil, message: "already exists (use --force to overwrite it)")) {
            try RecordingWriter(path: path, force: false)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep\n")
        let w = try RecordingWriter(path: path, force: true)
        w.write("x")
        w.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "x\n")
        #expect(throws: RecordingError.self) { try RecordingWriter(path: "/nonexistent-dir/x.jsonl", force: false) }
    }
}
