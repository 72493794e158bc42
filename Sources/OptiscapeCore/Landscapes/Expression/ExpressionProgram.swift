import Foundation

/// A compiled expression: a flat list of instructions for an accumulator machine, evaluated over
/// any ``AutoDiffScalar`` — `Double` for the value, `Dual2` for the gradient, `Jet2` for the Hessian.
///
/// Every instruction updates one accumulator, a local variable the optimiser keeps in machine
/// registers, from the accumulator, a register or an immediate constant. Registers 0 and 1 stand
/// for x and y; the others hold values set aside (``Opcode/store``) while another operand is
/// computed, and are reused, so a program needs about as many registers as its nesting is deep.
/// The register file comes from `withUnsafeTemporaryAllocation` (the stack). An evaluation walks
/// the instructions once: no string work, no existentials, no heap allocation.
///
/// Keeping the running value out of memory matters: writing a `Dual2` field by field and reading
/// it back whole on the next instruction stalls the CPU's store forwarding, which made a first,
/// register-to-register design about twice as slow on Rosenbrock.
///
/// Per evaluation the cost is the dispatch — a jump through a table, the operand loads — more
/// than the arithmetic, so a program does as few dispatches as it can: common `load`-and-operate
/// pairs are fused into one opcode, and a `square`, an `add` of a register and a `store` that
/// follow an instruction ride on it as ``Post`` flags. Rosenbrock runs in 4 dispatches (from 10);
/// `optiscape bench` measures it against the built-in (figures `eval.*`).
///
/// Every instruction computes the primal value the same way for all three scalar types, so
/// `value(at:)`, `valueAndGradient(at:)` and `jet(at:)` agree bit for bit. (Division of two
/// varying operands is `a·(1/b)` for that reason: `Dual2` and `Jet2` divide that way.)
struct ExpressionProgram: Sendable {
    /// `acc` is the accumulator, `r[a]` a register, `c` the instruction's constant. Operand order
    /// is kept (`reverse…` forms put the accumulator second), so results do not depend on how the
    /// compiler scheduled the operands.
    enum Opcode: UInt8, Sendable {
        /// acc = r[a]
        case load
        /// r[a] = acc
        case store
        /// acc = acc ∘ r[a]; `reverse`: acc = r[a] ∘ acc
        case add, subtract, reverseSubtract, multiply, reverseMultiply, divide, reverseDivide
        case pow, reversePow, min, reverseMin, max, reverseMax
        /// acc = acc ∘ c; `reverse`: acc = c ∘ acc
        case addConstant, subtractConstant, reverseSubtractConstant, multiplyConstant
        case divideConstant, reverseDivideConstant, powConstant, reversePowConstant
        case minConstant, reverseMinConstant, maxConstant, reverseMaxConstant
        /// acc = f(acc)
        case negate, square, sin, cos, tan, exp, log, sqrt, tanh, sigmoid, softplus, abs
        /// A `load` fused with the instruction after it (see ``ExpressionCompiler``): acc = r[a]·r[a],
        /// r[a] ∘ c, r[a] ∘ r[b]. One dispatch instead of two for the commonest shapes: `x^2`,
        /// `x - 1`, `3*y`, `x*y`.
        case loadSquare, loadAddConstant, loadSubtractConstant, loadReverseSubtractConstant, loadMultiplyConstant
        case loadAdd, loadSubtract, loadMultiply
    }

    struct Instruction: Sendable, Equatable {
        var op: Opcode
        /// What follows the operation within the same dispatch (see ``Post``).
        var post: Post = []
        /// The second register of the fused `load…` register-register forms; for the others,
        /// the register a ``Post/store`` writes.
        var b: Int16 = 0
        var a: Int32 = 0
        var constant: Double = 0
    }

