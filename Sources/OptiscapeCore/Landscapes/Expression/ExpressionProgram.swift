import Foundation

/// A compiled expression: a flat list of instructions for an accumulator machine, evaluated over
/// any ``AutoDiffScalar`` — `Double` for the value, `Dual2` for the gradient, `Jet2` for the Hessian.
///
/// Every instruction updates one accumulator, a local variable the optimiser keeps in machine
/// registers, from the accumulator, a register or an immediate constant. Registers 0 and 1 stand
/// for x and y; the others hold values set aside (``Opcode/store``) while another operand is
/// computed, and are reused, so a program needs about as many registers as its nesting is deep.
/// The register file is a local of the evaluating function (see `ExpressionProgram+Evaluation.swift`).
/// An evaluation walks the instructions once: no string work, no existentials, no heap allocation.
///
/// Keeping the running value out of memory matters: writing a `Dual2` field by field and reading
/// it back whole on the next instruction stalls the CPU's store forwarding, which made a first,
/// register-to-register design about twice as slow on Rosenbrock.
///
/// Per evaluation the cost is the dispatch — a jump through a table, the operand loads — more
/// than the arithmetic, so a program does as few dispatches as it can: common `load`-and-operate
/// pairs are fused into one opcode; the adds, constant offsets, squares, scalings and stores
/// that follow an instruction ride on it as ``Post`` steps; and a product term of x, y and a
/// constant (`14*x`, `3*x^2`, `6*x*y`) is added or subtracted by one instruction that computes
/// it inside. Rosenbrock and Himmelblau run in 2 dispatches (from 10 and 12), Goldstein–Price in
/// 15 (from 63); `optiscape bench` measures it against the built-in (figures `eval.*`).
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
        /// A product term T of registers and the constant, combined with the accumulator:
        /// acc + T, acc − T, T − acc, or acc = T for the `load…` forms. `Scaled`: T = r[a]·c;
        /// `Product`: T = r[a]·r[b]; `ProductScaled`: T = (r[a]·r[b])·c; `ScaledProduct`:
        /// T = (r[a]·c)·r[b] — the expression's own order (`6*x*y` is (6·x)·y), computed inside
        /// the instruction. The terms of a polynomial, `19 - 14*x + 3*x^2 - 14*y + 6*x*y`, each
        /// take one dispatch instead of two to four and no spill (see ``ExpressionCompiler``).
        case addScaled, subtractScaled, reverseSubtractScaled
        case addProduct, subtractProduct, reverseSubtractProduct
        case addProductScaled, subtractProductScaled, reverseSubtractProductScaled, loadProductScaled
        case addScaledProduct, subtractScaledProduct, reverseSubtractScaledProduct, loadScaledProduct
        /// acc = −(r[a]·c) + c′ (c′ the ``Instruction/postConstant``): `19 - 14*x`, the start of
        /// many polynomials, as `loadMultiplyConstant` then `reverseSubtractConstant` in one.
        case constantMinusScaled
        /// acc = r[a]·c ± r[b]·c′: `2*x - 3*y`, two scaled variables in one instruction
        /// (`loadMultiplyConstant` then `addScaled` or `subtractScaled`).
        case scaledPlusScaled, scaledMinusScaled
        /// acc = c: only where a program's result is a constant (appended when the program is
        /// made ready to run, see ``Runnable``).
        case loadConstant
    }

    struct Instruction: Sendable, Equatable {
        var op: Opcode
        /// What follows the operation within the same dispatch (see ``Post``).
        var post: Post = []
        /// The second register of the fused `load…` register-register forms and of the product
        /// terms; for the others, the register of a ``Post/add``.
        var b: Int16 = 0
        var a: Int16 = 0
        /// The register of a ``Post/addSecond`` or ``Post/store``.
        var d: Int16 = 0
        /// The operation's constant.
        var constant: Double = 0
        /// The constant of a ``Post/addConstant`` or ``Post/scale``, or the second constant
        /// of ``Opcode/constantMinusScaled``, ``Opcode/scaledPlusScaled`` and
        /// ``Opcode/scaledMinusScaled``.
        var postConstant: Double = 0
        /// Unused: pads an instruction to 32 bytes, so that (aligned, see ``Runnable``) none
        /// straddles a cache line. At 24 bytes Goldstein–Price measured about 20% slower for
        /// fewer instructions — though before the register file was aligned (see `Operands`),
        /// whose variance from process to process may account for part of that.
        private var reserved: Double = 0

        /// Registers are numbered well below 2¹³ (their count follows the nesting depth, at
        /// most ``ExpressionAST/maximumDepth``), so 16 bits hold them even as word offsets (4×,
        /// see ``Runnable``).
        init(op: Opcode, post: Post = [], b: Int16 = 0, a: Int32 = 0, d: Int16 = 0, constant: Double = 0,
             postConstant: Double = 0) {
            self.op = op
            self.post = post
            self.b = b
            self.a = Int16(a)
            self.d = d
            self.constant = constant
            self.postConstant = postConstant
        }
    }

    /// Work done after an instruction's operation without a dispatch of its own, in this order:
    ///
    /// 1. `add` (acc = acc + r[b]) or `reverseSubtract` (acc = r[b] − acc), where the operation
    ///    does not read `b`;
    /// 2. `addConstant`: acc = acc + c′, c′ the ``Instruction/postConstant``;
    /// 3. `square`: acc = acc·acc;
    /// 4. `scale`: acc = acc·c′ (not with `addConstant`: one c′);
    /// 5. `addSecond`: acc = acc + r[d], then `store`: r[d] = acc;
    /// 6. `last`: the result is the accumulator.
    ///
    /// Each is exactly the instruction it replaces: ``Opcode/add``, ``Opcode/reverseSubtract``,
    /// ``Opcode/addConstant`` (and `subtractConstant` c as c′ = −c, the same IEEE operation),
    /// ``Opcode/square``, ``Opcode/multiplyConstant``, ``Opcode/add``, ``Opcode/store``. A sum of
    /// squared residuals is the commonest loss formula, and each residual fits one dispatch
    /// this way: `(x^2 + y - 11)^2` set aside is `loadSquare` with `add`, `addConstant`,
    /// `square`, `store`; `100*(y - x^2)^2` added to it is `loadSquare` with `reverseSubtract`,
    /// `square`, `scale`, `addSecond`. The flags cost far less than a dispatch each (a jump
    /// through a table, and the register shuffles around it), but not nothing: a long chain of
    /// them is branches the CPU must predict. (Separate fused opcodes for `… ; square` had made
    /// the switch, and so every dispatch, slower.)
    struct Post: OptionSet, Sendable, Equatable {
        let rawValue: UInt8
        static let add = Post(rawValue: 1)
        static let reverseSubtract = Post(rawValue: 2)
        static let addConstant = Post(rawValue: 4)
        static let square = Post(rawValue: 8)
        static let scale = Post(rawValue: 16)
        static let addSecond = Post(rawValue: 32)
        static let store = Post(rawValue: 64)
        /// The last instruction. Set only in ``Runnable``, so the loop needs neither a bound
        /// check nor a dispatch to stop.
        static let last = Post(rawValue: 128)
        /// The steps before `square`, and those after it.
        static let beforeSquare: Post = [.add, .reverseSubtract, .addConstant]
        static let afterSquare: Post = [.scale, .addSecond, .store]
    }

    /// Where the result is once the instructions have run.
    enum Result: Sendable, Equatable {
        case accumulator
        case register(Int32)
        case constant(Double)
    }

    let code: [Instruction]
    /// Registers needed, including x and y.
    let registerCount: Int
    let result: Result
    /// `code` as it runs: the result moved into the accumulator, the last instruction marked.
    let runnable: Runnable

    init(code: [Instruction], registerCount: Int, result: Result) {
        self.code = code
        precondition(registerCount <= Int(Int16.max) / 4, "more registers than instructions can address")
        self.registerCount = registerCount
        self.result = result
        var run = code
        switch result {
        case .accumulator: break
        case .register(let r): run.append(Instruction(op: .load, a: r))
        case .constant(let c): run.append(Instruction(op: .loadConstant, constant: c))
        }
        // `.accumulator` comes with at least one instruction: the compiler emitted what filled it.
        run[run.count - 1].post.insert(.last)
        runnable = Runnable(run)
    }

    /// Instructions in memory of their own, so that an evaluation reaches them with one load:
    /// no array access, hence no closure around the interpreter loop that the optimiser would
    /// leave as a call of its own. Immutable once made (hence `@unchecked Sendable`: nothing
    /// writes through the pointer after `init`), freed with the program.
    final class Runnable: @unchecked Sendable {
        let instructions: UnsafePointer<Instruction>
        let count: Int

        /// `code` with its register numbers turned into word offsets (4 × the number, see
        /// ``ExpressionProgram/Operands``).
        init(_ code: [Instruction]) {
            let p = UnsafeMutableRawPointer.allocate(byteCount: code.count * MemoryLayout<Instruction>.stride,
                                                     alignment: 64).bindMemory(to: Instruction.self, capacity: code.count)
            p.initialize(from: code.map { i in
                var i = i
                i.a *= 4
                i.b *= 4
                i.d *= 4
                return i
            }, count: code.count)
            instructions = UnsafePointer(p)
            count = code.count
        }

        deinit { UnsafeMutableRawPointer(mutating: instructions).deallocate() }
    }

    /// Runs one instruction.
    @inline(__always)
    static func execute<S: AutoDiffScalar>(_ i: UnsafePointer<Instruction>, _ acc: inout S, _ r: Operands<S>) {
        var c: Double { i.pointee.constant }
        var a: Int16 { i.pointee.a }
        var b: Int16 { i.pointee.b }
        switch i.pointee.op {
        case .load: acc = r[a]
        case .store: r[a] = acc

        case .add: acc = acc + r[a]
        case .subtract: acc = acc - r[a]
        case .reverseSubtract: acc = r[a] - acc
        case .multiply: acc = acc * r[a]
        case .reverseMultiply: acc = r[a] * acc
        case .divide: acc = acc * r[a].reciprocal
        case .reverseDivide: acc = r[a] * acc.reciprocal
        case .pow: acc = OptiscapeCore.pow(acc, r[a])
        case .reversePow: acc = OptiscapeCore.pow(r[a], acc)
        case .min: acc = S.min(acc, r[a])
        case .reverseMin: acc = S.min(r[a], acc)
        case .max: acc = S.max(acc, r[a])
        case .reverseMax: acc = S.max(r[a], acc)

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

        case .loadSquare: let v = r[a]; acc = v * v
        case .loadAddConstant: acc = r[a] + c
        case .loadSubtractConstant: acc = r[a] - c
        case .loadReverseSubtractConstant: acc = -r[a] + c
        case .loadMultiplyConstant: acc = r[a] * c
        case .loadAdd: acc = r[a] + r[b]
        case .loadSubtract: acc = r[a] - r[b]
        case .loadMultiply: acc = r[a] * r[b]

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

        case .addScaled: acc = acc + r[a] * c
        case .subtractScaled: acc = acc - r[a] * c
        case .reverseSubtractScaled: acc = r[a] * c - acc
        case .addProduct: acc = acc + r[a] * r[b]
        case .subtractProduct: acc = acc - r[a] * r[b]
        case .reverseSubtractProduct: acc = r[a] * r[b] - acc
        case .addProductScaled: acc = acc + r[a] * r[b] * c
        case .subtractProductScaled: acc = acc - r[a] * r[b] * c
        case .reverseSubtractProductScaled: acc = r[a] * r[b] * c - acc
        case .loadProductScaled: acc = r[a] * r[b] * c
        case .addScaledProduct: acc = acc + r[a] * c * r[b]
        case .subtractScaledProduct: acc = acc - r[a] * c * r[b]
        case .reverseSubtractScaledProduct: acc = r[a] * c * r[b] - acc
        case .loadScaledProduct: acc = r[a] * c * r[b]

        case .constantMinusScaled: acc = -(r[a] * c) + i.pointee.postConstant
        case .scaledPlusScaled: acc = r[a] * c + r[b] * i.pointee.postConstant
        case .scaledMinusScaled: acc = r[a] * c - r[b] * i.pointee.postConstant

        case .loadConstant: acc = S(c)
        }
    }
}
