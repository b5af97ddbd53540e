import CasebookCore
import CasebookText
import CasebookStore
import CasebookTestSupport
import Testing

@testable import CasebookTUI

/// Two offices sharing one file: Nordby (the file's first office, renamed) with the admin, the
/// officer okarlsen and the supervisor snord; Sørby with the supervisor ssor and the officer
/// osor. One client each: Haddad in Nordby, Nordqvist in Sørby.
final class OfficeUIFixture {
    let ui: UIFixture
    var store: Store { ui.store }
    let nordby: Office
    let sorby: Office
    let nordSupervisor: Staff
    let sorSupervisor: Staff
    let sorOfficer: Staff
    let haddad: Client
    let nordqvist: Client
    var admin: Staff { ui.base.admin }
    var officer: Staff { ui.base.officer }

    init() throws {
        ui = try UIFixture(populated: false)
        let store = ui.store
        let admin = ui.base.admin.id
        nordby = try store.renameOffice(code: "MAIN", to: "Nordby", actor: admin)
        sorby = try store.addOffice(code: "SOR", name: "Sørby", municipalities: ["Sørby", "Ås"], actor: admin)
        nordSupervisor = try store.addStaff(
            username: "snord", displayName: "Siri Nord", role: .supervisor, office: nordby.id, actor: admin)
        sorSupervisor = try store.addStaff(
            username: "ssor", displayName: "Sara Sør", role: .supervisor, office: sorby.id, actor: admin)
        sorOfficer = try store.addStaff(
            username: "osor", displayName: "Omar Sør", role: .officer, office: sorby.id, actor: admin)
        haddad = try store.addClient(
            Fixture.draft("Haddad", "Rasha", number: 1, officer: ui.base.officer.id), office: nordby.id, actor: admin)
        nordqvist = try store.addClient(
            Fixture.draft("Nordqvist", "Amal", number: 2, officer: sorOfficer.id), office: sorby.id,
            actor: sorSupervisor.id)
    }

    func app(as staff: Staff) throws -> App { try ui.app(as: staff) }

    @discardableResult
    func run(_ app: App, on terminal: VirtualTerminal, _ keys: [Key] = []) -> String {
        ui.run(app, on: terminal, keys)
    }
}

@Suite struct OfficeKeyScriptTests {
    let o: OfficeUIFixture
    init() throws { o = try OfficeUIFixture() }

