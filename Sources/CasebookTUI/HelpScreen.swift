/// Every key, generated from the command table and the user's overrides, so help cannot drift
/// from what the keys do.
extension TextScreen {
    static func help(keys: KeyMap) -> TextScreen {
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
        return TextScreen(
            title: "Help", heading: "Keys — Esc closes, ↑ ↓ PgUp PgDn scroll", lines: lines.map { [$0] }, closedBy: [.help])
    }
}
