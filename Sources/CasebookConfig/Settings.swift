import TOMLKit

/// A key binding entry as written in a file.
package struct KeyEntry: Sendable, Equatable {
    package var command: String
    package var keys: [String]
    package var path: String
    package var line: Int
}

/// What `casebook.toml` sets: the theme and key bindings.
package struct Settings: Sendable, Equatable {
    package var theme: String?
    package var keys: [KeyEntry] = []
    /// The dashboard's target line for exits to work or education (0...1).
    package var exitTarget: Double?

    /// Norway's 70% in work or education one year after the programme.
    package static let defaultExitTarget = 0.70

    package init(theme: String? = nil, keys: [KeyEntry] = [], exitTarget: Double? = nil) {
        self.theme = theme
        self.keys = keys
        self.exitTarget = exitTarget
    }

    /// Reads one file. A missing file is an empty one; anything unknown or malformed is refused
    /// with the file, line and key.
    package static func load(path: String, text: String, themes: [String]) throws(ConfigError) -> Settings {
        let source = try TOMLSource(path: path, text: text)
        var settings = Settings()
        for key in source.root.keys {
            let line = source.line(of: key, inTable: "")
            switch key {
            case "theme":
                guard let name = source.root[key]?.string else {
                    throw ConfigError(path: path, line: line, message: "theme must be a string: one of \(themes.joined(separator: ", ")).")
                }
                guard themes.contains(name) else {
                    throw ConfigError(path: path, line: line, message: "\"\(name)\" is not a theme; use \(themes.joined(separator: ", ")).")
                }
                settings.theme = name
            case "keys":
                guard let table = source.root[key]?.table else {
                    throw ConfigError(path: path, line: line, message: "keys must be a table: [keys].")
                }
                for command in table.keys {
                    let entryLine = source.line(of: command, inTable: "keys")
                    let value = table[command]
                    if let single = value?.string {
                        settings.keys.append(KeyEntry(command: command, keys: [single], path: path, line: entryLine))
                    } else if let array = value?.array {
                        var keys: [String] = []
                        for item in array {
                            guard let text = item.string else {
                                throw ConfigError(path: path, line: entryLine, message: "\(command): every key is a string such as \"<c-s>\".")
                            }
                            keys.append(text)
                        }
                        settings.keys.append(KeyEntry(command: command, keys: keys, path: path, line: entryLine))
                    } else {
                        throw ConfigError(path: path, line: entryLine, message: "\(command): give a key such as \"<c-s>\", a list of keys, or \"<disabled>\".")
                    }
                }
            case "dashboard":
                guard let table = source.root[key]?.table else {
                    throw ConfigError(path: path, line: line, message: "dashboard must be a table: [dashboard].")
                }
                for name in table.keys {
                    let entryLine = source.line(of: name, inTable: "dashboard")
                    guard name == "exit_target" else {
                        throw ConfigError(path: path, line: entryLine, message: "\"\(name)\" is not a dashboard setting; [dashboard] knows exit_target.")
                    }
                    let value = table[name]?.double ?? table[name]?.int.map(Double.init)
                    guard let value, (0...1).contains(value) else {
                        throw ConfigError(path: path, line: entryLine, message: "exit_target is a share between 0 and 1, e.g. 0.70 for 70%.")
                    }
                    settings.exitTarget = value
                }
            default:
                throw ConfigError(path: path, line: line, message: "\"\(key)\" is not a setting; casebook.toml knows theme, [keys] and [dashboard].")
            }
        }
        settings.keys.sort { $0.line < $1.line }
        return settings
    }

    /// Later settings win: a user file over the shipped one.
    package func merged(with later: Settings) -> Settings {
        Settings(theme: later.theme ?? theme, keys: keys + later.keys, exitTarget: later.exitTarget ?? exitTarget)
    }
}
