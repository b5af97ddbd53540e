import CasebookL10n

/// One `[keys]` entry of a configuration file: a command and the keys that replace its defaults.
package struct KeyOverride: Sendable {
    package var command: String
    /// Key notations (`<c-s>`, `q`); `["<disabled>"]` removes every key of the command.
    package var keys: [String]
    package var file: String
    package var line: Int

    package init(command: String, keys: [String], file: String, line: Int) {
        self.command = command
        self.keys = keys
        self.file = file
        self.line = line
    }
}

package enum KeyMapError: Error, Equatable, CustomStringConvertible {
    case unknownCommand(file: String, line: Int, command: String)
    case malformedKey(file: String, line: Int, command: String, key: String)
    case clash(file: String, line: Int, key: String, first: String, second: String, screen: String)

    package var description: String {
        switch self {
        case .unknownCommand(let file, let line, let command):
            return tr(
                "{file}, line {line}: \"{command}\" is not a Casebook command; the help screen (?) lists them.",
                ["file": file, "line": String(line), "command": command])
        case .malformedKey(let file, let line, let command, let key):
            return tr(
                "{file}, line {line}: \"{key}\" for {command} is not a key; write keys like \"q\", \"<c-s>\", \"<f2>\", \"<enter>\" or \"<disabled>\".",
                ["file": file, "line": String(line), "key": key, "command": command])
        case .clash(let file, let line, let key, let first, let second, let screen):
            return tr(
                "{file}, line {line}: {key} would run both {first} and {second} on {screen}; give one of them another key.",
                ["file": file, "line": String(line), "key": key, "first": first, "second": second, "screen": screen])
        }
    }
}

/// The keys of every command: the table's defaults, with the user's overrides applied.
package struct KeyMap: Sendable {
    private var keysByCommand: [CommandID: [Key]]

    package static let standard: KeyMap = {
        var map = KeyMap(keysByCommand: [:])
        for info in CommandTable.all { map.keysByCommand[info.id] = info.defaultKeys }
        return map
    }()

    private init(keysByCommand: [CommandID: [Key]]) {
        self.keysByCommand = keysByCommand
    }

    /// The defaults with `overrides` applied in order (a later file's entry wins). Refuses an
    /// unknown command, a malformed key, or a key that would run two commands on one screen.
    package init(overrides: [KeyOverride]) throws(KeyMapError) {
        self = .standard
        var origin: [CommandID: KeyOverride] = [:]
        for entry in overrides {
            guard let id = CommandID(rawValue: entry.command) else {
                throw .unknownCommand(file: entry.file, line: entry.line, command: entry.command)
            }
            if entry.keys == ["<disabled>"] {
                keysByCommand[id] = []
            } else {
                var keys: [Key] = []
                for notation in entry.keys {
                    guard let key = Key(notation: notation) else {
                        throw .malformedKey(file: entry.file, line: entry.line, command: entry.command, key: notation)
                    }
                    keys.append(key)
                }
                keysByCommand[id] = keys
            }
            origin[id] = entry
        }
        // A clash in the shipped table is the program's fault, and a test keeps it out; only
        // one the user's files made is refused, naming the line to change.
        if let clash = firstClash(), let blame = origin[clash.second] ?? origin[clash.first] {
            throw .clash(
                file: blame.file, line: blame.line, key: clash.key.notation, first: clash.first.rawValue,
                second: clash.second.rawValue, screen: clash.screen)
        }
    }

    /// The first key that would run two commands on one screen: every state of every screen
    /// (`BindingSet.everyScreen`), with the commands every screen has.
    package func firstClash() -> (key: Key, first: CommandID, second: CommandID, screen: String)? {
        let everywhere = App.bindings.commands()
        for set in BindingSet.everyScreen {
            var seen: [Key: CommandID] = [:]
            for command in set.commands + everywhere.filter({ !set.commands.contains($0) }) {
                for key in keys(for: command) {
                    if let other = seen[key], other != command { return (key, other, command, set.screen) }
                    seen[key] = command
                }
            }
        }
        return nil
    }

    package func keys(for command: CommandID) -> [Key] { keysByCommand[command] ?? [] }

    /// The key to name in screen text ("d drafts it"): the command's first key as people read
    /// it, or "(no key)" when the user removed every key of it.
    package func hint(_ command: CommandID) -> String { keys(for: command).first?.label ?? tr("(no key)") }

    /// "Ctrl-S / F2", or "(no key)".
    package func label(for command: CommandID) -> String {
        let keys = keys(for: command)
        return keys.isEmpty ? tr("(no key)") : keys.map(\.label).joined(separator: " / ")
    }
}

extension KeyMap {
    /// Every command with its keys, as Markdown tables by context (the README's key reference).
    package func markdownReference() -> String {
        var lines: [String] = []
        for context in KeyContext.allCases {
            let commands = CommandTable.all.filter { $0.context == context }
            guard !commands.isEmpty else { continue }
            lines += ["", "**\(context.title)**", "", "| Keys | Command | What it does |", "| --- | --- | --- |"]
            for info in commands {
                let keys = self.keys(for: info.id).map { "`\($0.label)`" }.joined(separator: " / ")
                lines.append("| \(keys.isEmpty ? "—" : keys) | `\(info.id.rawValue)` | \(info.summary) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
