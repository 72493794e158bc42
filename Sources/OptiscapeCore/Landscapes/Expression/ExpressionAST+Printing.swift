extension ExpressionAST: CustomStringConvertible {
    /// The expression with as few parentheses as the grammar needs: `-x^2 + 3*(y - 1)`.
    /// Parsing it gives an equal tree.
    public var description: String { printed(fullyParenthesized: false) }

    /// Every operation in its own parentheses: `((-(x^2)) + (3*(y - 1)))` style, for checking
    /// precedence by eye. Parsing it gives an equal tree.
    public var fullyParenthesized: String { printed(fullyParenthesized: true) }

    /// Binding strength of a node as an operand: 1 `+ -`, 2 `* /`, 3 unary minus, 4 `^`, 5 atoms.
    private static func precedence(_ node: Node) -> Int {
        switch node {
        case .add, .subtract: return 1
        case .multiply, .divide: return 2
        case .negate: return 3
        case .power: return 4
        case .number, .x, .y, .pi, .e, .parameter, .call: return 5
        }
    }

    /// For each node, the index of the first node of its subtree.
    private var subtreeStarts: [Int] {
        var starts = [Int](repeating: 0, count: nodes.count)
        for i in nodes.indices {
            var start = i
            for _ in 0..<nodes[i].arity { start = starts[start - 1] }
            starts[i] = start
        }
        return starts
    }

    /// Prints without recursion (an explicit work stack), so any tree the parser accepts prints,
    /// in time linear in its size.
    private func printed(fullyParenthesized full: Bool) -> String {
        guard !nodes.isEmpty else { return "" }
        enum Work { case node(Int, parenthesized: Bool), text(StaticString), name(String) }
        let starts = subtreeStarts
        var out = ""
        var work: [Work] = [.node(nodes.count - 1, parenthesized: false)]
        // Work is popped from the end, so each node pushes its parts last-first.
        func push(operand j: Int, needs: Bool) {
            work.append(.node(j, parenthesized: full ? ExpressionAST.precedence(nodes[j]) < 5 : needs))
        }
        while let item = work.popLast() {
            switch item {
            case .text(let s): out += s.description
            case .name(let s): out += s
            case .node(let i, let parenthesized):
                let node = nodes[i]
                let p = ExpressionAST.precedence(node)
                if parenthesized { work.append(.text(")")) }
                switch node {
                case .number(let v): work.append(.name(v.compact))
                case .x: work.append(.text("x"))
                case .y: work.append(.text("y"))
                case .pi: work.append(.text("pi"))
                case .e: work.append(.text("e"))
                case .parameter(let name): work.append(.name(name))
                case .negate:
                    push(operand: i - 1, needs: ExpressionAST.precedence(nodes[i - 1]) < p)
                    work.append(.text("-"))
                case .add, .subtract, .multiply, .divide, .power:
                    let right = i - 1, left = starts[i - 1] - 1
                    let symbol: StaticString
                    switch node {
                    case .add: symbol = " + "
                    case .subtract: symbol = " - "
                    case .multiply: symbol = "*"
                    case .divide: symbol = "/"
                    default: symbol = "^"
                    }
                    let l = ExpressionAST.precedence(nodes[left]), r = ExpressionAST.precedence(nodes[right])
                    if node == .power {
                        // Right-associative; the base must be an atom, the exponent may be a
                        // unary minus or a power (`2^-x`, `2^3^2`).
                        push(operand: right, needs: r < 3)
                        work.append(.text(symbol))
                        push(operand: left, needs: l < 5)
                    } else {
                        // Left-associative: the right operand needs parentheses at equal precedence,
                        // except a unary minus, which the grammar allows there (`2*-3`, `x - -y`).
                        push(operand: right, needs: r <= p)
                        work.append(.text(symbol))
                        push(operand: left, needs: l < p)
                    }
                case .call(let f):
                    work.append(.text(")"))
                    var end = i
                    for k in 0..<f.arity {
                        if k > 0 { work.append(.text(", ")) }
                        work.append(.node(end - 1, parenthesized: false))
                        end = starts[end - 1]
                    }
                    work.append(.text("("))
                    work.append(.name(f.rawValue))
                }
                if parenthesized { work.append(.text("(")) }
            }
        }
        return out
    }
}
