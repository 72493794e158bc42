/// The whole interactive state: the scene and its simulation, the view, the selection, the
/// speed and which panels are open. It changes only through ``reduce(_:)`` and
/// ``advanceFrame()``; both are deterministic.
public struct AppState: Sendable {
    /// Steps per frame, in tenths: ×0.1 … ×10 000. The top two let a long run get somewhere:
    /// at ×10 000 and 30 frames a second, 10 million steps take under six minutes (at ×100
    /// they took an hour); 8 runners × 10 000 steps still fit in a frame (`bench --only longrun`).
    public static let speedsInTenths = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10_000, 100_000]
    /// The most steps one frame takes (at the top speed).
    public static let maximumStepsPerFrame = speedsInTenths.last! / 10

    public enum CompareMode: String, Sendable { case overlay, multiples }

    public private(set) var scene: Scene
    public private(set) var simulation: Simulation
    /// The part of the plane shown.
    public private(set) var view: ViewBox
    public private(set) var selected: Int = 0
    public private(set) var hidden: Set<Int> = []
    public private(set) var isRunning = false
    public private(set) var speedIndex = 3
    private var tenthsCarried = 0
    public private(set) var compare: CompareMode = .overlay
    public private(set) var showHelp = false
    public private(set) var showLoss = false
    public private(set) var showInside = false
    public private(set) var showVectors = false
    /// The spectrum panel (`e`): the Hessian's eigenvalues at the selected network runner.
    public private(set) var showSpectrum = false
    public private(set) var explain = false
    /// How many of the explained sub-steps are revealed.
    public private(set) var explainRevealed = 1
    public private(set) var knobIndex = 0
    /// The side panel's page (any integer: the renderer takes it modulo the page count, which
    /// depends on the screen size). Back to 0 when a panel opens or closes.
    public private(set) var panelPage = 0
    /// The start-point cursor, when placing one.
    public private(set) var cursor: Vec2?
    /// A one-line message for the status bar (e.g. why a command did nothing).
    public private(set) var message: String?
    public private(set) var wantsQuit = false
    /// Set by `N`/`P`: the session ends and the library's next or previous scene opens.
    public private(set) var sceneRequest: SceneRequest?

    public enum SceneRequest: Sendable, Equatable { case next, previous }
    /// The clip norm `c` turns on, per runner label (remembered from the scene or 1).
    private var clipMemory: [String: Double] = [:]

    /// A session of `scene`. Its trajectories keep a bounded history (``Trajectory/Limits/display``)
    /// by default, so that a run of any length fits in memory; a replay whose trajectories are
    /// exported asks for ``Trajectory/Limits/unbounded``.
    public init(scene: Scene, rules: StoppingRules = StoppingRules(),
                trajectoryLimits: Trajectory.Limits = .display) throws {
        self.scene = scene
        simulation = try scene.makeSimulation(rules: rules, trajectoryLimits: trajectoryLimits)
        view = scene.view ?? simulation.landscape.view
        for r in scene.runners { clipMemory[r.label] = r.transforms.clipNorm ?? 1 }
    }

    public var landscape: any Landscape { simulation.landscape }
    public var speed: Double { Double(AppState.speedsInTenths[speedIndex]) / 10 }
    public var homeView: ViewBox { scene.view ?? simulation.landscape.view }
    public var selectedRunner: Runner? { simulation.runners.indices.contains(selected) ? simulation.runners[selected] : nil }
    public var selectedKnob: Knob? { scene.knobs.indices.contains(knobIndex) ? scene.knobs[knobIndex] : nil }
    public func knobValue(_ k: Knob) -> Double { simulation.landscape.parameters[k.parameter] ?? .nan }

    /// One frame of time passing: while running, take the speed's worth of steps
    /// (fractional speeds carry over). Stops running when every runner has stopped.
    public mutating func advanceFrame() {
        guard isRunning else { return }
        tenthsCarried += AppState.speedsInTenths[speedIndex]
        let n = tenthsCarried / 10
        tenthsCarried %= 10
        if n > 0 { simulation.advance(steps: n) }
        if simulation.isFinished { isRunning = false; message = "all runners stopped" }
    }

    // swiftlint:disable:next cyclomatic_complexity
    public mutating func reduce(_ command: Command) {
        message = nil
        switch command {
        case .toggleRun:
            if simulation.isFinished { message = "all runners stopped — r resets"; isRunning = false }
            else { isRunning.toggle(); tenthsCarried = 0 }
        case let .step(n):
            if explain && n == 1 {
                if explainRevealed < explainTermCount { explainRevealed += 1; return }
                explainRevealed = 1
            }
            simulation.advance(steps: n)
            if simulation.isFinished { message = "all runners stopped" }
        case .faster: speedIndex = min(speedIndex + 1, AppState.speedsInTenths.count - 1)
        case .slower: speedIndex = max(speedIndex - 1, 0)
        case .reset:
            simulation.reset(); isRunning = false; explainRevealed = 1
        case .selectNext: select(by: 1)
        case .selectPrevious: select(by: -1)
        case let .toggleVisible(i):
            guard simulation.runners.indices.contains(i) else { message = "no runner \(i + 1)"; return }
            if hidden.contains(i) { hidden.remove(i) } else { hidden.insert(i) }
        case let .scaleLearningRate(f): scaleLearningRate(f)
        case .duplicate: duplicate()
        case .toggleClipping: toggleClipping()
        case let .pan(dx, dy):
            view = ViewBox(xMin: view.xMin + dx * view.width, xMax: view.xMax + dx * view.width,
                           yMin: view.yMin + dy * view.height, yMax: view.yMax + dy * view.height)
        case let .zoom(f):
            let c = view.center
            let w = view.width * f / 2, h = view.height * f / 2
            guard w > 1e-12, h > 1e-12, w < 1e12, h < 1e12 else { message = "zoom limit"; return }
            view = ViewBox(xMin: c.x - w, xMax: c.x + w, yMin: c.y - h, yMax: c.y + h)
        case .fitView: view = homeView
        case .toggleCompare: compare = compare == .overlay ? .multiples : .overlay
        case let .setStart(p): setStart(p)
        case .toggleHelp: showHelp.toggle()
        case .toggleLossPanel: showLoss.toggle()
        case .toggleInsidePanel: showInside.toggle(); panelPage = 0
        case .toggleVectors: showVectors.toggle(); panelPage = 0
        case .toggleSpectrum: showSpectrum.toggle(); panelPage = 0
        case .toggleExplain: explain.toggle(); explainRevealed = 1; panelPage = 0; if explain { isRunning = false }
        case let .turnPanelPage(n): panelPage = panelPage &+ n
        case .nextKnob:
            guard !scene.knobs.isEmpty else { message = "this scene has no knobs"; return }
            knobIndex = (knobIndex + 1) % scene.knobs.count
        case let .turnKnob(up): turnKnob(up: up)
        case .toggleCursor: cursor = cursor == nil ? (selectedRunner?.config.start ?? view.center) : nil
        case let .moveCursor(dx, dy):
            guard let c = cursor else { return }
            cursor = Vec2(c.x + dx * view.width, c.y + dy * view.height)
        case .confirmCursor:
            guard let c = cursor else { return }
            cursor = nil
            setStart(c)
        case .quit: wantsQuit = true
        case .reslice: reslice()
        case .nextScene: sceneRequest = .next
        case .previousScene: sceneRequest = .previous
        }
    }

    /// The selected runner's next update, as explain mode shows it.
    public var explainTerms: [UpdateTerm] {
        // A network runner's update acts on all of θ: there is no 2-D step to break down.
        guard let r = selectedRunner, r.status.isRunning, let optimizer = r.optimizer else { return [] }
        return optimizer.explain(from: r.position, gradient: r.peekGradient(on: landscape),
                                   lr: r.nextLearningRate, landscape: landscape)
    }
    private var explainTermCount: Int { explainTerms.count }

    private mutating func select(by delta: Int) {
        let n = simulation.runners.count
        guard n > 0 else { return }
        selected = ((selected + delta) % n + n) % n
        explainRevealed = 1
    }

    private mutating func replaceSelected(_ change: (inout RunnerConfig) -> Void) {
        guard let r = selectedRunner else { return }
        var c = r.config
        change(&c)
        do { try simulation.replaceRunner(at: selected, with: c) } catch { message = "\(error)" }
    }

    private mutating func scaleLearningRate(_ f: Double) {
        guard let r = selectedRunner else { return }
        let lr = r.hyperparameters.lr * f
        guard lr.isFinite, lr > 0 else { message = "learning rate out of range"; return }
        // A rate stated relative to the stability limit stays relative (the knob keeps it).
        replaceSelected { c in
            if let f0 = c.lrOfLimit { c.lrOfLimit = f0 * f } else { c.optimizer.hyper.lr = lr }
        }
        message = "\(r.config.label): lr = \(lr.significant(4)) (restarted)"
    }

    private mutating func duplicate() {
        guard let r = selectedRunner else { return }
        var c = r.config
        let labels = Set(simulation.runners.map(\.config.label))
        var k = 2
        while labels.contains("\(r.config.label) #\(k)") { k += 1 }
        c.label = "\(r.config.label) #\(k)"
        c.color = nil
        do {
            try simulation.addRunner(c)
            clipMemory[c.label] = clipMemory[r.config.label] ?? 1
            selected = simulation.runners.count - 1
            message = "duplicated as \(c.label): change it with [ ] or c"
        } catch { message = "\(error)" }
    }

    private mutating func toggleClipping() {
        guard let r = selectedRunner else { return }
        let memory = clipMemory[r.config.label] ?? 1
        if let current = r.config.transforms.clipNorm { clipMemory[r.config.label] = current }
        let on = r.config.transforms.clipNorm == nil
        replaceSelected { $0.transforms.clipNorm = on ? memory : nil }
        message = on ? "\(r.config.label): clip-norm \(memory.significant(3)) on (restarted)" : "\(r.config.label): clipping off (restarted)"
    }

    private mutating func setStart(_ p: Vec2) {
        guard p.isFinite else { return }
        do {
            simulation = try simulation.restarted(from: p)
            isRunning = false
            message = "start (\(p.x.significant(3)), \(p.y.significant(3)))"
        } catch { message = "\(error)" }
    }

    private mutating func reslice() {
        guard case let .network(n) = scene.landscape, let r = selectedRunner else {
            message = "p re-slices a network scene's plane; this landscape is 2-D"
            return
        }
        var steps: [String: Int] = [:]
        for runner in simulation.runners { steps[runner.config.label] = runner.step }
        var s = scene
        var network = n
        network.plane = n.plane.through(r.config.label, step: r.step)
        s.landscape = .network(network)
        do {
            let l = try s.networkBuilder(network, rules: simulation.rules, steps: steps).landscape(view: scene.view)
            simulation = try simulation.resliced(on: l)
            scene = s
            view = homeView
            isRunning = false
            message = "re-sliced: " + (l.network?.note ?? "")
        } catch { message = "\(error)" }
    }

    private mutating func turnKnob(up: Bool) {
        guard let k = selectedKnob else { message = "this scene has no knobs"; return }
        let old = knobValue(k)
        let new = k.turned(old, up: up)
        guard new != old else { message = "\(k.parameter) at its \(up ? "maximum" : "minimum") \(old.significant(4))"; return }
        let source = scene.landscape.setting(k.parameter, to: new)
        do {
            var s = scene
            s.landscape = source
            let l = try s.makeLandscape()
            simulation = try simulation.restarted(on: l)
            scene = s
            isRunning = false
            message = "\(k.parameter) = \(new.significant(4)) (runners restarted)"
        } catch { message = "\(error)" }
    }
}