    func offices(_ app: App) throws -> OfficesScreen { try #require(app.top as? OfficesScreen) }

    @Test func theAdminSeesEveryOfficeAndItsStaff() throws {
        let app = try o.app(as: o.admin)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let text = o.run(app, on: terminal, [.character("o")])
        let screen = try offices(app)
        #expect(screen.offices.map(\.office.code) == ["MAIN", "SOR"])
        #expect(text.contains("Offices and staff") && text.contains("2 offices"))
        let nordRow = try #require(text.split(separator: "\n").first { $0.contains("MAIN") })
        #expect(nordRow.contains("Nordby") && nordRow.contains("1") && nordRow.contains("admin"), "\(nordRow)")
        // The admin does not work in Sørby: no count of its clients, no role there.
        let sorRow = try #require(text.split(separator: "\n").first { $0.contains("SOR ") })
        #expect(sorRow.contains("Sørby, Ås") && sorRow.contains("—"), "\(sorRow)")
        #expect(text.contains("Staff of Nordby") && text.contains("okarlsen") && text.contains("snord"))
        #expect(!text.contains("ssor"))
        let sorby = o.run(app, on: terminal, [.down])
        #expect(sorby.contains("Staff of Sørby") && sorby.contains("ssor") && !sorby.contains("okarlsen"))
        expectReadable(terminal)
    }

    @Test func anAdminAddsAnOfficeAndACodeTakenIsRefusedBesideIt() throws {
        let app = try o.app(as: o.admin)
        let terminal = VirtualTerminal(width: 100, height: 30)
        o.run(app, on: terminal, [.character("o"), .character("a")])
        var form = try #require(app.top as? FormScreen<OfficeDraft>)
        o.run(app, on: terminal, typing("sor") + [.tab] + typing("Sørby again") + [.control("s")])
        #expect(form.error(of: .code) == "There is already an office SOR; choose another code.")
        #expect(try o.store.offices().count == 2)
        // The refusal put the cursor in the code field.
        o.run(app, on: terminal, [.control("u")] + typing("a1!") + [.control("s")])
        #expect(form.error(of: .code)?.contains("2 to 12 capital letters") == true)

        o.run(app, on: terminal, [.escape, .character("y")])
        o.run(app, on: terminal, [.character("a")])
        form = try #require(app.top as? FormScreen<OfficeDraft>)
        let text = o.run(
            app, on: terminal,
            typing("vest") + [.tab] + typing("Vestby integration service") + [.tab] + typing("Vestby, Lier")
                + [.control("s")])
        #expect(text.contains("Added office VEST (Vestby integration service)."), "\(text)")
        let added = try #require(try o.store.office(code: "VEST"))
        #expect(added.municipalities == ["Vestby", "Lier"])
        #expect(try offices(app).offices.map(\.office.code) == ["MAIN", "SOR", "VEST"])
    }

    @Test func anAdminRenamesAnOfficeAndGivesSomeoneARoleInIt() throws {
        let app = try o.app(as: o.admin)
        let terminal = VirtualTerminal(width: 100, height: 30)
        o.run(app, on: terminal, [.character("o"), .down, .character("e"), .control("u")])
        var text = o.run(app, on: terminal, typing("Sørby and Ås") + [.control("s")])
        #expect(text.contains("Office SOR is now Sørby and Ås."))
        #expect(try o.store.office(code: "SOR")?.name == "Sørby and Ås")

        // Someone new to Casebook, registered with a role in Sørby.
        o.run(app, on: terminal, [.character("s")])
        let form = try #require(app.top as? FormScreen<MembershipDraft>)
        o.run(app, on: terminal, [.control("s")])
        #expect(form.error(of: .username) == "A user name is required.")
        #expect(form.error(of: .role) == "Choose the role they hold in this office.")
        text = o.run(
            app, on: terminal,
            [.control("u")] + typing("onew") + [.tab] + typing("Nina Ny") + [.tab] + typing("offic") + [.enter]
                + [.control("s")])
        #expect(text.contains("onew is officer in Sørby and Ås."), "\(text)")
        let new = try #require(try o.store.staff(username: "onew"))
        #expect(try o.store.memberships(of: new.id) == [Membership(officeID: o.sorby.id, role: .officer)])
        #expect(text.contains("Nina Ny"))

        // Someone known: okarlsen of Nordby becomes a supervisor in Sørby too.
        o.run(app, on: terminal, [.character("s")])
        text = o.run(app, on: terminal, typing("okarlsen") + [.tab, .tab] + typing("super") + [.enter, .control("s")])
        #expect(text.contains("okarlsen is supervisor in Sørby and Ås."), "\(text)")
        #expect(
            try o.store.memberships(of: o.officer.id).sorted { $0.officeID < $1.officeID } == [
                Membership(officeID: o.nordby.id, role: .officer), Membership(officeID: o.sorby.id, role: .supervisor),
            ])

        // The selected member's role, changed from the staff list.
        o.run(app, on: terminal, [.tab])
        let screen = try offices(app)
        #expect(screen.inStaff)
        while screen.selectedMember?.staff.username != "onew" { o.run(app, on: terminal, [.down]) }
        o.run(app, on: terminal, [.character("s")])
        let change = try #require(app.top as? FormScreen<MembershipDraft>)
        #expect(change.text(of: .username) == "onew")
        text = o.run(app, on: terminal, [.tab, .control("u")] + typing("super") + [.enter, .control("s")])
        #expect(text.contains("onew is supervisor in Sørby and Ås."), "\(text)")
        #expect(try o.store.memberships(of: new.id) == [Membership(officeID: o.sorby.id, role: .supervisor)])
    }

