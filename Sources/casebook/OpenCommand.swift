import ArgumentParser
import CasebookConfig
import CasebookCore
import CasebookStore
import CasebookTUI

#if canImport(Glibc)
    import Glibc
#endif

extension Casebook {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open", abstract: "Open the terminal application (the default).")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "default, light or monochrome (overrides casebook.toml).")
        var theme: String?

        func validate() throws {
            if let theme, Theme.named(theme) == nil {
                throw ValidationError("\"\(Sanitized.inline(theme, limit: 20))\" is not a theme; use default, light or monochrome.")
            }
        }

        func run() throws {
            let settings = try Configuration.load()
            let keys: KeyMap
            do {
                keys = try KeyMap(
                    overrides: settings.keys.map { KeyOverride(command: $0.command, keys: $0.keys, file: $0.path, line: $0.line) })
            } catch { throw CommandError(error.description) }
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
            let store = try database.open(.readWrite)
            let me = try currentStaff(in: store)
            let noColor = Environment.variable("NO_COLOR") != nil
            let term = Environment.variable("TERM") ?? "dumb"
            var chosen = Theme.named(theme ?? settings.theme ?? "default") ?? .standard
            let monochrome = noColor || term == "dumb" || chosen.name == "monochrome"
            if monochrome { chosen = .monochrome }
            let app = App(store: store, me: me, keys: keys, theme: chosen) { Environment.monotonicSeconds() * 1000 }
            app.exitTarget = settings.exitTarget ?? Settings.defaultExitTarget
            try app.start()
            let terminal = try CursesTerminal(monochrome: monochrome)
            defer { terminal.stop() }
            if !terminal.hasColor { app.theme = .monochrome }
            app.run(on: terminal)
        }
    }
}

/// Where configuration comes from: the shipped `config/casebook.toml`, then the user's own.
enum Configuration {
    /// The shipped `config` folder: `$CASEBOOK_CONFIG_DIR`, else `./config`, else the `config`
    /// folder of the source tree the binary was built in.
    static var shippedFolder: String? {
        if let folder = Environment.variable("CASEBOOK_CONFIG_DIR") { return folder }
        if Environment.isFile("config/casebook.toml") { return "config" }
        var folder = Environment.executablePath.split(separator: "/").dropLast().map(String.init)
        while !folder.isEmpty {
            let candidate = "/" + folder.joined(separator: "/") + "/config"
            if Environment.isFile(candidate + "/casebook.toml") { return candidate }
            folder.removeLast()
        }
        return nil
    }

    static func load() throws -> Settings {
        var settings = Settings()
        var paths: [String] = []
        if let shipped = shippedFolder { paths.append(shipped + "/casebook.toml") }
        paths.append(Environment.userConfigPath)
        for path in paths {
            guard let text = Environment.readFile(path) else { continue }
            do {
                settings = settings.merged(with: try Settings.load(path: path, text: text, themes: Theme.names))
            } catch { throw CommandError(error.description) }
        }
        return settings
    }
}
