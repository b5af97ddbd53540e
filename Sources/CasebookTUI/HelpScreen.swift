import CasebookL10n

/// Every key, generated from the command table and the user's overrides, so help cannot drift
/// from what the keys do.
extension TextScreen {
    /// The help over a screen: first the commands that screen offers (those it cannot run right
    /// now dimmed), then every other command of the table.
    static func help(keys: KeyMap, offered: [BoundCommand]) -> TextScreen {
        var available: [CommandID: Bool] = [:]
        for binding in offered where available[binding.command] == nil {
            available[binding.command] = binding.isAvailable
        }
        var lines: [(String, TextRole)] = []
        func section(_ here: Bool) {
            for context in KeyContext.allCases {
                let commands = CommandTable.all.filter { $0.context == context && (available[$0.id] != nil) == here }
                guard !commands.isEmpty else { continue }
                lines.append((context.title, .title))
                for info in commands {
                    let role: TextRole = available[info.id] == false ? .dim : .normal
                    lines.append(("  " + TextWidth.fit(keys.label(for: info.id), to: 22) + "  " + info.summary, role))
                }
                lines.append(("", .normal))
            }
        }
        section(true)
        section(false)
        let dateHelp =
            DateForm.current == nil
            ? tr("Type YYYY-MM-DD, or t for today, or +7d, -2w, +3m, +1y from today.")
            : tr(
                "Type YYYY-MM-DD or {example}, or t for today, or +7d, -2w, +3m, +1y from today.",
                ["example": DateForm.current.map { "17\($0.separator)03\($0.separator)2024" } ?? ""])
        lines += [
            (tr("Dates"), .title),
            ("  " + dateHelp, .normal),
            ("", .normal),
            (tr("Changing keys"), .title),
        ]
        // TRANSLATORS: two lines of help; keep the line break and the quoted keys as they are.
        let keysHelp = tr(
            "In ~/.config/casebook/casebook.toml, under [keys]: \"form.save\" = \"<c-s>\" replaces the keys\nof a command; [\"<c-s>\", \"<f2>\"] gives several; \"<disabled>\" removes them."
        )
        lines += keysHelp.split(separator: "\n").map { ("  " + $0, .normal) }
        let scrolling = [CommandID.up, .down, .pageUp, .pageDown].map(keys.hint).joined(separator: " ")
        return TextScreen(
            title: tr("Help"),
            heading: tr("Keys — {back} closes, {scroll} scroll", ["back": keys.hint(.back), "scroll": scrolling]),
            lines: lines.map { [$0] },
            isHelp: true, keys: keys)
    }
}
