import CasebookL10n
import CasebookCore
import TOMLKit

/// A key binding entry as written in a file.
package struct KeyEntry: Sendable, Equatable {
    package var command: String
    package var keys: [String]
    package var path: String
    package var line: Int
}

/// Where a log goes: a file in a folder, or the system log.
package enum LogTarget: Sendable, Equatable {
    case folder(String)
    case syslog
}

/// What `casebook.toml` sets: the theme and key bindings, the dashboard's target, and in the
/// site settings only, the office's database and log.
package struct Settings: Sendable, Equatable {
    package var theme: String?
    package var keys: [KeyEntry] = []
    /// `[dashboard] exit_target`: the site's own target for work or education (0...1), which
    /// replaces the programmes' own (`[outcomes]` in a preset) on the dashboard and the report.
    package var exitTarget: Double?
    /// `[site] database`: the office's database, an absolute path.
    package var database: String?
    /// `[site] log`: where the office's processes log.
    package var log: LogTarget?
    /// `[report] suppress_below`: counts below it are hidden in reports that leave the office.
    package var suppressBelow: Int?
    /// The line that set `suppressBelow`, for a refusal that names it.
    package var suppressBelowLine: Int?
    /// `[retention] erase_after`: how long after a case closes its person's data is erased.
    /// Nil (no rule) means nothing is ever erased.
    package var eraseAfter: TimeSpan?
    /// The file and line that set `eraseAfter`: where the rule comes from.
    package var eraseAfterSource: String?
    /// `[permissions.ROLE] ACTION = "SCOPE"`: the policy as this file narrows it (nil: untouched).
    package var policy: Policy?
    /// `language`: the language Casebook speaks ("nb"), over the environment's.
    package var language: String?
    /// `date_format`: how screens write dates.
    package var dateFormat: DateFormat?

    /// `date_format = "iso"` (2024-03-17, the default) or `"locale"` (as the language writes
    /// dates: 17.03.2024 in Norwegian and German, 17/03/2024 in French, 17-03-2024 in Dutch).
    package enum DateFormat: String, Sendable, Equatable, CaseIterable {
        case iso
        case locale
    }

    /// Which file the settings come from: only the site settings, which root owns, may name the
    /// office's database and log; a user's own file must not point the office's rights elsewhere.
    package enum Scope: Sendable {
        case shipped
        case site
        case user
    }

    package init(
        theme: String? = nil, keys: [KeyEntry] = [], exitTarget: Double? = nil, database: String? = nil,
        log: LogTarget? = nil, suppressBelow: Int? = nil, eraseAfter: TimeSpan? = nil, eraseAfterSource: String? = nil,
        language: String? = nil, dateFormat: DateFormat? = nil
    ) {
        self.language = language
        self.dateFormat = dateFormat
        self.suppressBelow = suppressBelow
        self.eraseAfter = eraseAfter
        self.eraseAfterSource = eraseAfterSource
        self.theme = theme
        self.keys = keys
        self.exitTarget = exitTarget
        self.database = database
        self.log = log
    }

    /// Reads one file. A missing file is an empty one; anything unknown or malformed is refused
    /// with the file, line and key.
    package static func load(path: String, text: String, themes: [String], scope: Scope = .user) throws(ConfigError)
        -> Settings
    {
        let source = try TOMLSource(path: path, text: text)
        var settings = Settings()
        for key in source.root.keys {
            let line = source.line(of: key, inTable: "")
            switch key {
            case "theme":
                guard let name = source.root[key]?.string else {
                    throw ConfigError(
                        path: path, line: line,
                        message: tr(
                            "theme must be a string: one of {themes}.", ["themes": themes.joined(separator: ", ")]))
                }
                guard themes.contains(name) else {
                    throw ConfigError(
                        path: path, line: line,
                        message: tr(
                            "\"{name}\" is not a theme; use {themes}.",
                            ["name": name, "themes": themes.joined(separator: ", ")]))
                }
                settings.theme = name
            case "keys":
                guard let table = source.root[key]?.table else {
                    throw ConfigError(path: path, line: line, message: tr("keys must be a table: [keys]."))
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
                                throw ConfigError(
                                    path: path, line: entryLine,
                                    message: tr(
                                        "{command}: every key is a string such as \"<c-s>\".", ["command": command]))
                            }
                            keys.append(text)
                        }
                        settings.keys.append(KeyEntry(command: command, keys: keys, path: path, line: entryLine))
                    } else {
                        throw ConfigError(
                            path: path, line: entryLine,
                            message: tr(
                                "{command}: give a key such as \"<c-s>\", a list of keys, or \"<disabled>\".",
                                ["command": command]))
                    }
                }
            case "dashboard":
                guard let table = source.root[key]?.table else {
                    throw ConfigError(path: path, line: line, message: tr("dashboard must be a table: [dashboard]."))
                }
                for name in table.keys {
                    let entryLine = source.line(of: name, inTable: "dashboard")
                    guard name == "exit_target" else {
                        throw ConfigError(
                            path: path, line: entryLine,
                            message: tr(
                                "\"{name}\" is not a dashboard setting; [dashboard] knows exit_target.", ["name": name])
                        )
                    }
                    let value = table[name]?.double ?? table[name]?.int.map(Double.init)
                    guard let value, (0...1).contains(value) else {
                        throw ConfigError(
                            path: path, line: entryLine,
                            message: tr("exit_target is a share between 0 and 1, e.g. 0.70 for 70%."))
                    }
                    settings.exitTarget = value
                }
            case "report":
                guard let table = source.root[key]?.table else {
                    throw ConfigError(path: path, line: line, message: tr("report must be a table: [report]."))
                }
                for name in table.keys {
                    let entryLine = source.line(of: name, inTable: "report")
                    guard name == "suppress_below" else {
                        throw ConfigError(
                            path: path, line: entryLine,
                            message: tr(
                                "\"{name}\" is not a report setting; [report] knows suppress_below.", ["name": name]))
                    }
                    guard let value = table[name]?.int, (0...1000).contains(value) else {
                        throw ConfigError(
                            path: path, line: entryLine,
                            message: tr(
                                "suppress_below is a whole number from 0 to 1000: counts below it are hidden in reports (5 is usual; 0 hides none)."
                            ))
                    }
                    settings.suppressBelow = value
                    settings.suppressBelowLine = entryLine
                }
            case "retention":
                guard let table = source.root[key]?.table else {
                    throw ConfigError(path: path, line: line, message: tr("retention must be a table: [retention]."))
                }
                for name in table.keys {
                    let entryLine = source.line(of: name, inTable: "retention")
                    guard name == "erase_after" else {
                        throw ConfigError(
                            path: path, line: entryLine,
                            message: tr(
                                "\"{name}\" is not a retention setting; [retention] knows erase_after.",
                                [
                                    "name": name
                                ]))
                    }
                    guard let text = table[name]?.string, let span = RetentionRule.period(text) else {
                        throw ConfigError(
                            path: path, line: entryLine,
                            message: tr(
                                "erase_after is a period after a case closes, e.g. \"5y\", \"18m\" or \"90d\" (more than zero); leave it out to never erase."
                            ))
                    }
                    settings.eraseAfter = span
                    settings.eraseAfterSource = "\(path):\(entryLine)"
                }
            case "permissions":
                // The office's decision, like [site]: a user's own file does not change who may do what.
                guard scope != .user else {
                    throw ConfigError(
                        path: path, line: line,
                        message: tr(
                            "[permissions] belongs in the site settings (casebook.toml under etc/casebook), not in this file; remove it."
                        ))
                }
                guard let table = source.root[key]?.table else {
                    throw ConfigError(
                        path: path, line: line, message: tr("permissions must be a table: [permissions.officer]."))
                }
                settings.policy = try readPermissions(table, source: source, narrowing: .defaults)
            case "language":
                // Any code is taken: one without a catalogue speaks English with a warning at start.
                guard let code = source.root[key]?.string, LanguageChoice.isPlainCode(code) else {
                    throw ConfigError(
                        path: path, line: line,
                        message: tr("language is a language code in quotes: \"nb\", \"de\", \"fr\", \"nl\" or \"en\"."))
                }
                settings.language = code
            case "date_format":
                guard let name = source.root[key]?.string, let format = DateFormat(rawValue: name) else {
                    throw ConfigError(
                        path: path, line: line,
                        message: tr(
                            "date_format is \"iso\" (2024-03-17) or \"locale\" (as the language writes dates, e.g. 17.03.2024)."
                        ))
                }
                settings.dateFormat = format
            case "site":
                guard scope == .site else {
                    throw ConfigError(
                        path: path, line: line,
                        message: tr(
                            "[site] belongs in the site settings that `casebook setup` writes, not in this file; remove it."
                        ))
                }
                guard let table = source.root[key]?.table else {
                    throw ConfigError(path: path, line: line, message: tr("site must be a table: [site]."))
                }
                try readSite(table, source: source, into: &settings)
            default:
                throw ConfigError(
                    path: path, line: line,
                    message: tr(
                        "\"{key}\" is not a setting; casebook.toml knows theme, language, date_format, [keys], [dashboard], [report], [retention], [permissions] and, in the site settings, [site].",
                        ["key": key]))
            }
        }
        settings.keys.sort { $0.line < $1.line }
        return settings
    }

    /// Reads `[permissions.ROLE]` tables of `action = "none" | "own" | "office" | "all"` over
    /// `policy`. A file may only narrow: a scope wider than the policy's is refused, and so is
    /// one that opens clients' data beyond their office, which the law keeps closed.
    package static func readPermissions(_ table: TOMLTable, source: TOMLSource, narrowing policy: Policy)
        throws(ConfigError) -> Policy
    {
        var policy = policy
        let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
        let scopes = CasebookCore.Scope.allCases.map { "\"\($0)\"" }.joined(separator: ", ")
        for roleName in table.keys {
            let roleLine = source.line(of: roleName, inTable: "permissions")
            guard let role = Role(rawValue: roleName) else {
                throw ConfigError(
                    path: source.path, line: roleLine,
                    message: tr(
                        "\"{role}\" is not a role; [permissions] knows {roles}.", ["role": roleName, "roles": roles]))
            }
            guard let actions = table[roleName]?.table else {
                throw ConfigError(
                    path: source.path, line: roleLine,
                    message: tr("permissions.{role} must be a table: [permissions.{role}].", ["role": roleName]))
            }
            for actionName in actions.keys {
                let line = source.line(of: actionName, inTable: "permissions.\(roleName)")
                guard let action = Action(rawValue: actionName) else {
                    throw ConfigError(
                        path: source.path, line: line,
                        message: tr(
                            "\"{action}\" is not an action; use one of {actions}.",
                            ["action": actionName, "actions": Action.allCases.map(\.rawValue).joined(separator: ", ")]))
                }
                guard let word = actions[actionName]?.string, let scope = CasebookCore.Scope(word: word) else {
                    throw ConfigError(
                        path: source.path, line: line,
                        message: tr("{action} takes one of {scopes}.", ["action": actionName, "scopes": scopes]))
                }
                if scope > Policy.ceiling(action) {
                    throw ConfigError(
                        path: source.path, line: line,
                        message: tr(
                            "{action} = \"{scope}\" would open clients' data beyond their office, which the law keeps closed; use \"office\" or narrower.",
                            ["action": actionName, "scope": word]))
                }
                guard let narrowed = policy.narrowed(action, role, to: scope) else {
                    throw ConfigError(
                        path: source.path, line: line,
                        message: tr(
                            "{action} = \"{scope}\" widens what {roles} may do (at most \"{allowed}\"); a site can only narrow the policy.",
                            [
                                "action": actionName, "scope": word, "roles": role.plural,
                                "allowed": "\(policy.scope(action, role))",
                            ]))
                }
                policy = narrowed
            }
        }
        return policy
    }

    private static func readSite(_ table: TOMLTable, source: TOMLSource, into settings: inout Settings)
        throws(ConfigError)
    {
        for name in table.keys {
            let line = source.line(of: name, inTable: "site")
            let value = table[name]?.string
            switch name {
            case "database":
                guard let value, value.hasPrefix("/"), !value.hasSuffix("/") else {
                    throw ConfigError(
                        path: source.path, line: line,
                        message: tr("database is the absolute path of a file, e.g. \"/var/lib/casebook/casebook.db\"."))
                }
                settings.database = value
            case "log":
                if value == "syslog" {
                    settings.log = .syslog
                } else if let value, value.hasPrefix("/") {
                    settings.log = .folder(value)
                } else {
                    throw ConfigError(
                        path: source.path, line: line,
                        message: tr("log is the absolute path of a folder, e.g. \"/var/log/casebook\", or \"syslog\"."))
                }
            default:
                throw ConfigError(
                    path: source.path, line: line,
                    message: tr("\"{name}\" is not a site setting; [site] knows database and log.", ["name": name]))
            }
        }
    }

    /// Later settings win: the site settings over the shipped ones, a user's file over both.
    package func merged(with later: Settings) -> Settings {
        var merged = Settings(
            theme: later.theme ?? theme, keys: keys + later.keys, exitTarget: later.exitTarget ?? exitTarget,
            database: later.database ?? database, log: later.log ?? log,
            suppressBelow: later.suppressBelow ?? suppressBelow, eraseAfter: later.eraseAfter ?? eraseAfter,
            eraseAfterSource: later.eraseAfter != nil ? later.eraseAfterSource : eraseAfterSource,
            language: later.language ?? language, dateFormat: later.dateFormat ?? dateFormat)
        merged.policy = Settings.narrower(policy, later.policy)
        return merged
    }

    /// Each action and role at the narrower of the two scopes: a later file narrows further,
    /// never back.
    static func narrower(_ first: Policy?, _ second: Policy?) -> Policy? {
        guard let first, let second else { return first ?? second }
        var policy = first
        for action in Action.allCases {
            for role in Role.allCases {
                policy =
                    policy.narrowed(action, role, to: min(first.scope(action, role), second.scope(action, role)))
                    ?? policy
            }
        }
        return policy
    }

    /// The policy the Store enforces: the defaults, narrowed by the files read.
    package var effectivePolicy: Policy { policy ?? .defaults }

    /// The threshold reports use: the setting, else 5.
    package var reportThreshold: Int { suppressBelow ?? DashboardReport.defaultSuppressBelow }

    /// A user's own file over these settings (shipped and site). What leaves the office is the
    /// office's decision: a user's file may raise the suppression threshold, never lower it.
    package func merged(withUser user: Settings, path: String) throws(ConfigError) -> Settings {
        if let asked = user.suppressBelow, asked < reportThreshold {
            throw ConfigError(
                path: path, line: user.suppressBelowLine ?? 0,
                message: tr(
                    "suppress_below here can only raise the office's threshold of {threshold}, not lower it; remove it, or ask the administrator to change the site settings.",
                    ["threshold": String(reportThreshold)]))
        }
        // How long data is kept is the office's decision too: a user's file may keep it longer.
        if let asked = user.eraseAfter, let rule = eraseAfter,
            asked.after(Settings.spanOrigin) < rule.after(Settings.spanOrigin)
        {
            throw ConfigError(
                path: path, line: 0,
                message: tr(
                    "erase_after here can only lengthen the office's retention of {rule}, not shorten it; remove it, or ask the administrator to change the site settings.",
                    ["rule": rule.text]))
        }
        return merged(with: user)
    }

    /// The day periods are compared from (months differ in length, so "12m" and "365d" compare
    /// as they fall from one day).
    private static let spanOrigin = Day(year: 2001, month: 1, day: 1) ?? Day(ordinal: 0)
}

extension Settings {
    /// The `[site]` table naming `database` and `log`, with a comment saying what each does, as
    /// `casebook setup` writes it into the site settings.
    package static func siteTable(database: String, log: LogTarget) -> String {
        let logValue: String
        switch log {
        case .folder(let folder): logValue = folder
        case .syslog: logValue = "syslog"
        }
        return """
            [site]
            # The office's database. The office mode (the setgid casebook) opens only this file with
            # the office group's rights; any other --db is opened with the user's own.
            database = \(tomlString(database))
            # The log of every officer's casebook: a folder of the office group (mode 2770), or "syslog".
            log = \(tomlString(logValue))

            """
    }

    /// True when `text` (valid TOML) has a `[site]` table, even an empty one.
    package static func hasSiteTable(_ text: String) -> Bool {
        (try? TOMLTable(string: text))?.contains(key: "site") ?? false
    }

    /// A TOML basic string holding `text` (which has no control characters).
    private static func tomlString(_ text: String) -> String {
        var quoted = "\""
        for character in text {
            if character == "\\" || character == "\"" { quoted.append("\\") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
