import ArgumentParser
import CasebookL10n
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
            commandName: "open", abstract: tr("Open the terminal application (the default)."))

        @OptionGroup var database: DatabaseOptions

        // TRANSLATORS: default, light and monochrome are the values typed: keep them as they are.
        @Option(help: ArgumentHelp(tr("default, light or monochrome (overrides casebook.toml).")))
        var theme: String?

        func validate() throws {
            if let theme, Theme.named(theme) == nil {
                throw ValidationError(
                    tr(
                        "\"{theme}\" is not a theme; use default, light or monochrome.",
                        ["theme": Sanitized.inline(theme, limit: 20)]))
            }
        }

        func run() throws {
            let settings = try Configuration.load()
            let keys: KeyMap
            do {
                keys = try KeyMap(
                    overrides: settings.keys.map {
                        KeyOverride(command: $0.command, keys: $0.keys, file: $0.path, line: $0.line)
                    })
            } catch { throw CommandError(error.description) }
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
            let store = try database.open(.readWrite, for: .open)
            let me = try CommandID.open.actingStaff(in: store)
            let noColor = Environment.variable("NO_COLOR") != nil
            let term = Environment.variable("TERM") ?? "dumb"
            var chosen = Theme.named(theme ?? settings.theme ?? "default") ?? .standard
            let monochrome = noColor || term == "dumb" || chosen.name == "monochrome"
            if monochrome { chosen = .monochrome }
            let app = App(store: store, me: me, keys: keys, theme: chosen) { Environment.monotonicSeconds() * 1000 }
            app.exitTarget = settings.exitTarget
            app.suppressBelow = settings.reportThreshold
            app.writeFile = { try Environment.writeUserFile($0, $1, replace: false) }
            try app.start()
            let terminal = try CursesTerminal(monochrome: monochrome)
            defer { terminal.stop() }
            if !terminal.hasColor { app.theme = .monochrome }
            app.run(on: terminal)
        }
    }
}
