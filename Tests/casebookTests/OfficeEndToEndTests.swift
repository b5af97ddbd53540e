import CasebookCore
import CasebookTestSupport
import Foundation
import Testing

/// Offices seen from the people they keep apart: the real program on a demo of three offices.
@Suite(.serialized) struct OfficeEndToEndTests {
    let cli: CLIFixture

    init() throws { cli = try CLIFixture() }

    /// A search token of a client of Sørby (office 2) that starts no name part of any client of
    /// Nordby (office 1), and an officer of Nordby.
    func apart(_ db: String) throws -> (token: String, officer: String) {
        let token = try shell(
            "sqlite3", db,
            """
            SELECT s.token FROM client_search s JOIN clients c ON c.id = s.client_id
            WHERE c.office_id = 2 AND length(s.token) >= 4 AND s.token GLOB '[a-z]*' AND NOT EXISTS (
                SELECT 1 FROM client_search t JOIN clients d ON d.id = t.client_id
                WHERE d.office_id = 1 AND t.token >= s.token AND t.token < s.token || char(1114111))
            ORDER BY s.token LIMIT 1;
            """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let officer = try shell(
            "sqlite3", db,
            """
            SELECT s.username FROM staff s JOIN staff_offices m ON m.staff_id = s.id
            WHERE m.office_id = 1 AND m.role = 'officer' AND s.username <> 'tester' ORDER BY s.id LIMIT 1;
            """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        return (token, officer)
    }

    @Test func anOfficerOfOneOfficeCannotFindAClientOfAnother() throws {
        let db = try cli.demo(clients: 300, seed: 5)
        let (token, officer) = try apart(db)
        try #require(!token.isEmpty && !officer.isEmpty, "the demo has clients in two offices")
        let tmux = try cli.launch(db, environment: ["CASEBOOK_USER": officer])
        try tmux.waitFor("My day")
        try tmux.press("Escape")
        try tmux.waitFor("searches by name")
        try tmux.type("/")
        try tmux.type(token)
        let screen = try tmux.waitFor("No client matches")
        #expect(screen.contains("0 matches"), "\(screen)")
        try tmux.press("Escape")
        try tmux.press("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")

        // The tester is admin of every office of the demo: the same search finds the client.
        let admin = try cli.launch(db)
        try admin.waitFor("My day")
        try admin.press("Escape")
        try admin.waitFor("searches by name")
        try admin.type("/")
        try admin.type(token)
        let found = try admin.waitFor("Search: \(token)")
        #expect(!found.contains("No client matches") && !found.contains("0 matches"), "\(found)")
        try admin.press("Escape")
        try admin.press("q")
        try admin.waitFor("CASEBOOK-EXITED 0")
    }

    @Test func theCommandsAskThePolicy() throws {
        let db = try cli.demo(clients: 300, seed: 5)
        let (_, officer) = try apart(db)
        let offices = try Casebook.run(["office", "list", "--db", db], environment: cli.user)
        #expect(offices.status == 0 && offices.output.contains("SOR") && offices.output.contains("Nordby"))
        let number = try shell(
            "sqlite3", db, "SELECT case_number FROM clients WHERE office_id = 1 AND officer_id IS NOT NULL LIMIT 1;"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let other = try shell("sqlite3", db, "SELECT case_number FROM clients WHERE office_id = 2 LIMIT 1;")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let me = ["CASEBOOK_USER": officer]
        // An officer prints a contract of their office only (when there is one), and each print is logged.
        let foreign = try Casebook.run(["contract", "print", other, "--db", db], environment: me)
        // Answered as a number never given: the officer learns nothing of the other office.
        #expect(foreign.status != 0 && foreign.error.contains("No client has case number \(other)"), "\(foreign.error)")
        // The access log is for supervisors and admins; the tester is admin.
        let refused = try Casebook.run(["access-log", number, "--db", db], environment: me)
        #expect(refused.status != 0 && refused.error.contains("Only supervisors and admins of"), "\(refused.error)")
        let log = try Casebook.run(["access-log", number, "--db", db], environment: cli.user)
        #expect(log.status == 0, "\(log.error)")
        // Moving a caseload is a supervisor's; the dry run lists and changes nothing.
        let move = try Casebook.run(
            ["caseload", "move", "--from", officer, "--to", "tester", "--dry-run", "--db", db], environment: me)
        #expect(move.status != 0 && move.error.contains("Only supervisors"), "\(move.error)")
        let verify = try Casebook.run(["audit", "verify", "--db", db], environment: cli.user)
        #expect(verify.status == 0 && verify.output.contains("Read log:"), "\(verify.output) \(verify.error)")
    }
}
