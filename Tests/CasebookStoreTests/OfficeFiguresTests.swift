import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The caseload fixture's seven clients, with Berit Nilsen's (C3, C4) transferred to a second
/// office, Sørby, by its supervisors; each office has a supervisor of its own, the admin has a
/// role in both.
struct TwoOfficeFigures {
    let caseload: CaseloadFixture
    var store: Store { caseload.store }
    let main: Office
    let sorby: Office
    let mainSupervisor: Staff
    let sorbySupervisor: Staff
    let transferred: Set<Int64>

    init() throws {
        caseload = try CaseloadFixture()
        let store = caseload.store
        let admin = caseload.fixture.admin
        main = try #require(try store.office(code: "MAIN"))
        sorby = try store.addOffice(code: "SOR", name: "Sørby", municipalities: ["Sørby"], actor: admin.id)
        try store.setMembership(staffID: admin.id, office: sorby.id, role: .admin, actor: admin.id)
        mainSupervisor = try store.addStaff(
            username: "smain", displayName: "Siri Main", role: .supervisor, office: main.id, actor: admin.id)
        sorbySupervisor = try store.addStaff(
            username: "ssor", displayName: "Sven Sør", role: .supervisor, office: sorby.id, actor: admin.id)
        let moving = [caseload.id("C3"), caseload.id("C4")]
        for client in moving {
            let id = try store.proposeTransfer(client: client, to: sorby.id, reason: "Moved", by: mainSupervisor.id)
            try store.decideTransfer(id, accept: true, by: sorbySupervisor.id)
        }
        transferred = Set(moving)
    }

    /// The ids of the clients of `office`, read from the clients themselves.
    func clients(of office: Office) throws -> Set<Int64> {
        Set(try store.database.query("SELECT id FROM clients WHERE office_id = ?", [office.id]) { $0.int64(0) })
    }

    /// The figures of the test's period as `viewer` sees them (`office`: only that one).
    func board(_ viewer: Staff?, office: Office? = nil) throws -> Dashboard {
        var filter = DashboardFilter.lastTwelveMonths(today: testDay)
        filter.viewer = viewer?.id
        filter.officeID = office?.id
        return try store.figures.dashboard(filter)
    }
}

@Suite struct OfficeFiguresTests {
    /// Every figure's clients, for a supervisor of one office, are the whole file's clients of
    /// that figure who belong to the office, and none of the other's: the dashboard, the report
    /// (the same board) and the cohort behind any bar.
    @Test func aSupervisorCountsOnlyTheirOfficesClients() throws {
        let o = try TwoOfficeFigures()
        let whole = try o.board(nil)
        for (supervisor, office, other) in [
            (o.mainSupervisor, o.main, o.sorby), (o.sorbySupervisor, o.sorby, o.main),
        ] {
            let theirs = try o.clients(of: office)
            let others = try o.clients(of: other)
            let board = try o.board(supervisor)
            let bars = Set(whole.members.keys).union(board.members.keys)
            for bar in bars {
                #expect(
                    board.clients(behind: bar) == whole.clients(behind: bar).filter(theirs.contains),
                    "\(office.code): \(bar)")
                #expect(board.clients(behind: bar).allSatisfy { !others.contains($0) }, "\(office.code): \(bar)")
            }
            for phase in CasePhase.allCases {
                #expect(board.phases[phase] == board.members[.phase(phase)]?.count, "\(phase)")
            }
            let open = whole.officers.reduce(0) { $0 + $1.openCases }
            #expect(board.officers.reduce(0) { $0 + $1.openCases } < open)
        }
        // Sørby holds exactly the two transferred clients.
        let sorby = try o.board(o.sorbySupervisor)
        #expect(Set(CasePhase.allCases.flatMap { sorby.clients(behind: .phase($0)) }) == o.transferred)
    }

    @Test func anAdminOfEveryOfficeSeesEveryOfficeAndMayChooseOne() throws {
        let o = try TwoOfficeFigures()
        let whole = try o.board(nil)
        let admin = o.caseload.fixture.admin
        let all = try o.board(admin)
        #expect(all.members == whole.members)
        #expect(all.officers == whole.officers)
        #expect(try o.board(admin, office: o.sorby).members == (try o.board(o.sorbySupervisor)).members)
        #expect(try o.store.figures.offices(of: all.filter).map(\.code) == ["MAIN", "SOR"])
    }

    /// Refused from the side of the person kept out: an officer, and a supervisor asking for
    /// another office's figures.
    @Test func theDashboardIsRefusedToWhoMayNotSeeIt() throws {
        let o = try TwoOfficeFigures()
        #expect(throws: StoreError.self) { _ = try o.board(o.caseload.a) }
        #expect {
            _ = try o.board(o.sorbySupervisor, office: o.main)
        } throws: {
            ($0 as? StoreError)?.description == "Only supervisors and admins of Main office may see the dashboard and the report."
        }
    }

    @Test func theCohortBehindABarHoldsNoClientOfAnotherOffice() throws {
        let o = try TwoOfficeFigures()
        let board = try o.board(o.mainSupervisor)
        let sorby = try o.clients(of: o.sorby)
        for (bar, ids) in board.members where !ids.isEmpty {
            let cohort = try o.store.clientList.makeCohort(ids, label: "bar")
            let page = try o.store.clientList.page(
                ClientFilter(cohort: cohort, viewer: o.mainSupervisor.id), sort: .name, limit: 500)
            #expect(page.map(\.id).sorted() == ids.sorted(), "\(bar)")
            #expect(page.allSatisfy { !sorby.contains($0.id) }, "\(bar)")
        }
    }

    /// The transfer moved the facts and the search keys with the clients.
    @Test func factsAndSearchKeysFollowATransfer() throws {
        let o = try TwoOfficeFigures()
        #expect(try o.store.figures.staleFacts().isEmpty)
        let astray = try o.store.database.scalar(
            """
            SELECT count(*) FROM client_search s JOIN clients c ON c.id = s.client_id WHERE s.office_id IS NOT c.office_id
            """)
        #expect(astray == 0)
        let officeOfFacts = try o.store.database.scalar(
            "SELECT count(*) FROM client_facts f JOIN clients c ON c.id = f.client_id WHERE f.office_id IS NOT c.office_id")
        #expect(officeOfFacts == 0)
        // Chen (C3) is found in Sørby, and no longer in the main office.
        #expect(try o.store.clientList.count(ClientFilter(search: "Chen", viewer: o.sorbySupervisor.id)).value == 1)
        #expect(try o.store.clientList.count(ClientFilter(search: "Chen", viewer: o.mainSupervisor.id)).value == 0)
        #expect(try o.store.clientList.page(ClientFilter(search: "Ch", viewer: o.mainSupervisor.id), sort: .name, limit: 50).isEmpty)
    }
}