    @Test func theLastAdminKeepsTheirRoleAndIsToldBesideIt() throws {
        let app = try o.app(as: o.admin)
        let terminal = VirtualTerminal(width: 100, height: 30)
        o.run(app, on: terminal, [.character("o"), .tab])
        let screen = try offices(app)
        while screen.selectedMember?.staff.username != "admin" { o.run(app, on: terminal, [.down]) }
        o.run(app, on: terminal, [.character("s"), .tab, .control("u")] + typing("offic") + [.enter, .control("s")])
        let form = try #require(app.top as? FormScreen<MembershipDraft>)
        #expect(form.error(of: .role) == StoreError.lastAdmin.description)
        #expect(try o.store.memberships(of: o.admin.id) == [Membership(officeID: o.nordby.id, role: .admin)])
    }

    @Test(arguments: [Role.officer, .supervisor])
    func othersReadTheirOfficesAndAreToldWhyNotOnTheAdminKeys(role: Role) throws {
        let me = role == .officer ? o.officer : o.nordSupervisor
        let app = try o.app(as: me)
        let terminal = VirtualTerminal(width: 100, height: 30)
        let text = o.run(app, on: terminal, [.character("o")])
        let screen = try offices(app)
        #expect(screen.offices.map(\.office.code) == ["MAIN"], "Sørby is not theirs")
        #expect(text.contains("1 office") && text.contains("okarlsen"))
        o.run(app, on: terminal, [.character("a")])
        #expect(app.message?.text == "Only admins may manage offices.")
        o.run(app, on: terminal, [.character("e")])
        #expect(app.message?.text == "Only admins may manage offices.")
        o.run(app, on: terminal, [.character("s")])
        #expect(app.message?.text == "Only admins may manage staff.")
        #expect(app.top is OfficesScreen)
    }
}

@Suite struct TransferKeyScriptTests {
    let o: OfficeUIFixture
    init() throws { o = try OfficeUIFixture() }

    /// Sørby's supervisor proposes moving Nordqvist to Nordby from the record.
    func propose(reason: String = "Moved to Nordby in October") throws {
        let app = try o.app(as: o.sorSupervisor)
        let terminal = VirtualTerminal(width: 100, height: 30)
        app.push(try ClientRecordScreen(app: app, clientID: o.nordqvist.id))
        o.run(app, on: terminal, [.character("T")])
        let form = try #require(app.top as? FormScreen<TransferDraft>)
        // Nordby is the only other office: it is chosen already.
        #expect(form.text(of: .office) == "0")
        o.run(app, on: terminal, [.tab, .control("s")])
        #expect(form.error(of: .reason) == "Say why, for the receiving office.")
        o.run(app, on: terminal, typing(reason) + [.control("s")])
        #expect(app.message?.text == "Proposed the transfer of 2026-000002 to Nordby; it waits for their supervisor.")
        #expect(app.top is ClientRecordScreen)
    }

