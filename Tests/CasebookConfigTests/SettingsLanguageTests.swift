import CasebookL10n
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookConfig

/// A settings or programme file's problem in the admin's language (issue 19), still naming the
/// file, the line and the key. The catalogue is the test's own, compiled by msgfmt, so that the
/// check holds whatever words the translators choose.
@Suite(
    .enabled(
        if: !msgfmtMissing || ProcessInfo.processInfo.environment["CI"] == "true",
        "Skipped: msgfmt is not installed (make deps installs gettext)."))
struct SettingsLanguageTests {
    let german: Catalogue

    init() throws {
        let messages = [
            "{path}, line {line}: {message}": "{path}, Zeile {line}: {message}",
            "\"{name}\" is not a dashboard setting; [dashboard] knows exit_target.":
                "„{name}“ ist keine Einstellung von [dashboard]; dort gibt es exit_target.",
            "must be a whole number.": "muss eine ganze Zahl sein.",
        ]
        let folder = NSTemporaryDirectory() + "casebook-settings-l10n-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/de/LC_MESSAGES", withIntermediateDirectories: true)
        var po = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        for (english, translated) in messages {
            let quote = { (text: String) in "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            po += "\nmsgid \(quote(english))\nmsgstr \(quote(translated))\n"
        }
        try po.write(toFile: folder + "/de.po", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/msgfmt")
        process.arguments = ["-o", folder + "/de/LC_MESSAGES/casebook.mo", folder + "/de.po"]
        try process.run()
        process.waitUntilExit()
        german = try #require(try Catalogue.load(language: "de", folder: folder))
    }

    @Test func aSettingsErrorSpeaksGermanAndNamesTheFileLineAndKey() {
        let text = "theme = \"light\"\n\n[dashboard]\nexit_goal = 0.7\n"
        let message = Messages.speaking(german) { () -> String? in
            do {
                _ = try Settings.load(path: "/etc/casebook/casebook.toml", text: text, themes: ["light"])
                return nil
            } catch { return String(describing: error) }
        }
        #expect(
            message
                == "/etc/casebook/casebook.toml, Zeile 4: „exit_goal“ ist keine Einstellung von [dashboard]; dort gibt es exit_target."
        )
    }

    @Test func aProgrammeFilesErrorSpeaksGermanAndNamesTheKey() throws {
        let text = ProgrammeFileTests.minimal.replacingOccurrences(of: "language = 550", with: "language = \"many\"")
        let message = Messages.speaking(german) { () -> String? in
            do {
                _ = try ProgrammeFile.parse(path: "p.toml", text: text)
                return nil
            } catch { return String(describing: error) }
        }
        #expect(message == "p.toml, Zeile 8: hours.language: muss eine ganze Zahl sein.")
    }
}
