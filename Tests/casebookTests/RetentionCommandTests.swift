import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `casebook retention` and `casebook client export` on the 2,000-client demo, through the real
/// binary: the dry run leaves the file as it was, the apply keeps every past figure and the
/// chain, and the person's export parses as JSON and as XML.
@Suite(.serialized) struct RetentionCommandTests {
    let cli: CLIFixture
    let environment: [String: String]

    init() throws {
        cli = try CLIFixture()
        let config = cli.scratch.path("config")
        try FileManager.default.createDirectory(
            atPath: config + "/casebook", withIntermediateDirectories: true)
        try "[retention]\nerase_after = \"1y\"\n".write(
            toFile: config + "/casebook/casebook.toml", atomically: true, encoding: .utf8)
        environment = cli.user.merging(["XDG_CONFIG_HOME": config]) { $1 }
    }

    func run(_ arguments: [String]) throws -> Casebook.Result {
        try Casebook.run(arguments, environment: environment)
    }

    func dump(_ db: String) throws -> String { try shell("sqlite3", db, ".dump") }

    @Test func theDryRunListsTheDueAndChangesNothing() throws {
        let db = try cli.demo(clients: 300, seed: 3)
        let before = try dump(db)
        let result = try run(["retention", "--db", db])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Due for erasure on"))
        #expect(result.output.contains("This was a dry run: nothing was changed."))
        // Each client with its office and the rule that applies to it.
        let header = try #require(result.output.split(separator: "\n").first { $0.contains("Case number") })
        #expect(header.contains("Office") && header.contains("Closed on") && header.contains("Rule"), "\(header)")
        #expect(result.output.contains(" site 1y"), "\(result.output)")
        #expect(try dump(db) == before, "the dry run changed the file")
        let none = try Casebook.run(["retention", "--db", db], environment: cli.user)
        #expect(none.output.contains("nothing is ever erased"), "without a rule nothing is due")
        let refused = try Casebook.run(
            ["retention", "--apply", "--db", db, "--older-than", "1y"], environment: cli.user)
        #expect(refused.status != 0, "no rule, no erasure")
        #expect(try dump(db) == before)
    }

    /// A programme preset's own period with its legal source: imported, `check` and the dry run
    /// name it beside the site's rule; one without its source is refused with file, line and key.
    @Test func aPresetsOwnPeriodIsNamedByCheckAndTheDryRun() throws {
        let db = try cli.demo(clients: 50, seed: 4)
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/programmes/no-introduction.toml").path
        let text = try String(contentsOfFile: shipped, encoding: .utf8)
            .replacingOccurrences(of: "id = \"no-introduction\"", with: "id = \"no-fixture\"")
        let unsourced = cli.scratch.path("unsourced.toml")
        try (text + "\n[retention]\nerase_after = \"10y\"\n").write(
            toFile: unsourced, atomically: true, encoding: .utf8)
        let refused = try run(["programme", "import", unsourced, "--db", db])
        #expect(refused.status != 0)
        #expect(
            refused.error.contains("unsourced.toml, line") && refused.error.contains("retention.legal_source"),
            "\(refused.error)")
        let preset = cli.scratch.path("fixture.toml")
        try (text + "\n[retention]\nerase_after = \"10y\"\nlegal_source = \"Fixture Archives Act § 9\"\n")
            .write(toFile: preset, atomically: true, encoding: .utf8)
        let imported = try run(["programme", "import", preset, "--db", db])
        #expect(imported.status == 0, "\(imported.error)")
        let line = "10 years after the case closes, programme no-fixture version 1 (Fixture Archives Act § 9)"
        let check = try run(["check", "--db", db])
        #expect(check.output.contains(line) && check.output.contains("0 clients enrolled under it"), "\(check.output)")
        let dryRun = try run(["retention", "--db", db])
        #expect(dryRun.output.contains("Retention: erased 1 year after the case closes"), "\(dryRun.output)")
        #expect(dryRun.output.contains(line), "\(dryRun.output)")
    }

    /// Every figure of a past period and of today is the same before and after the erasure, and
    /// the audit chain still verifies with the values blanked.
    @Test func applyKeepsEveryFigureAndTheChain() throws {
        let db = try cli.demo(clients: 2000, seed: 1)
        let today = try Store.open(path: db, mode: .readOnly).clock.today
        let periods = [
            DashboardFilter.lastTwelveMonths(today: today),
            DashboardFilter.lastTwelveMonths(today: today.adding(years: -1)),
            DashboardFilter.lastTwelveMonths(today: today.adding(years: -2)),
        ]
        func figures() throws -> [Dashboard] {
            let store = try Store.open(path: db, mode: .readOnly)
            return try periods.map { try store.figures.dashboard($0) }
        }
        let before = try figures()
        let reader = try Store.open(path: db, mode: .readOnly)
        let tester = try #require(try reader.allStaff().first { $0.username == "tester" })
        let due = try reader.retentionCandidates(
            site: RetentionRule(eraseAfter: TimeSpan(1, .years), source: "casebook.toml"), today: today,
            actor: tester.id)
        #expect(due.count > 100, "the demo has cases closed over a year ago")
        let result = try run(["retention", "--apply", "--db", db])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Erased \(due.count) clients"))
        let store = try Store.open(path: db, mode: .readOnly)
        #expect(try due.allSatisfy { try store.recordStatus(clientID: $0.clientID, by: tester.id).isErased })
        #expect(try figures() == before)
        let verify = try run(["audit", "verify", "--db", db])
        #expect(verify.status == 0, "\(verify.error)")
        #expect(verify.output.contains("chain intact") && verify.output.contains("Erased values"))
        let again = try run(["retention", "--db", db])
        #expect(again.output.contains("Due for erasure on") && again.output.contains(": 0 clients."))
    }

    @Test func theSubjectExportIsValidJSONAndWellFormedHTML() throws {
        let db = try cli.demo(clients: 50, seed: 2)
        let store = try Store.open(path: db, mode: .readOnly)
        let client = try #require(try store.clientList.page(ClientFilter(), sort: .name, limit: 1).first)
        let json = try run(["client", "export", client.caseNumber, "--db", db, "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let data = try #require(object["data"] as? [String: Any])
        for part in [
            "clients", "enrolments", "phase_history", "notes", "audit", "contracts", "obligations",
            "contract_versions", "language_assessments", "qualifications", "civic_sessions", "legal_holds",
            "restrictions",
        ] {
            #expect(data[part] != nil, "\(part) is missing")
        }
        let categories = try #require(object["categories"] as? [[String: Any]])
        #expect(categories.allSatisfy { ($0["legal_basis"] as? String)?.isEmpty == false })
        let html = try run(["client", "export", client.caseNumber, "--db", db, "--format", "html"])
        #expect(html.status == 0, "\(html.error)")
        let parser = XMLParser(data: Data(html.output.utf8))
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(!html.output.contains("<script") && !html.output.contains("src="))
    }
}
