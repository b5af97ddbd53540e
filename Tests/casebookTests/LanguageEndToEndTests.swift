import CasebookTestSupport
import Foundation
import Testing

/// The real program in tmux in each language, as issue 19 asks: `LANGUAGE=xx` under `C.UTF-8`
/// (the only locale some hosts have), the first screen, a record, help, quit.
@Suite(
    .serialized,
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/msgfmt") || isCI,
        "Skipped: msgfmt is not installed (make deps installs gettext)."))
struct LanguageEndToEndTests {
    let cli: CLIFixture
    let locales: String

    init() throws {
        cli = try CLIFixture()
        locales = cli.scratch.url.path + "/locale"
        for language in ["nb", "de", "fr", "nl"] {
            let folder = "\(locales)/\(language)/LC_MESSAGES"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let compiled = try runTool([
                "msgfmt", "--check", "-o", folder + "/casebook.mo", packageRoot + "/po/\(language).po",
            ])
            try #require(compiled.status == 0, "\(compiled.error)")
        }
    }

    /// What each screen shows in the language: My day's title, the record's bar, help's heading.
    static let words: [(language: String, myDay: String, tab: String, help: String)] = [
        ("nb", "Min dag", "Fane", "Taster —"),
        ("de", "Mein Tag", "Reiter", "Tasten —"),
        ("fr", "Ma journée", "Onglet", "Touches —"),
        ("nl", "Mijn dag", "Tabblad", "Toetsen —"),
    ]

    @Test(arguments: words.map(\.language))
    func theProgramSpeaksTheLanguageOfTheEnvironment(language: String) throws {
        let words = try #require(LanguageEndToEndTests.words.first { $0.language == language })
        let db = try cli.demo(clients: 60, seed: 5)
        let tmux = try cli.launch(
            db, environment: ["LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": language, "CASEBOOK_LOCALE_DIR": locales])
        let first = try tmux.waitFor(words.myDay)
        #expect(!first.contains("My day"), "\(first)")
        try tmux.press("Enter")
        try tmux.waitFor(words.tab)
        try tmux.type("?")
        try tmux.waitFor(words.help)
        try tmux.press("Escape")
        try tmux.type("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }
}