    @Test func aSupervisorProposesAndTheReceivingSupervisorAcceptsFromMyDay() throws {
        try propose()
        // Sørby's supervisor sees it waiting, and may not decide it.
        let sending = try o.app(as: o.sorSupervisor)
        let terminal = VirtualTerminal(width: 100, height: 30)
        var text = o.run(sending, on: terminal, [.character("T")])
        #expect(text.contains("0 waiting for my decision") && text.contains("1 outgoing"), "\(text)")
        #expect(text.contains("2026-000002") && text.contains("Moved to Nordby in October (ssor)"))
        o.run(sending, on: terminal, [.character("a")])
        #expect(sending.message?.text == "Only supervisors of Nordby decide this transfer; it waits for them.")

        // Nordby's supervisor finds it on My day, opens it, and accepts after being told what changes.
        let receiving = try o.app(as: o.nordSupervisor)
        text = o.run(receiving, on: terminal, [.character("w")])
        let row = try #require(text.split(separator: "\n").first { $0.contains("Transfer") })
        #expect(row.contains("2026-000002") && row.contains("From Sørby to Nordby"), "\(row)")
        o.run(receiving, on: terminal, [.enter])
        let screen = try #require(receiving.top as? TransfersScreen)
        #expect(screen.selected?.client.caseNumber == "2026-000002")
        text = o.run(receiving, on: terminal, [.character("a")])
        let dialog = try #require(receiving.top as? ConfirmDialog)
        #expect(text.contains("Accept the transfer?"))
        #expect(
            dialog.question.contains("2026-000002 then belongs to Nordby")
                && dialog.question.contains("Sørby no longer sees them"))
        #expect(
            try o.store.client(id: o.nordqvist.id, by: o.sorSupervisor.id)?.officerID == o.sorOfficer.id,
            "nothing changed while asking")
        text = o.run(receiving, on: terminal, [.character("y")])
        #expect(text.contains("2026-000002 now belongs to Nordby"), "\(text)")
        #expect(screen.transfers.isEmpty)
        #expect(try o.store.office(ofClient: o.nordqvist.id, by: o.nordSupervisor.id)?.id == o.nordby.id)
        // Back on the list, the client is there for Nordby.
        text = o.run(receiving, on: terminal, [.escape, .escape])
        #expect(text.contains("Nordqvist, Amal"), "\(text)")

        // Sørby's officer no longer finds the client.
        let before = try o.app(as: o.sorOfficer)
        text = o.run(before, on: terminal, [.character("/")] + typing("nordqvist") + [.enter])
        #expect(text.contains("0 matches"), "\(text)")
        #expect(throws: StoreError.self) { _ = try ClientRecordScreen(app: before, clientID: o.nordqvist.id) }
    }

    @Test func aDeclinedTransferLeavesTheClientWhereTheyWere() throws {
        try propose()
        let receiving = try o.app(as: o.nordSupervisor)
        let terminal = VirtualTerminal(width: 100, height: 30)
        var text = o.run(receiving, on: terminal, [.character("T")])
        #expect(text.contains("1 waiting for my decision"))
        o.run(receiving, on: terminal, [.character("d")])
        let dialog = try #require(receiving.top as? ConfirmDialog)
        #expect(dialog.question == "2026-000002 stays with Sørby; Sørby may propose a transfer again.")
        o.run(receiving, on: terminal, [.character("n")])
        #expect(try o.store.pendingTransfers(for: o.nordSupervisor.id).count == 1, "no is no decision")
        text = o.run(receiving, on: terminal, [.character("d"), .character("y")])
        #expect(text.contains("Declined the transfer of 2026-000002."))
        #expect(try o.store.pendingTransfers(for: o.nordSupervisor.id).isEmpty)
        #expect(try o.store.office(ofClient: o.nordqvist.id, by: o.sorSupervisor.id)?.id == o.sorby.id)
        #expect(try o.store.client(id: o.nordqvist.id, by: o.sorSupervisor.id)?.officerID == o.sorOfficer.id)
    }

    @Test func anOfficerIsToldWhoMayTransferAndWhoDecides() throws {
        let app = try o.app(as: o.officer)
        let terminal = VirtualTerminal(width: 100, height: 30)
        o.run(app, on: terminal, [.character("T")])
        #expect(app.message?.text == "Only supervisors of Nordby may transfer clients.")
        app.push(try ClientRecordScreen(app: app, clientID: o.haddad.id))
        o.run(app, on: terminal, [.character("T")])
        #expect(app.message?.text == "Only supervisors of Nordby may transfer clients.")
        #expect(app.top is ClientRecordScreen)
        #expect(try o.store.pendingTransfers(for: o.nordSupervisor.id).isEmpty)
    }
}

/// The office where staff and clients appear: the new-client form's office field, the
/// record's header and the list's column, for someone who works in two offices only.
@Suite struct OfficeShownKeyScriptTests {
    let o: OfficeUIFixture
    init() throws { o = try OfficeUIFixture() }

    func newClient(_ app: App, _ terminal: VirtualTerminal, municipality: String) throws -> FormScreen<ClientDraft> {
        o.run(app, on: terminal, [.character("n")])
        let form = try #require(app.top as? FormScreen<ClientDraft>)
        form.fill { draft in
            let number = draft[.caseNumber]
            draft = Fixture.draft("Karimi", "Omid", number: 1)
            draft[.caseNumber] = number
            draft[.municipality] = municipality
        }
        return form
    }

