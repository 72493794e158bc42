/// Turns an ``ExpressionAST`` into an ``ExpressionProgram`` in one pass over its post-order nodes.
///
/// - The pass simulates the evaluation stack. Its top is usually the accumulator; a value that is
///   still needed when the accumulator must be reused is stored to a register (a spill), and
///   registers are freed as soon as their value is consumed, so the register count follows the
///   nesting depth, not the length of the expression.
/// - Constant subtrees, including parameters (known at compile time), are folded to numbers:
///   `2*pi*k` costs nothing per evaluation. Folding runs the evaluator's own instructions over
///   `Double`, so a folded constant equals what the program would have computed.
/// - An operation with one constant operand is one instruction with an immediate constant
///   (`x - 3`, `100*u`, `1/u`). `u^2` is the product `u·u`, `u^1` is `u` itself and `u^0` is 1,
///   exactly as ``pow(_:_:)`` with a constant exponent defines them; other constant exponents use
///   that same `pow`, a varying exponent `pow(u, v) = exp(v·log u)`.
/// - A peephole pass (`ExpressionCompiler+Fusion.swift`) fuses a `load` with the instruction
///   after it where the pair is common (`x^2`, `x - c`, `c*x`, `x*y`, …): the same operations in
///   the same order, one dispatch fewer.
///   Dispatch is most of an interpreter's cost; this measured 10–35% faster (Rosenbrock, a long
///   polynomial). (Fusing `… ; square` as more opcodes cut instructions further but made the
///   optimiser's code for the larger switch slower overall.)
/// - A second pass folds what follows an instruction — an `add` or `reverseSubtract` of a
///   register, a constant added or subtracted, a `square`, a `multiplyConstant`, an `add` of a
///   second register, a `store` — into it as steps tested after it (``ExpressionProgram/Post``),
///   and `c1 - c2*u`, `c1*u ± c2*v` into one instruction each: Rosenbrock and Himmelblau run in
///   2 dispatches instead of 8 and 10.
/// - A product of x, y and a constant (`14*x`, `3*x^2`, `6*x*y`) waits on the simulated stack
///   as a ``Term`` until it is used: added to or subtracted from the accumulator it costs one
///   instruction that computes it inside (no load, no spill of the running sum), anything else
///   loads it. Goldstein–Price runs in 15 dispatches (63 unfused).
struct ExpressionCompiler {
    typealias Opcode = ExpressionProgram.Opcode
    typealias Instruction = ExpressionProgram.Instruction

    private enum Operand: Equatable {
        case accumulator
        case register(Int32)
        case constant(Double)
        /// A product of x, y and a constant not computed yet (see ``Term``).
        case term(Term)
    }

    /// A product term of x and y (registers 0 and 1, never overwritten, so the term can wait on
    /// the stack) and a constant, in the expression's order: `14*x`, `3*x^2`, `6*x*y`. It is
    /// computed where it is used: inside the instruction that adds or subtracts it, or loaded
    /// into the accumulator by one instruction when anything else needs it.
    private enum Term: Equatable {
        /// r[a]·c (`c*x` is `x*c` for every scalar type: multiplying by a constant scales
        /// every component)
        case scaled(Int32, Double)
        /// r[a]·r[b]
        case product(Int32, Int32)
        /// (r[a]·r[b])·c
        case productScaled(Int32, Int32, Double)
        /// (r[a]·c)·r[b]
        case scaledProduct(Int32, Double, Int32)

        /// The instruction computing acc + T, acc − T or T − acc.
        func instruction(_ op: Binary, reversed: Bool) -> Instruction {
            let (add, subtract, reverseSubtract): (Opcode, Opcode, Opcode)
            let a: Int32, b: Int32, c: Double
            switch self {
            case .scaled(let r, let k): (add, subtract, reverseSubtract) = (.addScaled, .subtractScaled, .reverseSubtractScaled); (a, b, c) = (r, 0, k)
            case .product(let p, let q): (add, subtract, reverseSubtract) = (.addProduct, .subtractProduct, .reverseSubtractProduct); (a, b, c) = (p, q, 0)
            case .productScaled(let p, let q, let k): (add, subtract, reverseSubtract) = (.addProductScaled, .subtractProductScaled, .reverseSubtractProductScaled); (a, b, c) = (p, q, k)
            case .scaledProduct(let p, let k, let q): (add, subtract, reverseSubtract) = (.addScaledProduct, .subtractScaledProduct, .reverseSubtractScaledProduct); (a, b, c) = (p, q, k)
            }
            let opcode = op == .add ? add : (reversed ? reverseSubtract : subtract)
            return Instruction(op: opcode, b: Int16(b), a: a, constant: c)
        }

        /// The instruction loading T into the accumulator: the same operations in the same order
        /// as the unfused `load; square` / `load; multiply r` / `…; multiplyConstant c` sequence.
        var load: Instruction {
            switch self {
            case .scaled(let r, let k): return Instruction(op: .loadMultiplyConstant, a: r, constant: k)
            case .product(let p, let q) where p == q: return Instruction(op: .loadSquare, a: p)
            case .product(let p, let q): return Instruction(op: .loadMultiply, b: Int16(q), a: p)
            case .productScaled(let p, let q, let k): return Instruction(op: .loadProductScaled, b: Int16(q), a: p, constant: k)
            case .scaledProduct(let p, let k, let q): return Instruction(op: .loadScaledProduct, b: Int16(q), a: p, constant: k)
            }
        }
    }

