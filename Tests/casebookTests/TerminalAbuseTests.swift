import CasebookTestSupport
import Foundation
import Testing

/// The real program in tmux under terminal abuse: resize storms, TERM=dumb, LANG=C. No crash;
/// the screen stays readable or says what it needs.
@Suite(.serialized) struct TerminalAbuseTests {
    let cli: CLIFixture

    init() throws { cli = try CLIFixture() }

    func demo() throws -> String { try cli.demo(clients: 40, seed: 5) }

    /// Sizes from 20×5 to 300×100, one after another without waiting, ending at `last`.
    func storm(_ tmux: Tmux) throws {
        let sizes = [
            (20, 5), (300, 100), (21, 6), (59, 14), (299, 99), (60, 15), (40, 10), (132, 43), (20, 5), (300, 100),
            (61, 16), (25, 7),
        ]
        for (width, height) in sizes { try tmux.resize(width: width, height: height) }
    }

    @Test func aResizeStormThroughTheListARecordAndAFormLeavesAWorkingReadableScreen() throws {
        let db = try demo()
        let tmux = try cli.launch(db)
        try tmux.waitFor("My day")
        try tmux.press("Escape")
        try tmux.waitFor("searches by name")

        // The client list.
        try storm(tmux)
        let tiny = try tmux.waitFor("60×15")
        #expect(tiny.contains("needs a"), "at 25×7 the screen says what it needs:\n\(tiny)")
        // Just above the minimum the columns overflow the width (this crashed: an empty
        // column past the right edge).
        try tmux.resize(width: 61, height: 16)
        expectReadable(try tmux.waitFor("Case no."), width: 61)
        try tmux.resize(width: 100, height: 30)
        let list = try tmux.waitFor("searches by name")
        expectReadable(list, width: 100)

        // A record.
        try tmux.press("Enter")
        try tmux.waitFor("Overview")
        try storm(tmux)
        try tmux.resize(width: 100, height: 30)
        let record = try tmux.waitFor("Overview")
        expectReadable(record, width: 100)

        // A form, with text typed before and after the storm.
        try tmux.press("e")
        try tmux.waitFor("Edit ")
        try tmux.press("Tab", "C-u")
        try tmux.type("Stormfjord")
        try tmux.waitFor("Stormfjord")
        try storm(tmux)
        try tmux.resize(width: 100, height: 30)
        try tmux.type(" Kvam")
        let form = try tmux.waitFor("Stormfjord Kvam")
        expectReadable(form, width: 100)

        // Still answering keys: leave the form without saving, then quit.
        try tmux.press("Escape")
        try tmux.waitFor("Discard changes?")
        try tmux.press("y")
        try tmux.waitFor("Changes discarded")
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }

    /// Curses answers a paste's bytes that are not UTF-8 with an error and swallows them: the
    /// paste must still arrive as one insertion, marked, and be refused, not cut short.
    @Test func aPasteWithBytesThatAreNotUTF8IsMarkedAndRefusedBesideTheField() throws {
        let db = try demo()
        let tmux = try cli.launch(db)
        try tmux.waitFor("My day")
        try tmux.press("Escape")
        try tmux.waitFor("searches by name")
        try tmux.type("n")
        try tmux.waitFor("New client")
        try tmux.press("Tab")
        try tmux.paste(bytes: Array("Oslo ".utf8) + [0xFF, 0xFE] + Array(" kommune".utf8), folder: cli.scratch.url.path)
        let pasted = try tmux.waitFor("Oslo \u{FFFD}")
        #expect(pasted.contains("New client"), "the rest of the paste ran as keys:\n\(pasted)")
        try tmux.press("C-s")
        try tmux.waitFor("could not be read")
        try tmux.press("Escape")
        try tmux.waitFor("Discard changes?")
        try tmux.press("y", "q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
        let stored = try shell("sqlite3", db, "SELECT count(*) FROM clients WHERE family_name LIKE 'Oslo%';")
        #expect(stored.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func withTermDumbItSaysWhatItNeedsAndLeavesTheDatabaseAlone() throws {
        let db = try demo()
        let before = FileManager.default.contents(atPath: db)
        let tmux = try cli.launch(db, environment: ["TERM": "dumb"])
        let screen = try tmux.waitFor("CASEBOOK-EXITED 1")
        #expect(screen.contains("cannot move its cursor"), "\(screen)")
        #expect(screen.contains("TERM=xterm-256color"))
        #expect(FileManager.default.contents(atPath: db) == before)
    }

    @Test(arguments: [
        ["LANG": "C", "LC_ALL": "C"], ["LANG": "C", "LC_ALL": ""], ["LANG": "POSIX", "LC_ALL": "POSIX"],
    ])
    func inTheCLocaleTheAppWorksAndQuitsCleanly(_ locale: [String: String]) throws {
        let db = try demo()
        let tmux = try cli.launch(db, environment: locale)
        try tmux.waitFor("My day")
        try tmux.press("Escape")
        let list = try tmux.waitFor("searches by name")
        expectReadable(list, width: 100)
        try tmux.type("/")
        try tmux.type("zzzq")
        try tmux.waitFor("0 matches")
        try tmux.press("Escape")
        try tmux.waitFor("searches by name")
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor("60×15")
        try tmux.resize(width: 100, height: 30)
        expectReadable(try tmux.waitFor("searches by name"), width: 100)
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }
}
