import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The export log (issue 17): each list export is one chained row, who, when, how many clients
/// and which filter, written with its read log rows.
@Suite struct ExportLogTests {
    @Test func aFilteredExportIsOneRowWithItsCountAndFilter() throws {
        let o = try TwoOffices()
        let supervisor = try o.staff(o.nordby, .supervisor)
        let filter = ClientFilter(officerID: o.f.officer.id, phase: .referred, flaggedOnly: false, search: "Haddad")
        let rows = try o.store.exportClients(.filter(filter, .arrival), office: o.nordby.id, actor: supervisor.id)
        let log = try o.store.exportLog(by: supervisor.id)
        let entry = try #require(log.first)
        #expect(log.count == 1)
        #expect(entry.staff == "snord" && entry.clients == rows.count && entry.clients == 1)
        let recorded = try #require(entry.filter)
        #expect(recorded.search == "Haddad" && recorded.officer == "okarlsen" && recorded.office == "MAIN")
        #expect(recorded.phase == "referred" && recorded.sort == "arrival" && !recorded.marked && !recorded.flagged)
        #expect(recorded.words.contains("Haddad") && recorded.words.contains("okarlsen"))
        #expect(try o.store.accessLog(clientID: o.nordbyClient.id, by: supervisor.id).map(\.kind) == [.export])
    }

    @Test func anExportOfMarkedClientsSaysSo() throws {
        let o = try TwoOffices()
        let supervisor = try o.staff(o.nordby, .supervisor)
        _ = try o.store.exportClients(.clients([o.nordbyClient.id]), actor: supervisor.id)
        let entry = try #require(try o.store.exportLog(by: supervisor.id).first)
        #expect(
            entry.clients == 1
                && entry.filter
                    == {
                        var f = ExportFilter(); f.marked = true; return f
                    }()
        )
    }

    @Test(arguments: [
        "", "marked", "search=Haddad Rasha", "office=SOR\nofficer=okarlsen\nphase=referred\nflagged\nsort=name",
        "figure\nsort=case_number\nsearch=two\nlines=and=more",
    ])
    func theMachineFormReadsBack(text: String) {
        #expect(ExportFilter(machineForm: text).machineForm == text)
    }

    @Test func onlyThoseWhoSeeTheAccessLogListExports() throws {
        let o = try TwoOffices()
        let supervisor = try o.staff(o.nordby, .supervisor)
        _ = try o.store.exportClients(.filter(ClientFilter(), .name), actor: supervisor.id)
        // An officer may not see the access log: refused, from their side.
        #expect(refusedByPolicy { _ = try o.store.exportLog(by: o.f.officer.id) })
        // Sørby's supervisor sees the access log of Sørby only: not Nordby's staff's exports.
        #expect(try o.store.exportLog(by: try o.staff(o.sorby, .supervisor).id).isEmpty)
        #expect(try o.store.exportLog(by: o.f.admin.id).count == 1)
    }

    @Test func theChainVerifiesAndAChangedRowFailsIt() throws {
        let o = try TwoOffices()
        let supervisor = try o.staff(o.nordby, .supervisor)
        for search in ["Haddad", "Rasha"] {
            _ = try o.store.exportClients(.filter(ClientFilter(search: search), .name), actor: supervisor.id)
        }
        let report = try o.store.verifyExportLog()
        #expect(report.isIntact && report.rows == 2)
        // Blanking a filter (as an erasure would) keeps the chain; nobody rewrites or removes a row.
        try o.store.database.executeScript("UPDATE exports SET filter = NULL, value_salt = NULL WHERE id = 1")
        #expect(try o.store.verifyExportLog().isIntact)
        #expect(try o.store.verifyExportLog().erasedValues == 1)
        #expect(throws: (any Error).self) { try o.store.database.executeScript("UPDATE exports SET clients = 9") }
        #expect(throws: (any Error).self) { try o.store.database.executeScript("DELETE FROM exports") }
        // Past the triggers (as sqlite3 could, dropping them): the chain names the row changed.
        try o.store.database.executeScript(
            """
            DROP TRIGGER exports_are_append_only_update;
            UPDATE exports SET clients = 9 WHERE id = 2;
            """)
        #expect(try o.store.verifyExportLog().problem == .changed(row: 2))
    }

    @Test func migrationTwentyOneKeepsTheRowsHeld() throws {
        let o = try TwoOffices()
        let supervisor = try o.staff(o.nordby, .supervisor)
        try o.store.logRead(.export, clients: [o.nordbyClient.id], by: supervisor.id)
        try o.store.write {
            try o.store.database.executeScript(undoExportLogOfSchemaTwentyOne + "PRAGMA user_version = 20;")
        }
        let reopened = try Store.open(path: o.store.path, mode: .readWrite, clock: testClock)
        #expect(reopened.schemaVersion == currentSchemaVersion)
        #expect(try reopened.verifyReadLog().rows == 1 && reopened.verifyReadLog().isIntact)
        #expect(try reopened.accessLog(clientID: o.nordbyClient.id, by: supervisor.id).count == 1)
        #expect(try reopened.exportLog(by: supervisor.id).isEmpty)
        _ = try reopened.exportClients(.clients([o.nordbyClient.id]), actor: supervisor.id)
        #expect(try reopened.exportLog(by: supervisor.id).count == 1)
    }
}