@Suite struct OfficeWorklistTests {
    /// A client of Nordby's officer with a note 60 days old: "no contact" on My day.
    private func silentClient(_ o: TwoOffices, _ family: String, number: Int) throws -> Client {
        let client = try o.store.addClient(
            Fixture.draft(family, "Amal", number: number, officer: o.f.officer.id), office: o.nordby.id,
            actor: o.f.officer.id)
        _ = try o.store.addNote(
            clientID: client.id, NoteDraft(date: testDay.adding(days: -60), summary: "Met"), actor: o.f.officer.id)
        return client
    }

    @Test func myDayHoldsNoClientOfAnotherOffice() throws {
        let o = try TwoOffices()
        let client = try silentClient(o, "Karimi", number: 3)
        #expect(try o.store.worklist(by: o.f.officer.id).contains { $0.clientID == client.id })
        // Still their client on paper, but in an office they do not work in.
        try o.store.database.execute("UPDATE clients SET office_id = ? WHERE id = ?", [o.sorby.id, client.id])
        #expect(try !o.store.worklist(by: o.f.officer.id).contains { $0.clientID == client.id })
        #expect(try o.store.worklist(by: o.f.officer.id).allSatisfy { $0.clientID != o.sorbyClient.id })
    }

    @Test func afterAnAcceptedTransferMyDayNoLongerHoldsTheClient() throws {
        let o = try TwoOffices()
        let client = try silentClient(o, "Karimi", number: 3)
        let sender = try o.staff(o.nordby, .supervisor)
        let receiver = try o.staff(o.sorby, .supervisor)
        let id = try o.store.proposeTransfer(client: client.id, to: o.sorby.id, reason: "Moved", by: sender.id)
        // Pending: on both supervisors' lists, and the client still on the officer's day.
        #expect(try o.store.pendingTransfers(for: sender.id).map(\.id) == [id])
        #expect(try o.store.pendingTransfers(for: receiver.id).map(\.id) == [id])
        #expect(try o.store.worklist(by: o.f.officer.id).contains { $0.clientID == client.id })
        try o.store.decideTransfer(id, accept: true, by: receiver.id)
        #expect(try !o.store.worklist(by: o.f.officer.id).contains { $0.clientID == client.id })
        // Sørby's officer, once the client is theirs, sees them.
        let theirs = try o.staff(o.sorby, .officer)
        let fresh = try #require(try o.store.client(id: client.id))
        var draft = ClientDraft(fresh)
        draft.officerID = theirs.id
        _ = try o.store.updateClient(id: client.id, with: draft, expectedVersion: fresh.version, actor: receiver.id)
        #expect(try o.store.worklist(by: theirs.id).contains { $0.clientID == client.id })
    }
}

/// Takes a file back to schema 12: no office in the facts or the search keys (migration 13 undone).
let undoOfficeKeysOfSchemaThirteen = """
    DROP TRIGGER clients_office_search;
    DROP INDEX client_search_by_office;
    DROP INDEX client_search_key;
    ALTER TABLE client_search DROP COLUMN office_id;
    CREATE UNIQUE INDEX client_search_key ON client_search(token, sort_name, client_id);
    DROP INDEX client_facts_by_office;
    ALTER TABLE client_facts DROP COLUMN office_id;
    """
