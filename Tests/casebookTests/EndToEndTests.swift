import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

/// The real program in a real terminal (tmux), driven by keys as an officer would.
@Suite(.serialized) struct EndToEndTests {
    let cli: CLIFixture

    init() throws { cli = try CLIFixture() }

    func demo(_ clients: Int = 300) throws -> String { try cli.demo(clients: clients, seed: 5) }

    /// The real program on `db`, on its first screen: My day, as the tester has a caseload.
    func launch(_ db: String, size: TerminalSize = .standard, environment: [String: String] = [:]) throws -> Tmux {
        let tmux = try cli.launch(db, size: size, environment: environment)
        try tmux.waitFor("My day")
        return tmux
    }

    /// The real program on `db`, moved from My day to the client list.
    func open(_ db: String, size: TerminalSize = .standard, environment: [String: String] = [:]) throws -> Tmux {
        let tmux = try launch(db, size: size, environment: environment)
        try tmux.press("Escape")
        try tmux.waitFor("searches by name")
        return tmux
    }

    @Test func searchingANameTypedWithoutDiacriticsFindsIt() throws {
        let db = try demo()
        let names = try shell(
            "sqlite3", db,
            "SELECT family_name || ', ' || given_names FROM clients WHERE family_name GLOB '*[ØøÅåÆæüÜöÖäÄşŞıİçÇğĞéèáíóúñãõ]*' ORDER BY id LIMIT 1;")
        let name = try #require(names.split(separator: "\n").first.map(String.init))
        let family = String(name.split(separator: ",")[0])
        let typed = SearchKey.fold(family)
        let isPlain = typed.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(isPlain, "\(typed)")
        let tmux = try open(db)
        try tmux.waitFor("clients")
        try tmux.type("/")
        try tmux.type(typed)
        let screen = try tmux.waitFor(family)
        #expect(screen.contains("Search: \(typed)"))
        try tmux.press("Escape")
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }

    @Test func aClientWithAnArabicNameAddedThroughTheFormIsThereAfterARestart() throws {
        let db = try demo(50)
        var tmux: Tmux? = try open(db)
        guard let first = tmux else { return }
        try first.waitFor("clients")
        try first.type("n")
        try first.waitFor("New client")
        try first.registerClient(family: "الأحمد", given: "مريم", other: "Al-Ahmad, Maryam", born: "1988-04-12", sex: "fem")
        try first.press("q")
        try first.waitFor("CASEBOOK-EXITED 0")
        tmux = nil

        let second = try open(db)
        try second.waitFor("clients")
        try second.type("/")
        try second.type("الأحمد مريم")
        let found = try second.waitFor("1 match")
        #expect(found.contains("مريم"))
        try second.press("Escape", "q")
        try second.waitFor("CASEBOOK-EXITED 0")
    }

    @Test func resizingInTheMiddleOfAFormKeepsTheTypedText() throws {
        let db = try demo(50)
        let tmux = try open(db)
        try tmux.waitFor("clients")
        try tmux.type("n")
        try tmux.waitFor("New client")
        try tmux.press("Tab")
        try tmux.type("Bjørnstad")
        try tmux.press("Tab")
        try tmux.type("Anan")
        try tmux.waitFor("Anan")
        try tmux.resize(width: 132, height: 43)
        let wide = try tmux.waitFor("Bjørnstad")
        #expect(wide.contains("Anan"))
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor("needs a")
        try tmux.resize(width: 80, height: 24)
        let back = try tmux.waitFor("Bjørnstad")
        #expect(back.contains("Anan"))
        try tmux.type(" Somchai")
        try tmux.waitFor("Anan Somchai")
        try tmux.press("Escape")
        try tmux.waitFor("Discard changes?")
        try tmux.press("y")
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }

    @Test func withNoColorTheSelectedRowIsStillMarked() throws {
        let db = try demo(50)
        let tmux = try open(db, environment: ["NO_COLOR": "1"])
        try tmux.waitFor("clients")
        try tmux.press("Down")
        try tmux.waitFor(">")
        let screen = try tmux.screen(escapes: true)
        let selected = try #require(screen.split(separator: "\n").first { $0.contains(">") })
        // tmux may combine the reset with it ("ESC[0;7m"), depending on what it drew before.
        #expect(graphicCodes(in: String(selected)).contains(7), "the selected row is drawn in reverse video: \(selected.debugDescription)")
        #expect(colourCodes(in: screen).isEmpty, "no colour appears with NO_COLOR")
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }

