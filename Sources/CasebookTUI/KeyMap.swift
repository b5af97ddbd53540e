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
    case clash(file: String, line: Int, key: String, first: String, second: String)

    package var description: String {
        switch self {
        case .unknownCommand(let file, let line, let command):
            return "\(file), line \(line): \"\(command)\" is not a Casebook command; the help screen (?) lists them."
        case .malformedKey(let file, let line, let command, let key):
            return "\(file), line \(line): \"\(key)\" for \(command) is not a key; write keys like \"q\", \"<c-s>\", \"<f2>\", \"<enter>\" or \"<disabled>\"."
        case .clash(let file, let line, let key, let first, let second):
            return "\(file), line \(line): \(key) would run both \(first) and \(second); give one of them another key."
        }
    }
}

/// The keys of every command: the table's defaults, with the user's overrides applied.
package struct KeyMap: Sendable {
    private var keysByCommand: [CommandID: [Key]]
    private var commandByKey: [KeyContext: [Key: CommandID]]

    package static let standard: KeyMap = {
        var map = KeyMap(keysByCommand: [:], commandByKey: [:])
        for info in CommandTable.all { map.keysByCommand[info.id] = info.defaultKeys }
        map.index()
        return map
    }()

    private init(keysByCommand: [CommandID: [Key]], commandByKey: [KeyContext: [Key: CommandID]]) {
        self.keysByCommand = keysByCommand
        self.commandByKey = commandByKey
    }

    /// The defaults with `overrides` applied in order (a later file's entry wins). Refuses an
    /// unknown command, a malformed key, or a key that would run two commands in one context.
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
        // Two commands active on one screen at once may not share a key.
        for group in KeyContext.activeTogether {
            var seen: [Key: CommandID] = [:]
            let inScope = CommandTable.all.filter { group.contains($0.context) || $0.context == .global }
            for info in inScope {
                for key in keysByCommand[info.id] ?? [] {
                    if let other = seen[key], other != info.id {
                        let blame = origin[info.id] ?? origin[other]
                        guard let blame else { continue }
                        throw .clash(
                            file: blame.file, line: blame.line, key: key.notation, first: other.rawValue,
                            second: info.id.rawValue)
                    }
                    seen[key] = info.id
                }
            }
        }
        index()
    }

    private mutating func index() {
        commandByKey = [:]
        for info in CommandTable.all {
            for key in keysByCommand[info.id] ?? [] { commandByKey[info.context, default: [:]][key] = info.id }
        }
    }

    /// The command `key` runs in the first of `contexts` that binds it, then globally.
    package func command(for key: Key, in contexts: [KeyContext]) -> CommandID? {
        for context in contexts + [.global] {
            if let id = commandByKey[context]?[key] { return id }
        }
        return nil
    }

    package func keys(for command: CommandID) -> [Key] { keysByCommand[command] ?? [] }

    /// "Ctrl-S / F2", or "(no key)".
    package func label(for command: CommandID) -> String {
        let keys = keys(for: command)
        return keys.isEmpty ? "(no key)" : keys.map(\.label).joined(separator: " / ")
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
