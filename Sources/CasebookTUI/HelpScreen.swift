/// Every key, generated from the command table and the user's overrides, so help cannot drift
/// from what the keys do.
package final class HelpScreen: Screen {
    private let lines: [(text: String, role: Role)]
    private var offset = 0
    private var height = 10

    package init(keys: KeyMap) {
        var lines: [(String, Role)] = []
        for context in KeyContext.allCases {
            let commands = CommandTable.all.filter { $0.context == context }
            guard !commands.isEmpty else { continue }
            lines.append((context.title, .title))
            for info in commands {
                lines.append(("  " + TextWidth.fit(keys.label(for: info.id), to: 22) + "  " + info.summary, .normal))
            }
            lines.append(("", .normal))
        }
        lines += [
            ("Dates", .title),
            ("  Type YYYY-MM-DD, or t for today, or +7d, -2w, +3m, +1y from today.", .normal),
            ("", .normal),
            ("Changing keys", .title),
            ("  In ~/.config/casebook/casebook.toml, under [keys]: \"form.save\" = \"<c-s>\" replaces the keys", .normal),
            ("  of a command; [\"<c-s>\", \"<f2>\"] gives several; \"<disabled>\" removes them.", .normal),
        ]
        self.lines = lines
    }

    package var contexts: [KeyContext] { [.movement] }
    package var title: String { "Help" }

    package func handle(_ input: Input, app: App) -> Bool {
        guard case .command(let command) = input else { return false }
        let last = max(0, lines.count - height)
        switch command {
        case .up: offset = max(0, offset - 1)
        case .down: offset = min(last, offset + 1)
        case .pageUp: offset = max(0, offset - height)
        case .pageDown: offset = min(last, offset + height)
        case .top: offset = 0
        case .bottom: offset = last
        case .help, .back: app.pop()
        default: return false
        }
        return true
    }

    package func render(_ frame: inout Frame, app: App) {
        frame.clear(frame.area)
        let area = frame.area.inset(left: 1, right: 1)
        frame.text("Keys — Esc closes, ↑ ↓ PgUp PgDn scroll", in: area.row(0), .emphasis)
        let body = area.inset(top: 2)
        height = body.height
        offset = min(offset, max(0, lines.count - height))
        for row in 0..<body.height {
            let index = offset + row
            guard lines.indices.contains(index) else { break }
            frame.text(lines[index].text, in: body.row(row), lines[index].role)
        }
        frame.cursor = Point(x: area.x, y: area.y)
    }
}