    @Test func anAssessmentThatMeetsTheTargetChangesTheLadderAndTheList() throws {
        let db = try demo(50)
        let tmux = try open(db, size: TerminalSize(width: 120, height: 40))
        try tmux.waitFor("clients")
        let first = try tmux.screen().split(separator: "\n").first { $0.hasPrefix(">") }.map(String.init) ?? ""
        let caseNumber = String(first.dropFirst().prefix(11))
        #expect(!first.contains("C1 ✓"))
        try tmux.press("Enter")
        try tmux.waitFor("Overview")
        // Overview, Intake, then Language.
        try tmux.press("Tab", "Tab")
        try tmux.waitFor("skills at target")
        try tmux.type("a")
        try tmux.waitFor("Assessment for")
        try tmux.press("Tab", "Tab")
        try tmux.type("C1")
        try tmux.waitFor("Filter: C1")
        try tmux.press("Enter")
        try tmux.type("Norskprøven")
        try tmux.press("Tab")
        try tmux.type("Oslo VO")
        try tmux.press("C-s")
        let ladder = try tmux.waitFor("Recorded C1 in all five skills")
        #expect(ladder.contains("5 of 5 skills at target — target met"))
        try tmux.press("Escape")
        let row = try tmux.waitFor("C1 ✓").split(separator: "\n").first { $0.contains(caseNumber) }.map(String.init) ?? ""
        #expect(row.contains("C1 ✓"), "the list shows the new standing: \(row)")
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }

    @Test func anAuthorityObligationMarkedMetLeavesMyDay() throws {
        // An office that keeps up has an authority obligation overdue on about one contract in
        // sixteen: a thousand clients give the tester's caseload some.
        let db = try demo(1000)
        let tmux = try launch(db, size: TerminalSize(width: 120, height: 40))
        func overdueByAuthority(_ screen: String) -> Int? {
            guard let range = screen.range(of: #"authority (\d+)"#, options: .regularExpression) else { return nil }
            return Int(screen[range].split(separator: " ")[1])
        }
        var screen = try tmux.waitFor("overdue: newcomer")
        let before = try #require(overdueByAuthority(screen))
        #expect(before > 0, "the demo caseload has overdue authority obligations")
        // Move down to the first overdue obligation of the authority.
        func selected(_ screen: String) -> String { screen.split(separator: "\n").first { $0.hasPrefix(">") }.map(String.init) ?? "" }
        var row = selected(screen)
        var moves = 0
        while !(row.contains("OVERDUE") && row.contains("Authority")), moves < 60 {
            try tmux.press("Down")
            moves += 1
            screen = try tmux.waitFor(">")
            for _ in 0..<50 where selected(screen) == row {
                screen = try tmux.screen()
            }
            row = selected(screen)
        }
        #expect(row.contains("OVERDUE") && row.contains("Authority"), "\(row)")
        let caseNumber = String(row.dropFirst(22).prefix(11))
        func rows(_ screen: String) -> Int {
            screen.split(separator: "\n").filter { $0.contains(caseNumber) && $0.contains("OVERDUE") && $0.contains("Authority") }.count
        }
        let rowsBefore = rows(screen)

        try tmux.press("Enter")
        try tmux.waitFor("The authority commits to")
        try tmux.type("m")
        try tmux.waitFor("Met on")
        try tmux.press("Tab")
        try tmux.type("Course place confirmed by letter")
        try tmux.press("C-s")
        try tmux.waitFor("Marked met.")
        try tmux.press("Escape")
        screen = try tmux.waitFor("authority \(before - 1)")
        #expect(overdueByAuthority(screen) == before - 1, "the obligation left My day")
        #expect(rows(screen) == rowsBefore - 1, "the client's overdue authority row left My day")
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }

    @Test func ctrlCAndSIGTERMRestoreTheTerminal() throws {
        let db = try demo(20)
        let tmux = try open(db)
        try tmux.waitFor("clients")
        try tmux.press("C-c")
        let after = try tmux.waitFor("CASEBOOK-EXITED 0")
        #expect(!after.contains("Casebook › Clients"), "the screen was given back")

        let again = try open(db)
        try again.waitFor("clients")
        // The bracket keeps pkill from matching its own command line.
        #expect(system("pkill -TERM -f -- '[c]asebook --db \(db)'") == 0)
        let terminated = try again.waitFor("CASEBOOK-EXITED 0")
        #expect(!terminated.contains("Casebook › Clients"), "the screen was given back after SIGTERM")
    }
}

/// The SGR colour parameters (30-37, 40-47, 90-97, 100-107, 38;..., 48;...) in captured text.
/// The parameters of every "select graphic rendition" sequence (ESC [ … m) in `text`.
func graphicCodes(in text: String) -> [Int] {
    var codes: [Int] = []
    var rest = Substring(text)
    while let start = rest.range(of: "\u{1B}[") {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(where: { $0.isLetter }) else { break }
        if rest[end] == "m" { codes += rest[..<end].split(separator: ";").compactMap { Int($0) } }
        rest = rest[end...]
    }
    return codes
}

/// The colour codes among them (foreground, background, 256 and true colour).
func colourCodes(in text: String) -> [Int] {
    graphicCodes(in: text).filter { (30...37).contains($0) || (40...47).contains($0) || (90...107).contains($0) || $0 == 38 || $0 == 48 }
}