    /// Work done after an instruction's operation without a dispatch of its own: `square`
    /// (acc = acc·acc, exactly the ``Opcode/square`` instruction), then `store` (r[b] = acc,
    /// exactly ``Opcode/store``). Squares of a sum and the spills that set a term aside are
    /// the commonest instructions in loss formulas — (1 − x)², (y − x²)² — and a flag tested
    /// after every instruction costs far less than a dispatch. (Separate fused opcodes for
    /// `… ; square` had made the switch, and so every dispatch, slower.)
    struct Post: OptionSet, Sendable, Equatable {
        let rawValue: UInt8
        static let square = Post(rawValue: 1)
        static let store = Post(rawValue: 2)
        /// acc = acc + r[b], exactly the ``Opcode/add`` instruction (after `square`).
        static let add = Post(rawValue: 4)
    }

    /// Where the result is once the instructions have run.
    enum Result: Sendable, Equatable {
        case accumulator
        case register(Int32)
        case constant(Double)
    }

    var code: [Instruction]
    /// Registers needed, including x and y.
    var registerCount: Int
    var result: Result

    /// The value of the expression at (x, y), with whatever derivatives `S` carries.
    func evaluate<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        switch result {
        case .constant(let c): return S(c)
        case .register(0): return x
        case .register(1): return y
        default: break
        }
        // A fixed-size register file for the common small programs: its size known at compile
        // time, the allocation is a plain stack slot and the whole evaluation inlines into its
        // caller (a size known only at run time made it an outlined call).
        guard registerCount <= ExpressionProgram.smallRegisterCount else { return evaluateLarge(x, y) }
        return withUnsafeTemporaryAllocation(of: S.self, capacity: ExpressionProgram.smallRegisterCount) { registers in
            run(x, y, registers.baseAddress!, count: registerCount)
        }
    }

    /// ``evaluate(_:_:)`` for programs with more registers than the fixed-size file holds.
    @inline(never)
    private func evaluateLarge<S: AutoDiffScalar>(_ x: S, _ y: S) -> S {
        withUnsafeTemporaryAllocation(of: S.self, capacity: registerCount) { registers in
            run(x, y, registers.baseAddress!, count: registerCount)
        }
    }

    /// Register files up to this size live in a fixed-size stack slot.
    static var smallRegisterCount: Int { 8 }

    /// Runs the code with the register file at `r` (`count` registers, uninitialised).
    @inline(__always)
    private func run<S: AutoDiffScalar>(_ x: S, _ y: S, _ r: UnsafeMutablePointer<S>, count: Int) -> S {
        // Registers 0 and 1 hold x and y. Temporaries are always stored before they are read,
        // so plain values (Double, Dual2, Jet2) need no initialisation; other types get it, so
        // that assignment stays valid.
        let plain = _isPOD(S.self)
        if !plain { (r + 2).initialize(repeating: S(0), count: count - 2) }
        ExpressionProgram.place(x, y, in: r)
        let operands = Operands(r: r)
        var acc = S(0)
        code.withUnsafeBufferPointer { code in
            for i in code {
                ExpressionProgram.execute(i, &acc, operands)
                if i.post.rawValue != 0 {
                    if i.post.contains(.square) { acc = acc * acc }
                    if i.post.contains(.add) { acc = acc + operands[Int32(i.b)] }
                    if i.post.contains(.store) { operands[Int32(i.b)] = acc }
                }
            }
        }
        if case .register(let k) = result { acc = r[Int(k)] }
        if !plain { r.deinitialize(count: count) }
        return acc
    }

    /// Puts x and y into registers 0 and 1 the way the instructions read them back: a `Dual2`'s
    /// derivative pair as one 16-byte store, since the loop loads it as one 16-byte load and a
    /// load that spans two smaller stores cannot be forwarded from them (a stall of ~15 cycles
    /// on every evaluation that reads x or y).
    @inline(__always)
    static func place<S: AutoDiffScalar>(_ x: S, _ y: S, in r: UnsafeMutablePointer<S>) {
        if S.self == Dual2.self {
            let raw = UnsafeMutableRawPointer(r)
            @inline(__always) func put(_ v: S, at offset: Int) {
                let d = unsafeBitCast(v, to: Dual2.self)
                raw.storeBytes(of: d.value, toByteOffset: offset, as: Double.self)
                raw.storeBytes(of: SIMD2(d.dx, d.dy), toByteOffset: offset + 8, as: SIMD2<Double>.self)
            }
            put(x, at: 0)
            put(y, at: MemoryLayout<Dual2>.stride)
        } else {
            r.initialize(to: x)
            (r + 1).initialize(to: y)
        }
    }

    /// The register file as instructions see it: x, y and the temporaries, all in memory.
    /// (x and y once came from machine registers behind two tests per operand; read from the
    /// file like the rest, with ``place(_:_:in:)`` storing them in the shape they are read,
    /// a Rosenbrock evaluation took ~10% fewer instructions.)
    struct Operands<S: AutoDiffScalar> {
        var r: UnsafeMutablePointer<S>

        @inline(__always) subscript(_ k: Int32) -> S {
            get { r[Int(k)] }
            nonmutating set { r[Int(k)] = newValue }
        }
    }

    /// Runs one instruction.
    @inline(__always)
    static func execute<S: AutoDiffScalar>(_ i: Instruction, _ acc: inout S, _ r: Operands<S>) {
        let c = i.constant
        switch i.op {
        case .load: acc = r[i.a]
        case .store: r[i.a] = acc

        case .add: acc = acc + r[i.a]
        case .subtract: acc = acc - r[i.a]
        case .reverseSubtract: acc = r[i.a] - acc
        case .multiply: acc = acc * r[i.a]
        case .reverseMultiply: acc = r[i.a] * acc
        case .divide: acc = acc * r[i.a].reciprocal
        case .reverseDivide: acc = r[i.a] * acc.reciprocal
        case .pow: acc = OptiscapeCore.pow(acc, r[i.a])
        case .reversePow: acc = OptiscapeCore.pow(r[i.a], acc)
        case .min: acc = S.min(acc, r[i.a])
        case .reverseMin: acc = S.min(r[i.a], acc)
        case .max: acc = S.max(acc, r[i.a])
        case .reverseMax: acc = S.max(r[i.a], acc)

        case .addConstant: acc = acc + c
        case .subtractConstant: acc = acc - c
        case .reverseSubtractConstant: acc = -acc + c
        case .multiplyConstant: acc = acc * c
        case .divideConstant: acc = acc / c
        case .reverseDivideConstant: acc = acc.reciprocal * c
        case .powConstant: acc = OptiscapeCore.pow(acc, c)
        case .reversePowConstant: acc = OptiscapeCore.pow(S(c), acc)
        case .minConstant: acc = S.min(acc, S(c))
        case .reverseMinConstant: acc = S.min(S(c), acc)
        case .maxConstant: acc = S.max(acc, S(c))
        case .reverseMaxConstant: acc = S.max(S(c), acc)

        case .loadSquare: let v = r[i.a]; acc = v * v
        case .loadAddConstant: acc = r[i.a] + c
        case .loadSubtractConstant: acc = r[i.a] - c
        case .loadReverseSubtractConstant: acc = -r[i.a] + c
        case .loadMultiplyConstant: acc = r[i.a] * c
        case .loadAdd: acc = r[i.a] + r[Int32(i.b)]
        case .loadSubtract: acc = r[i.a] - r[Int32(i.b)]
        case .loadMultiply: acc = r[i.a] * r[Int32(i.b)]

        case .negate: acc = -acc
        case .square: acc = acc * acc
        case .sin: acc = OptiscapeCore.sin(acc)
        case .cos: acc = OptiscapeCore.cos(acc)
        case .tan: acc = OptiscapeCore.tan(acc)
        case .exp: acc = OptiscapeCore.exp(acc)
        case .log: acc = OptiscapeCore.log(acc)
        case .sqrt: acc = OptiscapeCore.sqrt(acc)
        case .tanh: acc = OptiscapeCore.tanh(acc)
        case .sigmoid: acc = OptiscapeCore.sigmoid(acc)
        case .softplus: acc = OptiscapeCore.softplus(acc)
        case .abs: acc = S.abs(acc)
        }
    }
}