    /// The binary operations, with their instruction for each placement of the operands.
    private enum Binary {
        case add, subtract, multiply, divide, pow, min, max

        /// acc ∘ r, r ∘ acc, acc ∘ c, c ∘ acc
        var forms: (accumulatorRegister: Opcode, registerAccumulator: Opcode, accumulatorConstant: Opcode, constantAccumulator: Opcode) {
            switch self {
            // Addition is exactly commutative for every scalar type (component-wise sums).
            case .add: return (.add, .add, .addConstant, .addConstant)
            case .subtract: return (.subtract, .reverseSubtract, .subtractConstant, .reverseSubtractConstant)
            // By a constant: every component times c, exactly commutative.
            case .multiply: return (.multiply, .reverseMultiply, .multiplyConstant, .multiplyConstant)
            case .divide: return (.divide, .reverseDivide, .divideConstant, .reverseDivideConstant)
            case .pow: return (.pow, .reversePow, .powConstant, .reversePowConstant)
            case .min: return (.min, .reverseMin, .minConstant, .reverseMinConstant)
            case .max: return (.max, .reverseMax, .maxConstant, .reverseMaxConstant)
            }
        }
    }

    private var code: [Instruction] = []
    private var stack: [Operand] = []
    /// The index in `stack` of the entry held in the accumulator, if any.
    private var accumulatorEntry: Int?
    private var freeRegisters: [Int32] = []
    private var registerCount: Int32 = 2
    /// Whether product terms are kept as ``Term``s (part of fusing).
    private var terms = true

    /// `fuse: false` leaves out the fusion — `load` pairs, post flags, product terms — (for tests
    /// that check it changes nothing).
    static func compile(_ ast: ExpressionAST, parameters: [String: Double], fuse: Bool = true) -> ExpressionProgram {
        var compiler = ExpressionCompiler()
        compiler.terms = fuse
        for node in ast.nodes { compiler.compile(node, parameters) }
        precondition(compiler.stack.count == 1, "malformed expression tree")
        if case .term(let t) = compiler.stack[0] {
            compiler.code.append(t.load)
            compiler.stack[0] = .accumulator
        }
        let result: ExpressionProgram.Result
        switch compiler.stack[0] {
        case .accumulator: result = .accumulator
        case .register(let r): result = .register(r)
        case .constant(let c): result = .constant(c)
        case .term: preconditionFailure("terms are loaded above")
        }
        if case .constant = result { return ExpressionProgram(code: [], registerCount: 2, result: result) }
        return ExpressionProgram(code: fuse ? fusePosts(fuseLoads(compiler.code)) : compiler.code,
                                 registerCount: Int(compiler.registerCount), result: result)
    }

    private mutating func compile(_ node: ExpressionAST.Node, _ parameters: [String: Double]) {
        switch node {
        case .number(let v): stack.append(.constant(v))
        case .x: stack.append(.register(0))
        case .y: stack.append(.register(1))
        case .pi: stack.append(.constant(ExpressionAST.piValue))
        case .e: stack.append(.constant(ExpressionAST.eValue))
        case .parameter(let name): stack.append(.constant(parameters[name] ?? .nan))
        case .negate: unary(.negate)
        case .add: binary(.add)
        case .subtract: binary(.subtract)
        case .multiply: binary(.multiply)
        case .divide: binary(.divide)
        case .power: binary(.pow)
        case .call(let f):
            switch f {
            case .sin: unary(.sin)
            case .cos: unary(.cos)
            case .tan: unary(.tan)
            case .exp: unary(.exp)
            case .log: unary(.log)
            case .sqrt: unary(.sqrt)
            case .tanh: unary(.tanh)
            case .sigmoid: unary(.sigmoid)
            case .softplus: unary(.softplus)
            case .abs: unary(.abs)
            case .min: binary(.min)
            case .max: binary(.max)
            case .pow: binary(.pow)
            }
        }
    }

    private mutating func unary(_ op: Opcode) {
        let a = pop()
        if case .constant(let c) = a {
            stack.append(.constant(Self.fold(op, c)))
            return
        }
        intoAccumulator(a)
        emit(op)
        pushAccumulator()
    }