    @Test func withOneOfficeTheFormHasNoOfficeFieldAndTheScreensNameNone() throws {
        let app = try o.app(as: o.officer)
        let terminal = VirtualTerminal(width: 132, height: 43)
        let list = o.run(app, on: terminal)
        let header = try #require(list.split(separator: "\n").first { $0.contains("Case no.") })
        #expect(!header.contains("Flags Office"), "\(header)")
        let form = try newClient(app, terminal, municipality: "Sørby")
        #expect(!form.fields.contains { $0.label == "Office" })
        let text = o.run(app, on: terminal, [.control("s")])
        #expect(text.contains("Registered 2026-000003"), "\(text)")
        #expect(!text.contains("Office: "), "the header names no office: \(text)")
        let client = try #require(try o.store.client(caseNumber: CaseNumber("2026-000003"), by: o.officer.id))
        #expect(try o.store.office(ofClient: client.id, by: o.officer.id)?.id == o.nordby.id)
    }

    @Test(arguments: [("Ås", "SOR"), ("Drammen", "MAIN")])
    func withTwoOfficesTheFormChoosesByTheMunicipality(municipality: String, code: String) throws {
        try o.store.setMembership(staffID: o.officer.id, office: o.sorby.id, role: .officer, actor: o.admin.id)
        let app = try o.app(as: o.officer)
        let terminal = VirtualTerminal(width: 132, height: 43)
        let form = try newClient(app, terminal, municipality: municipality)
        let field = try #require(form.fields.firstIndex { $0.label == "Office" })
        #expect(form.text(at: field) == "", "left to the municipality")
        let text = o.run(app, on: terminal, [.control("s")])
        #expect(text.contains("Registered 2026-000003"), "\(text)")
        let client = try #require(try o.store.client(caseNumber: CaseNumber("2026-000003"), by: o.officer.id))
        #expect(try o.store.office(ofClient: client.id, by: o.officer.id)?.code == code)
        let name = code == "SOR" ? "Sørby" : "Nordby"
        #expect(text.contains("Office: \(name)"), "the header names the office: \(text)")
    }

    @Test func withTwoOfficesAnOfficeChosenIsKeptAndTheListShowsTheColumn() throws {
        try o.store.setMembership(staffID: o.officer.id, office: o.sorby.id, role: .officer, actor: o.admin.id)
        let app = try o.app(as: o.officer)
        let terminal = VirtualTerminal(width: 132, height: 43)
        var text = o.run(app, on: terminal, [.character("m")])
        let header = try #require(text.split(separator: "\n").first { $0.contains("Case no.") })
        #expect(header.contains("Flags Office"), "\(header)")
        let haddad = try #require(text.split(separator: "\n").first { $0.contains("Haddad") })
        let nordqvist = try #require(text.split(separator: "\n").first { $0.contains("Nordqvist") })
        #expect(haddad.contains("MAIN") && nordqvist.contains("SOR"), "\(haddad)\n\(nordqvist)")

        let form = try newClient(app, terminal, municipality: "Ås")
        let field = try #require(form.fields.firstIndex { $0.label == "Office" })
        while form.focus != field { o.run(app, on: terminal, [.tab]) }
        o.run(app, on: terminal, typing("nordby") + [.enter])
        text = o.run(app, on: terminal, [.control("s")])
        let client = try #require(
            try o.store.client(caseNumber: CaseNumber("2026-000003"), by: o.officer.id),
            "\(app.message?.text ?? "") \(text)")
        #expect(
            try o.store.office(ofClient: client.id, by: o.officer.id)?.id == o.nordby.id,
            "the choice wins over the municipality")
        #expect(text.contains("Office: Nordby"))
    }

    @Test func anOfficeThePersonMayNotRegisterInIsRefusedByTheStore() throws {
        var draft = Fixture.draft("Karimi", "Omid", number: 9)
        draft.officeID = o.sorby.id
        #expect(throws: StoreError.self) { _ = try o.store.addClient(draft, actor: o.officer.id) }
        // Asked of the file itself: the Store's door answers nil for a client one may not see too.
        let saved = try o.store.read {
            try o.store.database.scalar("SELECT 1 FROM clients WHERE case_number = '2026-000009'", [])
        }
        #expect(saved == nil)
    }
}
