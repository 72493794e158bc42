import Foundation
import Testing

/// The real binary, run as a user would, without a terminal.
@Suite struct CLITests {
    @Test func listNamesEveryLandscapeAndOptimizer() {
        let r = Spawn.optiscape("list")
        #expect(r.status == 0)
        for name in ["quadratic", "rosenbrock", "sgd", "momentum", "nesterov", "adagrad", "rmsprop",
                     "adadelta", "adam", "adamw", "newton", "saddle-free-newton",
                     "nadam", "radam", "adamax", "asgd", "rprop", "adafactor", "momentum-decay", "eta-minus", "beta2-decay"] {
            #expect(r.stdout.contains(name), "list lacks \(name)")
        }
        #expect(r.stderr.isEmpty)
    }

    @Test func traceCSVHasTheContractHeaderAndRows() {
        let r = Spawn.optiscape("trace", "--landscape", "rosenbrock", "--optimizer", "sgd", "--optimizer", "adam:lr=0.01",
                                "--start", "-1.5,2", "--steps", "10")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "runner,step,x,y,loss,grad_norm,status")
        #expect(lines.count == 1 + 2 * 11)
        #expect(lines[1] == "sgd,0,-1.5,2.0,12.5,162.8649747490233,running")
    }

    /// An undefined loss is no number in the output, and says so; a start outside --bound is
    /// refused, naming the bound, by every command that takes a start (issue #13).
    @Test func undefinedLossesAndOutOfBoundStarts() {
        let log = Spawn.optiscape("trace", "--expr", "log(x) + y^2", "--start=-1,1")
        #expect(log.status == 0)
        #expect(log.stdout == "runner,step,x,y,loss,grad_norm,status\nsgd,0,-1.0,1.0,,,undefined\n")
        let json = Spawn.optiscape("trace", "--expr", "exp(x*1000)", "--start=1,1", "--format", "json")
        #expect(json.stdout.contains("[[0,1.0,1.0,null,null]]") && json.stdout.contains("\"status\":\"overflow\""))
        for args in [["trace"], ["render", "--size", "80x24"], []] {
            let r = Spawn.optiscape(args: args + ["--start=1e300,1e300"])
            #expect(r.status == 1, "\(args)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr == "optiscape: sgd: start (1e+300, 1e+300) is outside the bound |x|, |y| ≤ 1000000 (--bound); move the start or raise --bound\n", "\(args): \(r.stderr)")
        }
    }

    @Test func traceStartAcceptsTheEqualsForm() {
        let a = Spawn.optiscape("trace", "--start=-1.5,2", "--steps", "3")
        let b = Spawn.optiscape("trace", "--start", "-1.5,2", "--steps", "3")
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test func traceIsDeterministicWithNoise() {
        let args = ["trace", "--optimizer", "sgd", "--noise", "0.3", "--seed", "42", "--steps", "200", "--every", "50"]
        let a = Spawn.optiscape(args: args), b = Spawn.optiscape(args: args)
        #expect(a.status == 0 && a.stdout == b.stdout)
        let c = Spawn.optiscape(args: args.dropLast(4) + ["43", "--steps", "200", "--every", "50"])
        #expect(c.stdout != a.stdout)
    }

    @Test(arguments: [
        (["trace", "--landscape", "nope"], "unknown landscape \"nope\""),
        (["trace", "--optimizer", "adamm"], "did you mean \"adam\""),
        (["trace", "--optimizer", "muon"], "muon updates the weight matrices of a network"),
        (["render", "--size", "80x24", "--optimizer", "adam", "--optimizer", "muon:lr=0.02"], "use it with trace --network"),
        (["trace", "--param", "kappa=2"], "has no parameter \"kappa\""),
        (["trace", "--lr", "-0.1"], "learning rate"),
        (["trace", "--start", "1"], "two finite numbers"),
        (["trace", "--beta1", "0.5"], "does not apply to sgd"),
    ])
    func userErrorsExitOneWithOneLine(args: [String], text: String) {
        let r = Spawn.optiscape(args: args)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("optiscape: "))
        #expect(r.stderr.contains(text), "stderr: \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: [["trace", "--steps", "x"], ["trace", "--bogus"], ["trace", "--every", "0"],
                      ["render", "--size", "12"], ["frobnicate", "--x"]])
    func usageErrorsExitTwoWithOneLine(args: [String]) {
        let r = Spawn.optiscape(args: args)
        #expect(r.status == 2, "\(args): \(r.status) \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test(arguments: ["trace", "render", "list", "ui", "bench"])
    func everySubcommandHasHelpWithDefaults(sub: String) {
        let r = Spawn.optiscape(sub, "--help")
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE"))
    }

    @Test func interactiveUIRefusesWithoutATerminalAndNamesTheAlternatives() {
        let r = Spawn.optiscape()
        #expect(r.status == 1)
        #expect(r.stderr.contains("optiscape render") && r.stderr.contains("optiscape trace"))
    }

    /// A size below the layout's minimum is an error (it printed the "too small" message, status 0).
    @Test func renderRefusesASizeTooSmallForTheLayout() {
        let r = Spawn.optiscape("render", "--size", "10x5")
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "optiscape: --size 10x5: terminal too small, the frame needs at least 60x20\n", "\(r.stderr)")
    }

    /// The UI's and trace's --help say where the --expr syntax is documented.
    @Test func helpSaysWhereTheExpressionSyntaxIs() {
        for args in [["--help"], ["ui", "--help"], ["trace", "--help"]] {
            let r = Spawn.optiscape(args: args)
            #expect(r.status == 0)
            // Help text is reflowed to the terminal's width: compare words.
            let words = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(words.contains("--expr syntax:") && words.contains("Your own landscape: expressions"), "\(args)")
        }
    }

    @Test func renderPrintsAFrameOfTheAskedSize() {
        let r = Spawn.optiscape("render", "--size", "70x20", "--steps", "5")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 20)
        #expect(lines.allSatisfy { $0.count <= 70 })
        #expect(r.stdout.contains("step 5"))
    }
}

