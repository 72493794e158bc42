import Foundation
import Testing
@testable import OptiscapeCore

@Suite struct SceneFileTests {
    func load(_ text: String) throws -> Scene { try SceneFile.parse(text, path: "s.yaml") }

    /// The error text, or "" if the text loads.
    func error(_ text: String) -> String {
        do { _ = try load(text); return "" } catch { return "\(error)" }
    }

    /// A minimal valid scene with `extra` appended (top-level YAML).
    func minimal(_ extra: String = "") -> String {
        """
        title: t
        landscape: quadratic
        steps: 10
        runners:
          - {optimizer: sgd, lr: 0.01}
          - {label: fast, optimizer: adam}

        """ + extra
    }

    @Test func aFullSceneLoadsIntoTheExpectedScene() throws {
        let text = """
            title: "Full"
            section: 8.2.1
            description: >
              Two lines
              of text.
            seed: 42
            steps: 200
            landscape: {name: quadratic, params: {kappa: 50, angle: 30}}
            view: {x: [-3, 3], y: [-2, 2.5]}
            levels: {count: 12, scale: linear}
            start: [-2.5, 1.5]
            runners:
              - {optimizer: sgd, lr: 0.038, color: red}
              - label: heavy
                optimizer: sgd
                lr: 0.01
                momentum: 0.9
                nesterov: true
                weight-decay: 0.001
                start: [1, -1]
                clip_norm: 5
                clip-value: 2
                noise: 0.1
                schedule: {kind: cosine, lr_end: 0.001, decay-steps: 150, warmup: 10}
                color: 208
              - {label: a, optimizer: adam, beta1: 0.8, amsgrad: yes, schedule: step}
            knobs:
              - {param: kappa, min: 1, max: 1000, factor: 2}
              - {param: angle, min: -90, max: 90, step: 15}
            expect:
              - {runner: sgd, diverges_within: 40}
              - {runner: a, converges_within: 2, to: saddle}
              - {runner: heavy, reaches: [0, 0], within: 1, tol: 1e-9}
              - {runner: heavy, reaches: [0, 0]}
              - {runner: a, loss_below: 1e-6, within: 3000}
              - {runner: sgd, loss_above: 0.1, at: 100}
              - {runner: sgd, ends_in: {x: [-1, 1], y: [0, 2]}, at: 50}
              - {runner: sgd, stays_within: 0.5, for: 20}
              - {runner: sgd, stays-within: 0.5, of: [1, 2]}
              - {runner: heavy, max_step_at_most: 0.05}
              - {runner: sgd, max_step_ratio_at_least: 10, for: 30}
              - {runner: a, loss_below_runner: sgd, at: 500}
              - {runner: a, path_longer_than_runner: heavy}
            """
        var scene = try load(text)
        #expect(scene.claims[0].location == SceneFileLocation(line: 31, column: 5))
        scene.claims = scene.claims.map { var e = $0; e.location = nil; return e }
        let expected = Scene(
            title: "Full", section: "8.2.1", description: "Two lines of text.", seed: 42, steps: 200,
            landscape: .builtIn(name: "quadratic", parameters: ["kappa": 50, "angle": 30]),
            view: ViewBox(xMin: -3, xMax: 3, yMin: -2, yMax: 2.5),
            levels: LevelSpec(count: 12, scale: .linear),
            runners: [
                RunnerConfig(label: "sgd", optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.038)),
                             start: Vec2(-2.5, 1.5), color: "red"),
                RunnerConfig(label: "heavy",
                             optimizer: OptimizerSpec(.sgd, Hyperparameters(lr: 0.01, momentum: 0.9, nesterov: true,
                                                                            weightDecay: 0.001)),
                             start: Vec2(1, -1), transforms: GradientTransforms(noise: 0.1, clipNorm: 5, clipValue: 2),
                             schedule: Schedule(.cosine, lrEnd: 0.001, decaySteps: 150, warmup: 10), color: "208"),
                RunnerConfig(label: "a", optimizer: OptimizerSpec(.adam, Hyperparameters(beta1: 0.8, amsgrad: true)),
                             start: Vec2(-2.5, 1.5), schedule: Schedule(.step)),
            ],
            knobs: [Knob(parameter: "kappa", min: 1, max: 1000, change: .factor(2)),
                    Knob(parameter: "angle", min: -90, max: 90, change: .step(15))],
            claims: [
                Claim(runner: "sgd", .divergesWithin(40)),
                Claim(runner: "a", .convergesWithin(2, to: .saddle)),
                Claim(runner: "heavy", .reaches(.zero, within: 1, tol: 1e-9)),
                Claim(runner: "heavy", .reaches(.zero, within: 200, tol: SceneFile.defaultReachTolerance)),
                Claim(runner: "a", .lossBelow(1e-6, within: 3000)),
                Claim(runner: "sgd", .lossAbove(0.1, at: 100)),
                Claim(runner: "sgd", .endsIn(ViewBox(xMin: -1, xMax: 1, yMin: 0, yMax: 2), at: 50)),
                Claim(runner: "sgd", .staysWithin(0.5, of: Vec2(-2.5, 1.5), for: 20)),
                Claim(runner: "sgd", .staysWithin(0.5, of: Vec2(1, 2), for: 200)),
                Claim(runner: "heavy", .maxStepAtMost(0.05, for: 200)),
                Claim(runner: "sgd", .maxStepRatioAtLeast(10, for: 30)),
                Claim(runner: "a", .lossBelowRunner("sgd", at: 500)),
                Claim(runner: "a", .pathLongerThanRunner("heavy", at: 200)),
            ],
            path: "s.yaml")
        #expect(scene == expected)
    }

    @Test func defaultsFillTheGaps() throws {
        let s = try load("title: t\nlandscape: rosenbrock\nrunners: [{optimizer: adam}]\n")
        #expect(s.seed == 0 && s.steps == nil && s.view == nil && s.section == nil && s.description == "")
        #expect(s.levels == LevelSpec())
        #expect(s.runners == [RunnerConfig(optimizer: OptimizerSpec(.adam), start: Rosenbrock().defaultStart)])
    }

    @Test(arguments: [
        // Unknown keys, with a suggestion and the allowed list.
        ("titel: t\n", "s.yaml:1:1: titel: unknown key \"titel\" in a scene (did you mean \"title\"?); allowed: title, section, description, seed, steps, landscape, view, levels, start, runners, knobs, expect, network, data, weights, plane"),
        // Missing title.
        ("landscape: quadratic\nrunners: [{optimizer: sgd}]\n", "s.yaml:1:1: title: missing (every scene has a title)"),
        // Wrong types.
        ("title: [a]\n", "s.yaml:1:8: title: expected text, got a list"),
        ("title: t\nlandscape: quadratic\nrunners: {optimizer: sgd}\n", "s.yaml:3:10: runners: expected a list of runners, got a mapping"),
        ("title: t\nlandscape: quadratic\nseed: -1\nrunners: [{optimizer: sgd}]\n", "s.yaml:3:7: seed: expected a whole number from 0 to 18446744073709551615, got the number -1"),
        ("title: t\nlandscape: quadratic\nsteps: 2.5\nrunners: [{optimizer: sgd}]\n", "s.yaml:3:8: steps: expected a whole number from 1 to 100000, got the number 2.5"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, lr: \"0.1\"}]\n", "s.yaml:3:32: runners[0].lr: expected a number, got the text \"0.1\" (write numbers without quotes)"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, lr: .nan}]\n", "s.yaml:3:32: runners[0].lr: .nan is not a finite number"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, lr: 1e999}]\n", "s.yaml:3:32: runners[0].lr: 1e999 is too large (not a finite number)"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, start: [1]}]\n", "s.yaml:3:35: runners[0].start: expected a point [x, y], got a list"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, nesterov: 1}]\n", "s.yaml:3:38: runners[0].nesterov: expected true or false, got the number 1"),
        ("title: \"two\\nlines\"\n", "s.yaml:1:8: title: must be one line of text without control characters, got \"two\\nlines\""),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, label: \(String(repeating: "x", count: 41))}]\n", "s.yaml:3:35: runners[0].label: is 41 characters long; at most 40"),
        // Unknown optimizer, with a suggestion.
        ("title: t\nlandscape: quadratic\nrunners:\n  - optimizer: sgd\n  - optimizer: adamm\n", "s.yaml:5:16: runners[1].optimizer: unknown optimizer \"adamm\" (did you mean \"adam\"?); known: sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw, newton, saddle-free-newton, nadam, radam, adamax, asgd, rprop, adafactor, muon, lbfgs, cg, bfgs, coordinate-descent"),
        ("title: t\nlandscape: quadratic\nrunners: [{label: x}]\n", "s.yaml:3:11: runners[0].optimizer: missing (every runner names its optimizer)"),
        // Muon trains networks' matrices; a scene's runners move points.
        ("title: t\nlandscape: quadratic\nrunners:\n  - optimizer: sgd\n  - optimizer: muon\n", "s.yaml:5:16: runners[1].optimizer: " + OptimizerKind.muon.refusalOnPoints),
        // Hyper-parameters: the kind's, in range.
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, beta1: 0.5}]\n", "s.yaml:3:28: runners[0].beta1: sgd does not take beta1 (it takes lr, momentum, dampening, nesterov, weight_decay; beta1 is for adam, adamw, nadam, radam, adamax, muon)"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: adam, beta2: 1}]\n", "s.yaml:3:36: runners[0].beta2: invalid beta2 1.0: must be in [0, 1)"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, momentu: 0.5}]\n", "s.yaml:3:28: runners[0].momentu: unknown key \"momentu\" in a runner (did you mean \"momentum\"?); allowed: label, optimizer, start, color, clip_norm, clip_value, noise, batch, schedule, average, init_seed, lr, momentum, dampening, nesterov, beta1, beta2, eps, alpha, rho, weight_decay, centered, amsgrad, initial_accumulator, lr_decay, damping, momentum_decay, decoupled_weight_decay, lambd, t0, eta_minus, eta_plus, step_size_min, step_size_max, beta2_decay, d, eps1, eps2, ns_a, ns_b, ns_c, ns_steps, adjust_lr_fn, adamw_lr, adamw_weight_decay, adamw_eps, max_iter, max_eval, tolerance_grad, tolerance_change, history_size, line_search"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, nesterov: true}]\n", "s.yaml:3:28: runners[0].nesterov: nesterov requires momentum > 0 and dampening = 0 (got momentum 0, dampening 0)"),
        // Transforms and schedules.
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, clip_norm: 0}]\n", "s.yaml:3:39: runners[0].clip_norm: invalid clip norm 0.0: must be a finite number > 0"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, schedule: cosin}]\n", "s.yaml:3:38: runners[0].schedule: unknown schedule \"cosin\" (did you mean \"cosine\"?); known: constant, linear, step, cosine"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, schedule: {kind: cosine, gamma: 0.5}}]\n", "s.yaml:3:53: runners[0].schedule.gamma: the cosine schedule does not take gamma (it takes lr_end, decay_steps, warmup)"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, batch: 4}]\n", "s.yaml:3:35: runners[0].batch: batch needs a landscape built from data (e.g. logistic); \"quadratic\" has no examples"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, color: rde}]\n", "s.yaml:3:35: runners[0].color: unknown colour \"rde\" (did you mean \"red\"?); use a name (red, magenta, pink, white, orange, cyan, green, yellow, blue, purple, lavender, grey, gray) or a 256-colour index 0…255"),
        // Landscapes.
        ("title: t\nlandscape: quadratc\nrunners: [{optimizer: sgd}]\n", "s.yaml:2:12: landscape: unknown landscape \"quadratc\" (did you mean \"quadratic\"?); known: \(LandscapeCatalog.all.map(\.name).joined(separator: ", "))"),
        ("title: t\nlandscape: {name: quadratic, params: {kapa: 3}}\nrunners: [{optimizer: sgd}]\n", "s.yaml:2:39: landscape.params.kapa: landscape \"quadratic\" has no parameter \"kapa\" (did you mean \"kappa\"?); it takes kappa, angle"),
        ("title: t\nlandscape: {name: quadratic, params: {kappa: 0}}\nrunners: [{optimizer: sgd}]\n", "s.yaml:2:46: landscape.params.kappa: parameter kappa=0.0 is out of range for \"quadratic\" (allowed: 1e-12 to 1000000000000.0)"),
        ("title: t\nlandscape: {name: quadratic, expr: x}\nrunners: [{optimizer: sgd}]\n", "s.yaml:2:30: landscape.expr: give either name or expr, not both"),
        ("title: t\nlandscape: quadratic\nview: {x: [1, -1], y: [0, 1]}\nrunners: [{optimizer: sgd}]\n", "s.yaml:3:11: view.x: [1, -1] is empty (the low end must be below the high end)"),
        ("title: t\nlandscape: quadratic\nlevels: {count: 10, scale: lg}\nrunners: [{optimizer: sgd}]\n", "s.yaml:3:28: levels.scale: unknown scale \"lg\" (did you mean \"log\"?); allowed: log, linear, zero-one"),
        // Labels.
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}, {optimizer: sgd, lr: 0.1}]\n", "s.yaml:3:41: runners[1].label: label \"sgd\" is already used by runners[0]; give each runner a unique label"),
        ("title: t\nlandscape: quadratic\nrunners: []\n", "s.yaml:3:10: runners: is empty; a scene races at least one runner"),
        // Knobs.
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nknobs: [{param: kapa, min: 1, max: 2, step: 1}]\n", "s.yaml:4:17: knobs[0].param: \"quadratic\" has no parameter \"kapa\" (did you mean \"kappa\"?); it takes angle, kappa"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nknobs: [{param: kappa, min: 1, max: 100, step: 1, factor: 2}]\n", "s.yaml:4:51: knobs[0].factor: give step or factor, not both"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nknobs: [{param: kappa, min: 1, max: 100}]\n", "s.yaml:4:9: knobs[0]: give step (added per turn) or factor (multiplied per turn)"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nknobs: [{param: kappa, min: 30, max: 100, step: 1}]\n", "s.yaml:4:9: knobs[0]: kappa is 20, outside the knob's range [30, 100]"),
        ("title: t\nlandscape: rnn-cliff\nrunners: [{optimizer: sgd}]\nknobs: [{param: T, min: 10, max: 100, factor: 1.5}]\n", "s.yaml:4:47: knobs[0].factor: T is a whole number; the factor must be whole too"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, lr: {limit: 0}}]\n", "s.yaml:3:40: runners[0].lr.limit: must be above 0 (a fraction of 2/λ_max)"),
        ("title: t\nlandscape: saddle\nrunners: [{optimizer: sgd, lr: {limt: 1}}]\n", "s.yaml:3:33: runners[0].lr.limt: unknown key \"limt\" in a relative learning rate (did you mean \"limit\"?); allowed: limit"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, held_out_above_minimum: 0.1, at: 5}]\n", "s.yaml:4:24: expect[0].held_out_above_minimum: held_out_above_minimum needs a landscape built from data with held-out examples (e.g. logistic)"),
        ("title: t\nlandscape: quadratic\nlevels: {count: 5, decades: 0}\nrunners: [{optimizer: sgd}]\n", "s.yaml:3:29: levels.decades: must be above 0 and at most 30"),
        // Claims.
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sdg, loss_below: 1, within: 3}]\n", "s.yaml:4:19: expect[0].runner: no runner is labelled \"sdg\" (did you mean \"sgd\"?); runners: sgd"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, los_below: 1}]\n", "s.yaml:4:24: expect[0].los_below: unknown key \"los_below\" in a claim (did you mean \"loss_below\"?); allowed: runner, average, diverges_within, converges_within, stalls_within, reaches, loss_below, loss_above, ends_in, stays_within, strays_beyond, max_step_at_most, max_step_ratio_at_least, loss_below_runner, path_longer_than_runner, held_out_minimum_before, held_out_above_minimum, to, within, tol, at, of, from, for"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, loss_below: 1, at: 3}]\n", "s.yaml:4:39: expect[0].at: loss_below takes within, not at"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, loss_below: 1}]\n", "s.yaml:4:10: expect[0]: loss_below needs within: N (or give the scene a steps budget)"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, loss_below: 1, loss_above: 2, within: 3}]\n", "s.yaml:4:39: expect[0].loss_above: one claim per entry: this one already says loss_below; write another entry"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, loss_below_runner: sgd, at: 3}]\n", "s.yaml:4:43: expect[0].loss_below_runner: compares sgd with itself; name another runner"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, converges_within: 3, to: sadle}]\n", "s.yaml:4:49: expect[0].to: unknown kind of point \"sadle\" (did you mean \"saddle\"?); allowed: minimum, global_minimum, local_minimum, saddle, maximum"),
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd}]\n", "s.yaml:4:10: expect[0]: says nothing about sgd; give one of diverges_within, converges_within, stalls_within, reaches, loss_below, loss_above, ends_in, stays_within, strays_beyond, max_step_at_most, max_step_ratio_at_least, loss_below_runner, path_longer_than_runner, held_out_minimum_before, held_out_above_minimum"),
        // The same key twice, in both spellings, and literally.
        ("title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, clip_norm: 1, clip-norm: 2}]\n", "s.yaml:3:42: runners[0].clip_norm: given twice (first as clip_norm at line 3); give it once"),
        ("title: t\ntitle: u\n", "s.yaml:1:1: key \"title\" appears twice in one mapping; give it once"),
        // Malformed YAML, located.
        ("title: t\nlandscape: [a, b\n", "s.yaml:3:1: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 12)"),
        ("title: t\n  bad: indent\n", "s.yaml:2:6: malformed YAML: mapping values are not allowed in this context"),
        ("title: \"t\u{1}\"\n", "s.yaml:1:10: unreadable YAML: control characters are not allowed (U+0001)"),
        ("", "s.yaml:1:1: the file is empty; a scene needs at least title, landscape and runners"),
        ("- a\n- b\n", "s.yaml:1:1: expected a scene: a mapping of title, landscape, runners, …, got a list"),
    ])
    func errorsAreLocatedAndSayWhatIsAllowed(text: String, message: String) {
        #expect(error(text) == message)
    }

    @Test func expressionLandscapesAreReadAndTheirErrorsLocated() throws {
        let s = try load("title: t\nlandscape:\n  expr: x^2 - k*y^2\n  params: {k: 2}\nview: {x: [-1, 1], y: [-1, 1]}\nrunners: [{optimizer: sgd}]\nknobs: [{param: k, min: 0.5, max: 4, step: 0.5}]\n")
        #expect(s.landscape == .expression(source: "x^2 - k*y^2", parameters: ["k": 2]))
        #expect(try s.makeLandscape().value(at: Vec2(1, 1)) == -1)
        #expect(try s.makeLandscape().view == ViewBox(x: -1...1, y: -1...1))
        // The error points at the offending column in the file, inside quotes or not.
        #expect(error("title: t\nlandscape: {expr: \"x^2 - 5*sine(y)\"}\nrunners: [{optimizer: sgd}]\n")
                == "s.yaml:2:28: landscape.expr: unknown function \"sine\" at column 9 (did you mean \"sin\"?)")
        #expect(error("title: t\nlandscape:\n  expr: x^2 - k*y^2 +\n  params: {k: 2}\nrunners: [{optimizer: sgd}]\n")
                == "s.yaml:3:21: landscape.expr: trailing operator \"+\" at column 13")
        #expect(error("title: t\nlandscape: {expr: x + k}\nrunners: [{optimizer: sgd}]\nknobs: [{param: k, min: 0, max: 1, step: 1}]\n")
                .hasPrefix("s.yaml:2:"))
        #expect(error("title: t\nlandscape: {expr: x^2 + kk*y^2, params: {kk: 1, k: 2}}\nrunners: [{optimizer: sgd}]\n")
                == "s.yaml:2:49: landscape.params.k: the expression does not use \"k\" (did you mean \"kk\"?); it uses kk")
    }

    @Test func junkIsAnErrorNeverATrap() throws {
        var rng = SeededRNG(seed: 1, stream: 0)
        var bytes = [UInt8]()
        for _ in 0..<4096 { bytes.append(UInt8(truncatingIfNeeded: rng.next())) }
        let binary = try? SceneFile.parse(Data(bytes), path: "j.bin")
        #expect(binary == nil)
        #expect(throws: SceneFileError.self) { try SceneFile.parse(Data(bytes), path: "j.bin") }

        let big = "title: " + String(repeating: "x", count: 1_000_000)
        #expect(error(big) == "s.yaml:1:8: title: is 1000000 characters long; at most 200")
        #expect(error("description: " + String(repeating: "y", count: 1_000_000)).hasPrefix("s.yaml:1:1: title: missing"))
        let huge = Data(repeating: UInt8(ascii: "a"), count: SceneFile.maxBytes + 1)
        #expect(throws: SceneFileError.self) { try SceneFile.parse(huge, path: "h.yaml") }

        let deepFlow = "title: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(error(deepFlow) == "s.yaml:1:9: malformed YAML: nested too deeply (more than 1000 levels)")
        let nested = "title: " + String(repeating: "{a: ", count: 900) + "1" + String(repeating: "}", count: 900)
        #expect(error(nested) == "s.yaml:1:8: title: expected text, got a mapping")
        var deepBlock = ""
        for i in 0..<900 { deepBlock += String(repeating: " ", count: i) + "k:\n" }
        #expect(error(deepBlock).hasPrefix("s.yaml:1:1: k: unknown key"))

        // A "billion laughs" used as a key: refused before Yams hashes it.
        var laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<30 { laughs += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        laughs += "? *a29\n: 1\n"
        #expect(error(laughs).contains("aliases"))

        for text in ["title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, lr: 99999999999999999999999999999, momentum: 1e400}]\n",
                     "title: t\nlandscape: quadratic\nsteps: 99999999999999999999\nrunners: [{optimizer: sgd}]\n",
                     "title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, lr: -.inf}]\n",
                     "title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd, start: [nan, 1]}]\n",
                     "title: !!binary aGVsbG8=\nlandscape: {? [a]: 1}\n",
                     "title: t\nlandscape: quadratic\nrunners: [{optimizer: sgd}]\nexpect: [{runner: sgd, loss_below: 1, within: 10000000}]\n",
                     "title: t\n---\ntitle: u\n", "\u{FEFF}title: t\n", "%YAML 9.9\n---\ntitle: t\n", "*undefined\n", "title: &a t\nx: *b\n"] {
            #expect(!error(text).isEmpty, "\(text)")
        }
    }

    /// Hundreds of random mutations of a real scene (bytes flipped, inserted, deleted, lines
    /// cut): each loads or fails with a located error, and the ones that load can be checked.
    @Test func mutatedScenesNeverTrap() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenes/ill-conditioning.yaml")
        let original = Array(try Data(contentsOf: url))
        let alphabet = Array("{}[],:-&*!|>'\"#%@` \n\t0123456789.eE+-abcxyz_~".utf8)
        var rng = SeededRNG(seed: 8, stream: 2)
        var loaded = 0
        for _ in 0..<800 {
            var bytes = original
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let i = Int(rng.next() % UInt64(max(bytes.count, 1)))
                switch rng.next() % 5 {
                case 0: if !bytes.isEmpty { bytes[i] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: i)
                case 2: if !bytes.isEmpty { bytes.remove(at: i) }
                case 3: bytes = Array(bytes.prefix(i))
                default: if !bytes.isEmpty { bytes[i] = UInt8(truncatingIfNeeded: rng.next()) }
                }
            }
            do {
                let scene = try SceneFile.parse(Data(bytes), path: "m.yaml")
                loaded += 1
                if ClaimCheck.horizon(of: scene) <= 500 { _ = try ClaimCheck.run(scene) }
            } catch let e as SceneFileError {
                #expect(e.description.hasPrefix("m.yaml"))
                #expect(!e.description.contains("\n"), "\(e)")
            }
        }
        #expect(loaded > 0)
    }

    @Test func anchorsAndAliasesWorkWithinReason() throws {
        let s = try load("title: t\nlandscape: quadratic\nstart: &s [1, 2]\nrunners: [{optimizer: sgd, start: *s}, {optimizer: adam, start: *s}]\n")
        #expect(s.runners.map(\.start) == [Vec2(1, 2), Vec2(1, 2)])
    }

    @Test func loadReadsFilesAndReportsUnreadableOnes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scenefile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.yaml").path
        try minimal().write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try SceneFile.load(path: file).path == file)
        #expect(throws: SceneFileError(file: dir.path, location: nil, field: nil, message: "is a directory, not a scene file")) {
            try SceneFile.load(path: dir.path)
        }
        #expect(throws: SceneFileError(file: "/nonexistent.yaml", location: nil, field: nil, message: "no such file")) {
            try SceneFile.load(path: "/nonexistent.yaml")
        }
    }
}