    private mutating func binary(_ op: Binary) {
        var b = pop(), a = pop()
        if let t = term(op, a, b) {
            stack.append(.term(t))
            return
        }
        // acc ± T, T + acc, T − acc: one instruction (T₁ ± T₂: two, the first loading T₁).
        if op == .add || op == .subtract {
            if case .term(let t) = a, case .term = b {
                spill()
                code.append(t.load)
                a = .accumulator
            }
            if a == .accumulator, case .term(let t) = b {
                code.append(t.instruction(op, reversed: false))
                pushAccumulator()
                return
            }
            if case .term(let t) = a, b == .accumulator {
                code.append(t.instruction(op, reversed: true))
                pushAccumulator()
                return
            }
        }
        // Anything else computes its terms first: into the accumulator, setting aside what is there.
        if case .term(let t) = a {
            if b == .accumulator { b = setAside() }
            spill()
            code.append(t.load)
            a = .accumulator
        }
        if case .term(let t) = b {
            if a == .accumulator { a = setAside() }
            spill()
            code.append(t.load)
            b = .accumulator
        }
        let forms = op.forms
        switch (a, b) {
        case (.constant(let x), .constant(let y)):
            stack.append(.constant(Self.fold(forms.accumulatorConstant, x, constant: y)))
            return
        case (_, .constant(let c)) where op == .pow:
            // Mirrors `pow(_: S, _: Double)`: p = 0 gives 1, p = 1 the base itself, p = 2 `x·x`.
            if c == 0 {
                if case .register(let r) = a { release(r) }
                stack.append(.constant(1))
                return
            }
            if c == 1 {
                if a == .accumulator { pushAccumulator() } else { stack.append(a) }
                return
            }
            intoAccumulator(a)
            if c == 2 { emit(.square) } else { emit(.powConstant, constant: c) }
        case (.constant(let c), _):
            intoAccumulator(b)
            emit(forms.constantAccumulator, constant: c)
        case (_, .constant(let c)):
            intoAccumulator(a)
            emit(forms.accumulatorConstant, constant: c)
        case (.register(let ra), .accumulator):
            emit(forms.registerAccumulator, ra)
            release(ra)
        case (_, .register(let rb)):
            intoAccumulator(a)
            emit(forms.accumulatorRegister, rb)
            release(rb)
        case (.accumulator, .accumulator), (.term, _), (_, .term):
            preconditionFailure("two operands in the accumulator")
        }
        pushAccumulator()
    }

    /// The product term `a ∘ b` makes, if any (only while ``terms`` is on).
    private func term(_ op: Binary, _ a: Operand, _ b: Operand) -> Term? {
        guard terms else { return nil }
        func variable(_ o: Operand) -> Int32? {
            if case .register(let r) = o, r < 2 { return r }
            return nil
        }
        switch (op, a, b) {
        case (.multiply, .constant(let c), _): if let r = variable(b) { return .scaled(r, c) }
        case (.multiply, _, .constant(let c)): if let r = variable(a) { return .scaled(r, c) }
        case (.pow, _, .constant(2)): if let r = variable(a) { return .product(r, r) }
        default: break
        }
        guard op == .multiply else { return nil }
        if let p = variable(a), let q = variable(b) { return .product(p, q) }
        switch (a, b) {
        case (.term(.product(let p, let q)), .constant(let c)), (.constant(let c), .term(.product(let p, let q))):
            return .productScaled(p, q, c)
        case (.term(.scaled(let p, let c)), _):
            if let q = variable(b) { return .scaledProduct(p, c, q) }
        default: break
        }
        return nil
    }

    /// Stores a popped operand that is in the accumulator to a free register, and returns it.
    private mutating func setAside() -> Operand {
        let d = allocate()
        emit(.store, d)
        return .register(d)
    }

    // MARK: - Stack, accumulator and registers

    private mutating func allocate() -> Int32 {
        if let r = freeRegisters.popLast() { return r }
        registerCount += 1
        return registerCount - 1
    }

    private mutating func pop() -> Operand {
        let o = stack.removeLast()
        if o == .accumulator { accumulatorEntry = nil }
        return o
    }

    private mutating func pushAccumulator() {
        stack.append(.accumulator)
        accumulatorEntry = stack.count - 1
    }

    /// Moves `o` (already popped) into the accumulator, first storing any other value there.
    private mutating func intoAccumulator(_ o: Operand) {
        switch o {
        case .accumulator:
            break
        case .register(let r):
            spill()
            emit(.load, r)
            release(r)
        case .term(let t):
            spill()
            code.append(t.load)
        case .constant:
            preconditionFailure("constants are folded or become immediate operands")
        }
    }

    /// Stores the stack entry held in the accumulator, if any, to a free register.
    private mutating func spill() {
        guard let k = accumulatorEntry else { return }
        let d = allocate()
        emit(.store, d)
        stack[k] = .register(d)
        accumulatorEntry = nil
    }

    /// Frees a register once its value has been read (x and y are never freed).
    private mutating func release(_ r: Int32) {
        if r >= 2 { freeRegisters.append(r) }
    }

    private mutating func emit(_ op: Opcode, _ a: Int32 = 0, constant: Double = 0) {
        code.append(Instruction(op: op, a: a, constant: constant))
    }

    /// Runs one instruction on constants, with the evaluator's own semantics. Only accumulator
    /// and accumulator-constant instructions are folded; they read no register.
    private static func fold(_ op: Opcode, _ x: Double, constant: Double = 0) -> Double {
        var acc = x
        var scratch = 0.0
        withUnsafeMutablePointer(to: &scratch) { r in
            withUnsafePointer(to: Instruction(op: op, constant: constant)) { i in
                ExpressionProgram.execute(i, &acc, .init(file: r))
            }
        }
        return acc
    }
}
