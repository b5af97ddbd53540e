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

    /// The user name of the first `role` of office `office` (not the tester).
    func member(_ db: String, office: Int, role: String) throws -> String {
        try shell(
            "sqlite3", db,
            """
            SELECT s.username FROM staff s JOIN staff_offices m ON m.staff_id = s.id
            WHERE m.office_id = \(office) AND m.role = '\(role)' AND s.username <> 'tester' ORDER BY s.id LIMIT 1;
            """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Goes past My day, when the person has a caseload and starts there, to the client list.
    func toTheList(_ tmux: Tmux) throws {
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let screen = try tmux.screen()
            if screen.contains("searches by name") { return }
            if screen.contains("My day ·") { try tmux.press("Escape") }
            Thread.sleep(forTimeInterval: 0.2)
        }
        try tmux.waitFor("searches by name")
    }

    /// Searches for `text` among all the clients the person may see (not only their caseload)
    /// and returns the screen once `expected` shows.
    func search(_ tmux: Tmux, _ text: String, until expected: String) throws -> String {
        try toTheList(tmux)
        if try tmux.screen().contains("My caseload") {
            try tmux.type("m")
            try tmux.waitFor("All clients")
        }
        try tmux.type("/")
        try tmux.type(text)
        return try tmux.waitFor(expected)
    }

    func quit(_ tmux: Tmux) throws {
        try tmux.press("Escape")
        try tmux.type("q")
        try tmux.waitFor("CASEBOOK-EXITED 0")
    }

    @Test func aClientTransferredByTheTwoSupervisorsIsFoundByTheReceivingOfficeOnly() throws {
        let db = try cli.demo(clients: 300, seed: 5)
        let (token, officer) = try apart(db)
        let number = try shell(
            "sqlite3", db,
            """
            SELECT c.case_number FROM client_search s JOIN clients c ON c.id = s.client_id
            WHERE c.office_id = 2 AND s.token = '\(token)' ORDER BY c.case_number LIMIT 1;
            """
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let sending = try member(db, office: 2, role: "supervisor")
        let receiving = try member(db, office: 1, role: "supervisor")
        let left = try member(db, office: 2, role: "officer")
        try #require(![number, sending, receiving, left].contains(""), "the demo has a supervisor per office")

        // Before: Nordby's officer finds nothing of the Sørby client.
        let before = try cli.launch(db, environment: ["CASEBOOK_USER": officer])
        #expect(try search(before, number, until: "No client matches").contains("0 matches"))
        try quit(before)

        // Sørby's supervisor proposes the transfer from the record.
        let b = try cli.launch(db, environment: ["CASEBOOK_USER": sending])
        _ = try search(b, number, until: "1 match")
        try b.press("Enter")
        try b.press("Enter")
        try b.waitFor("Phase:")
        try b.type("T")
        try b.waitFor("to another office")
        try b.type("nordby")
        try b.press("Enter")
        try b.type("Moved to Nordby")
        try b.press("C-s")
        try b.waitFor("Proposed the transfer of \(number)")
        try quit(b)

        // Nordby's supervisor accepts it from the transfers waiting.
        let a = try cli.launch(db, environment: ["CASEBOOK_USER": receiving])
        try toTheList(a)
        try a.type("T")
        try a.waitFor("1 waiting for my decision")
        try a.type("a")
        try a.waitFor("Accept the transfer?")
        try a.type("y")
        let accepted = try a.waitFor("now belongs to")
        #expect(accepted.contains(number), "\(accepted)")
        try quit(a)

        // Now Nordby's officer finds the client, and Sørby's officer no longer does.
        let finder = try cli.launch(db, environment: ["CASEBOOK_USER": officer])
        let found = try search(finder, number, until: "1 match")
        #expect(!found.contains("No client matches"), "\(found)")
        try quit(finder)
        let gone = try cli.launch(db, environment: ["CASEBOOK_USER": left])
        #expect(try search(gone, number, until: "No client matches").contains("0 matches"))
        try quit(gone)
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