@Suite struct ExpressionCLITests {
    @Test func anExpressionTracesLikeABuiltIn() {
        let e = Spawn.optiscape("trace", "--expr", "(1 - x)^2 + 100*(y - x^2)^2", "--optimizer", "adam:lr=0.01", "--steps", "20", "--start=-1.5,2")
        let b = Spawn.optiscape("trace", "--landscape", "rosenbrock", "--optimizer", "adam:lr=0.01", "--steps", "20", "--start=-1.5,2")
        #expect(e.status == 0 && b.status == 0)
        let er = e.stdout.split(separator: "\n"), br = b.stdout.split(separator: "\n")
        #expect(er.count == br.count)
        // Same formula, same start: the same path, to rounding.
        for (l, r) in zip(er.dropFirst(), br.dropFirst()) {
            let a = l.split(separator: ","), c = r.split(separator: ",")
            for k in 2...4 { #expect(abs(Double(a[k])! - Double(c[k])!) <= 1e-12 * max(1, abs(Double(c[k])!))) }
        }
    }

    @Test func errorsEchoTheExpressionWithACaret() {
        let r = Spawn.optiscape("trace", "--expr", "2 * sine(x)")
        #expect(r.status == 1)
        #expect(r.stderr == "optiscape: expression: unknown function \"sine\" at column 5 (did you mean \"sin\"?)\n2 * sine(x)\n    ^\n")
    }

    @Test(arguments: ["(x + 1", "x +", "", "x + q", "x^2 +* y"])
    func badExpressionsExitOne(expr: String) {
        let r = Spawn.optiscape("trace", "--expr", expr)
        #expect(r.status == 1, "\(expr): \(r.stderr)")
        #expect(r.stderr.hasPrefix("optiscape: expression: "))
    }

    @Test func anUnusedParameterIsAnError() {
        let r = Spawn.optiscape("trace", "--expr", "x^2", "--param", "q=1")
        #expect(r.status == 1 && r.stderr.contains("parameter \"q\" is not used"))
    }

    @Test func aRunnerEnteringTheUndefinedRegionIsUndefinedWithTheReason() {
        let r = Spawn.optiscape("trace", "--expr", "log(x) + y^2", "--start", "0.01,1", "--optimizer", "sgd:lr=0.5", "--format", "json")
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"status\":\"undefined\",\"status_step\":1,\"reason\":\"loss undefined at"))
    }
}
