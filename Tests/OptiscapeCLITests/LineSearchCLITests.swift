import Testing

/// The line-search methods from the command line: options, trials drawn, stop reasons.
@Suite struct LineSearchCLITests {
    @Test func trialsAreDrawnForLineSearchMethodsOnly() {
        let wolfe = Spawn.optiscape("render", "--size", "110x30", "--steps", "3", "--start=-1.5,2",
                                    "--optimizer", "lbfgs:line-search=strong-wolfe")
        #expect(wolfe.status == 0)
        #expect(wolfe.stdout.contains("∘ trials"))
        #expect(wolfe.stdout.filter { $0 == "∘" }.count > 2)
        let sgd = Spawn.optiscape("render", "--size", "110x30", "--steps", "3", "--optimizer", "sgd")
        #expect(sgd.status == 0)
        #expect(!sgd.stdout.contains("∘"))
    }

    @Test func optionsAreCheckedInOneLine() {
        let r = Spawn.optiscape("trace", "--optimizer", "lbfgs:history-size=0")
        #expect(r.status == 1)
        #expect(r.stderr == "optiscape: invalid history size 0.0: must be a whole number ≥ 1\n")
        let cg = Spawn.optiscape("trace", "--optimizer", "cg:line-search=none")
        #expect(cg.status == 1)
        #expect(cg.stderr.hasPrefix("optiscape: cg does not take line-search (it takes lr, tolerance-grad, tolerance-change;"))
    }

    @Test func traceSaysWhyLBFGSStopped() {
        let r = Spawn.optiscape("trace", "--landscape", "rosenbrock", "--start=-1.5,2", "--steps", "10",
                                "--optimizer", "lbfgs:line-search=strong-wolfe", "--format", "json")
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"line-search\":\"strong-wolfe\""))
        #expect(r.stdout.contains("\"status\":\"stopped\",\"status_step\":4,\"reason\":\"lbfgs: directional derivative"))
    }
}
