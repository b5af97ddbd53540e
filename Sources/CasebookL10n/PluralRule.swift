/// A catalogue's `Plural-Forms` rule, `nplurals=2; plural=(n != 1);`: which of a message's
/// forms a count takes. The rule is the C expression gettext defines (`n`, numbers, `!`,
/// `* / %`, `+ -`, comparisons, `&& ||`, `?:` and parentheses), read once when the catalogue
/// loads, so that each language brings its own plurals instead of a table of ours.
package struct PluralRule: Sendable, Equatable {
    package let count: Int
    private let expression: Expression

    /// English and the Germanic languages: one form for 1, another for every other count.
    package static let germanic = PluralRule(count: 2, expression: .binary(.notEqual, .n, .number(1)))

    private init(count: Int, expression: Expression) {
        self.count = count
        self.expression = expression
    }

    /// Reads a `Plural-Forms` header value; nil when it is not a rule this reader understands.
    package init?(header: String) {
        var count: Int?
        var expression: Expression?
        for part in header.split(separator: ";") {
            let field = part.drop { $0 == " " }
            if field.hasPrefix("nplurals=") {
                count = Int(field.dropFirst("nplurals=".count).filter { $0 != " " })
            } else if field.hasPrefix("plural=") {
                var parser = Parser(text: String(field.dropFirst("plural=".count)))
                guard let parsed = parser.parse() else { return nil }
                expression = parsed
            }
        }
        guard let count, count >= 1, let expression else { return nil }
        self.init(count: count, expression: expression)
    }

    /// The index of the form `n` takes, kept within the forms the rule declares.
    package func form(for n: Int) -> Int {
        let index = expression.value(n: max(n, 0))
        return (0..<count).contains(index) ? index : 0
    }

    fileprivate indirect enum Expression: Sendable, Equatable {
        case n
        case number(Int)
        case not(Expression)
        case binary(Operator, Expression, Expression)
        case choice(Expression, Expression, Expression)

        func value(n: Int) -> Int {
            switch self {
            case .n: return n
            case .number(let value): return value
            case .not(let inner): return inner.value(n: n) == 0 ? 1 : 0
            case .choice(let condition, let yes, let no):
                return condition.value(n: n) != 0 ? yes.value(n: n) : no.value(n: n)
            case .binary(let op, let left, let right):
                let a = left.value(n: n)
                // && and || look at the right side only when they must, as C does.
                if op == .and { return a != 0 && right.value(n: n) != 0 ? 1 : 0 }
                if op == .or { return a != 0 || right.value(n: n) != 0 ? 1 : 0 }
                let b = right.value(n: n)
                switch op {
                case .times: return a &* b
                case .divide: return b == 0 ? 0 : a / b
                case .remainder: return b == 0 ? 0 : a % b
                case .plus: return a &+ b
                case .minus: return a &- b
                case .less: return a < b ? 1 : 0
                case .lessOrEqual: return a <= b ? 1 : 0
                case .greater: return a > b ? 1 : 0
                case .greaterOrEqual: return a >= b ? 1 : 0
                case .equal: return a == b ? 1 : 0
                case .notEqual: return a != b ? 1 : 0
                case .and, .or: return 0
                }
            }
        }
    }

    fileprivate enum Operator: String, Sendable, Equatable {
        case times = "*", divide = "/", remainder = "%", plus = "+", minus = "-"
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case equal = "==", notEqual = "!=", and = "&&", or = "||"
    }

    /// Recursive descent over C's precedence levels, loosest first.
    private struct Parser {
        let characters: [Character]
        var position = 0

        init(text: String) { characters = Array(text.filter { !$0.isWhitespace }) }

        mutating func parse() -> Expression? {
            guard let expression = choice(), position == characters.count else { return nil }
            return expression
        }

        private mutating func choice() -> Expression? {
            guard let condition = binary(level: 0) else { return nil }
            guard take("?") else { return condition }
            guard let yes = choice(), take(":"), let no = choice() else { return nil }
            return .choice(condition, yes, no)
        }

        private static let levels: [[Operator]] = [
            [.or], [.and], [.equal, .notEqual], [.lessOrEqual, .greaterOrEqual, .less, .greater],
            [.plus, .minus], [.times, .divide, .remainder],
        ]

        private mutating func binary(level: Int) -> Expression? {
            guard level < Parser.levels.count else { return unary() }
            guard var left = binary(level: level + 1) else { return nil }
            while let op = Parser.levels[level].first(where: { peek($0.rawValue) }) {
                position += op.rawValue.count
                guard let right = binary(level: level + 1) else { return nil }
                left = .binary(op, left, right)
            }
            return left
        }

        private mutating func unary() -> Expression? {
            if peek("!") && !peek("!=") {
                position += 1
                return unary().map { .not($0) }
            }
            if take("(") {
                guard let inner = choice(), take(")") else { return nil }
                return inner
            }
            if take("n") { return .n }
            var digits = ""
            while position < characters.count, characters[position].isASCII, characters[position].isNumber {
                digits.append(characters[position])
                position += 1
            }
            return Int(digits).map { .number($0) }
        }

        private func peek(_ token: String) -> Bool {
            let end = position + token.count
            return end <= characters.count && String(characters[position..<end]) == token
        }

        private mutating func take(_ token: String) -> Bool {
            guard peek(token) else { return false }
            position += token.count
            return true
        }
    }
}
