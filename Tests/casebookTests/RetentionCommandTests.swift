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
        #expect(try dump(db) == before, "the dry run changed the file")
        let none = try Casebook.run(["retention", "--db", db], environment: cli.user)
        #expect(none.output.contains("nothing is ever erased"), "without a rule nothing is due")
        let refused = try Casebook.run(
            ["retention", "--apply", "--db", db, "--older-than", "1y"], environment: cli.user)
        #expect(refused.status != 0, "no rule, no erasure")
        #expect(try dump(db) == before)
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
        // The demo's owner is admin of all three offices: they list every office's clients.
        let owner = try #require(try reader.staff(username: "tester"))
        let due = try reader.retentionCandidates(eraseAfter: TimeSpan(1, .years), today: today, by: owner.id)
        #expect(due.count > 100, "the demo has cases closed over a year ago")
        let result = try run(["retention", "--apply", "--db", db])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("Erased \(due.count) clients"))
        let store = try Store.open(path: db, mode: .readOnly)
        #expect(try due.allSatisfy { try store.recordStatus(clientID: $0.clientID, by: owner.id).isErased })
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
