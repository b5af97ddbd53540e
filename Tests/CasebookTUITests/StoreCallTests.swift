import CasebookCore
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// How many times one interaction reads or writes the case file, counted with the statement
/// trace the benchmark replays: a screen reads again only what changed, once.
@Suite struct StoreCallTests {
    @Test(arguments: [
        ([Key.character("o")] + typing("okarl"), "officer"),
        ([Key.character("p")] + typing("sample"), "programme"),
    ])
    func choosingADashboardFilterComputesTheDashboardOnce(_ opening: [Key], _ filter: String) throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = GoldenSize.large.terminal
        fixture.run(app, on: terminal, [.character("D")] + opening)
        let choosing = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.enter]) }
        #expect(terminal.text.contains("\(filter) "))
        let dashboard = try #require(app.top as? DashboardScreen)
        let once = try StoreTrace(fixture.store) {
            _ = try fixture.store.figures.dashboard(dashboard.board.filter, siteTarget: app.exitTarget)
        }
        #expect(once.storeCalls > 0)
        #expect(choosing.storeCalls == once.storeCalls, "\(choosing)")
        #expect(choosing.lines.sorted() == once.lines.sorted())
    }

    @Test func savingThePeriodComputesTheDashboardOnce() throws {
        let fixture = try UIFixture()
        let app = try fixture.app(as: fixture.base.admin)
        let terminal = GoldenSize.large.terminal
        fixture.run(app, on: terminal, [.character("D"), .character("t"), .control("u")] + typing("2025-01-01"))
        let saving = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.control("s")]) }
        let dashboard = try #require(app.top as? DashboardScreen)
        #expect(dashboard.board.filter.from == (try Day(iso: "2025-01-01")))
        let once = try StoreTrace(fixture.store) {
            _ = try fixture.store.figures.dashboard(dashboard.board.filter, siteTarget: app.exitTarget)
        }
        #expect(saving.storeCalls == once.storeCalls, "\(saving)")
    }

    @Test(arguments: RecordTabID.allCases)
    func closingHelpOverARecordMakesNoStoreCall(_ tab: RecordTabID) throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: tab)
        let terminal = GoldenSize.large.terminal
        fixture.run(app, on: terminal, [.character("?")])
        #expect(app.top is TextScreen)
        let closing = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.escape]) }
        #expect(app.top is ClientRecordScreen)
        #expect(closing.storeCalls == 0 && closing.text.isEmpty, "\(closing)")
    }

    @Test func closingARecordWithoutChangesLeavesTheListAsItWas() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = GoldenSize.large.terminal
        fixture.run(app, on: terminal, [.enter])
        let closing = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.escape]) }
        #expect(app.top is ClientListScreen)
        #expect(closing.storeCalls == 0, "\(closing)")
    }

    @Test func savingANoteReloadsTheNotesTabAndTheHeaderOnly() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .notes)
        let terminal = GoldenSize.large.terminal
        let haddad = fixture.client("Haddad")
        fixture.run(app, on: terminal, [.character("a"), .tab, .tab, .tab] + typing("Called about the course"))
        let saving = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.control("s")]) }
        #expect(terminal.text.contains("Note saved") && terminal.text.contains("Called about the course"))
        // What the header and the Notes tab read, and nothing else.
        let header = try StoreTrace(fixture.store) {
            _ = try fixture.store.client(id: haddad.id, by: fixture.base.officer.id)
            _ = try fixture.store.staff(id: fixture.base.officer.id)
            _ = try fixture.store.recordStatus(clientID: haddad.id, by: fixture.base.officer.id)
            _ = try fixture.store.notes(clientID: haddad.id, by: fixture.base.officer.id)
        }
        #expect(saving.lines.filter { $0 == "BEGIN IMMEDIATE;" }.count == 1, "one write")
        #expect(saving.storeCalls == 1 + header.storeCalls, "\(saving)")
        #expect(saving.afterWrite == header.lines)
    }

    @Test func aTabIsReadWhenShownAndAgainOnlyAfterAChangeItShows() throws {
        let fixture = try UIFixture()
        let app = try fixture.record("Haddad", tab: .notes)
        let terminal = GoldenSize.large.terminal
        #expect(fixture.run(app, on: terminal, [.tab]).contains("of 67 lines"))
        #expect(try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.backTab]) }.storeCalls == 0)
        #expect(try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.tab]) }.storeCalls == 0)
        // A note changes the History (every change is audited) but not the Contract tab.
        fixture.run(
            app, on: terminal, [.backTab, .character("a"), .tab, .tab, .tab] + typing("Called") + [.control("s")])
        let history = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.tab]) }
        #expect(history.storeCalls == 1, "\(history)")
        #expect(terminal.text.contains("of 68 lines"), "the new note is in the History")
        fixture.run(app, on: terminal, [.backTab, .backTab])
        #expect(
            try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.tab]) }.storeCalls == 0, "the Notes tab")
        // Editing the client changes what the Contract tab shows (due dates count from arrival).
        fixture.run(app, on: terminal, [.character("e"), .control("s")])
        let contract = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.backTab]) }
        #expect(contract.storeCalls > 0)
    }

    @Test func removingAnObligationReloadsTheRecordOnce() throws {
        let fixture = try UIFixture()
        let muller = fixture.client("Müller")
        try fixture.store.draftContract(
            clientID: muller.id, NewContractDraft(settledOn: testDay, draftedOn: testDay),
            actor: fixture.base.officer.id)
        let app = try fixture.record("Müller", tab: .contract)
        let terminal = GoldenSize.large.terminal
        fixture.run(app, on: terminal, [.character("x")])
        #expect(app.top is ConfirmDialog)
        let removing = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.character("y")]) }
        #expect(terminal.text.contains("Removed."))
        // Reading the record again by hand reads exactly what the removal read after its write.
        let reload = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.character("r")]) }
        #expect(terminal.text.contains("Reloaded."))
        #expect(removing.lines.filter { $0 == "BEGIN IMMEDIATE;" }.count == 1, "one write")
        #expect(removing.storeCalls == 1 + reload.storeCalls, "\(removing)")
        #expect(removing.afterWrite == reload.lines)
    }

    @Test func choosingAPhaseFilterReadsTheListOnce() throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = GoldenSize.large.terminal
        fixture.run(app, on: terminal, [.character("p")] + typing("activ"))
        let choosing = try StoreTrace(fixture.store) { fixture.run(app, on: terminal, [.enter]) }
        let list = try #require(app.top as? ClientListScreen)
        #expect(list.rows.map(\.phase) == [.active])
        // The same list read again, not the one kept (`ClientList.firstPage`).
        fixture.store.clientList.forgetFirstPages()
        let once = try StoreTrace(fixture.store) { try list.reload(app: app) }
        #expect(choosing.storeCalls == once.storeCalls, "\(choosing)")
        #expect(choosing.lines == once.lines)
    }
}
