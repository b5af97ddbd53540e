import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The offices screen's drafts as the Store takes them: validated again, refused beside their
/// field, and refused to those the policy keeps out.
@Suite struct OfficeDraftStoreTests {
    let o: TwoOffices
    init() throws { o = try TwoOffices() }

    @Test func eachPersonSeesTheirOfficesAndAdminsEveryOne() throws {
        let officer = try o.store.officeSummaries(by: o.f.officer.id)
        #expect(officer.map(\.office.code) == ["MAIN"])
        #expect(officer.first?.clients == 1 && officer.first?.role == .officer)
        // The admin of Nordby manages offices everywhere, but counts only the clients of their own.
        let admin = try o.store.officeSummaries(by: o.f.admin.id)
        #expect(admin.map(\.office.code) == ["MAIN", "SOR"])
        #expect(admin.map(\.clients) == [1, nil] && admin.map(\.role) == [.admin, nil])
        let sorby = try o.store.officeSummaries(by: try o.staff(o.sorby, .supervisor).id)
        #expect(sorby.map(\.office.code) == ["SOR"] && sorby.first?.clients == 1)
    }

    @Test func anOfficeDraftIsValidatedAndACodeTakenIsRefusedBesideIt() throws {
        let admin = o.f.admin.id
        let taken = #expect(throws: StoreError.self) {
            try o.store.addOffice(OfficeDraft(code: "sor", name: "Another"), actor: admin)
        }
        #expect(taken.flatMap { issues($0, of: OfficeDraft.Field.self) }?.map(\.field) == [.code])
        let bad = #expect(throws: StoreError.self) {
            try o.store.addOffice(OfficeDraft(code: "", name: " "), actor: admin)
        }
        #expect(bad.flatMap { issues($0, of: OfficeDraft.Field.self) }?.map(\.field) == [.code, .name])
        let added = try o.store.addOffice(
            OfficeDraft(code: "vest", name: " Vestby ", municipalities: "Vestby, , Lier "), actor: admin)
        #expect(added.code == "VEST" && added.name == "Vestby" && added.municipalities == ["Vestby", "Lier"])
        let renamed = try o.store.renameOffice(
            added.id, OfficeDraft(code: "VEST", name: "Vestby og Lier"), actor: admin)
        #expect(renamed.name == "Vestby og Lier" && renamed.code == "VEST")
    }

    @Test(arguments: [Role.officer, .supervisor])
    func onlyAdminsChangeOfficesAndStaff(role: Role) throws {
        let me = try o.staff(o.nordby, role).id
        #expect(refusedByPolicy { try o.store.addOffice(OfficeDraft(code: "VEST", name: "Vestby"), actor: me) })
        #expect(
            refusedByPolicy { try o.store.renameOffice(o.nordby.id, OfficeDraft(code: "MAIN", name: "X"), actor: me) })
        #expect(
            refusedByPolicy {
                try o.store.saveMembership(
                    MembershipDraft(username: "okarlsen", role: .admin), office: o.sorby.id, actor: me)
            })
        #expect(try o.store.memberships(of: o.f.officer.id).count == 1)
        #expect(try o.store.office(code: "VEST") == nil && o.store.office(id: o.nordby.id)?.name == "Nordby")
    }

    @Test func aMembershipRegistersSomeoneNewOrGivesSomeoneKnownARole() throws {
        let admin = o.f.admin.id
        let new = try o.store.saveMembership(
            MembershipDraft(username: "nyansatt", displayName: "Nina Ny", role: .officer), office: o.sorby.id,
            actor: admin)
        #expect(new.displayName == "Nina Ny")
        #expect(try o.store.memberships(of: new.id) == [Membership(officeID: o.sorby.id, role: .officer)])
        try o.store.saveMembership(
            MembershipDraft(username: "okarlsen", role: .supervisor), office: o.sorby.id, actor: admin)
        #expect(try o.store.memberships(of: o.f.officer.id).count == 2)
        #expect(try o.store.staff(id: o.f.officer.id)?.role == .supervisor, "the role of record is the highest held")
        let bad = #expect(throws: StoreError.self) {
            try o.store.saveMembership(MembershipDraft(username: "Not Valid"), office: o.sorby.id, actor: admin)
        }
        #expect(bad.flatMap { issues($0, of: MembershipDraft.Field.self) }?.map(\.field) == [.username, .role])
    }

    @Test func theLastAdminIsRefusedBesideTheRole() throws {
        // Sørby's admin leaves first: Nordby's admin is then the last one.
        try o.store.setMembership(
            staffID: try o.staff(o.sorby, .admin).id, office: o.sorby.id, role: .officer, actor: o.f.admin.id)
        let refused = #expect(throws: StoreError.self) {
            try o.store.saveMembership(
                MembershipDraft(username: "admin", role: .officer), office: o.nordby.id, actor: o.f.admin.id)
        }
        #expect(refused.flatMap { issues($0, of: MembershipDraft.Field.self) }?.map(\.field) == [.role])
        #expect(try o.store.memberships(of: o.f.admin.id) == [Membership(officeID: o.nordby.id, role: .admin)])
    }

    @Test func aTransferDraftIsValidatedAfterThePolicy() throws {
        let supervisor = try o.staff(o.nordby, .supervisor).id
        let same = #expect(throws: StoreError.self) {
            try o.store.proposeTransfer(
                client: o.nordbyClient.id, TransferDraft(office: o.nordby.id, reason: "x"), by: supervisor)
        }
        #expect(same.flatMap { issues($0, of: TransferDraft.Field.self) }?.map(\.field) == [.office])
        let empty = #expect(throws: StoreError.self) {
            try o.store.proposeTransfer(client: o.nordbyClient.id, TransferDraft(office: o.sorby.id), by: supervisor)
        }
        #expect(empty.flatMap { issues($0, of: TransferDraft.Field.self) }?.map(\.field) == [.reason])
        // Sørby's supervisor learns nothing of a Nordby client, not even that the office is wrong.
        let sorby = try o.staff(o.sorby, .supervisor).id
        let foreign = #expect(throws: StoreError.self) {
            try o.store.proposeTransfer(client: o.nordbyClient.id, TransferDraft(office: o.nordby.id), by: sorby)
        }
        #expect(foreign.flatMap { issues($0, of: TransferDraft.Field.self) } == nil)
        try o.store.proposeTransfer(
            client: o.nordbyClient.id, TransferDraft(office: o.sorby.id, reason: "Moved"), by: supervisor)
        #expect(try o.store.pendingTransfers(for: sorby).map(\.client.id) == [o.nordbyClient.id])
    }

    @Test func aNewClientJoinsTheOfficeServingTheirMunicipality() throws {
        let officer = o.f.officer.id
        try o.store.setMembership(staffID: officer, office: o.sorby.id, role: .officer, actor: o.f.admin.id)
        var draft = Fixture.draft("Karimi", "Omid", number: 5)
        draft[.municipality] = "sørby"
        let served = try o.store.addClient(draft, actor: officer)
        #expect(try o.store.office(ofClient: served.id)?.id == o.sorby.id)
        draft = Fixture.draft("Karimi", "Leila", number: 6)
        draft[.municipality] = "Drammen"
        let first = try o.store.addClient(draft, actor: officer)
        #expect(try o.store.office(ofClient: first.id)?.id == o.nordby.id)
        // An officer chosen who works in Nordby only keeps the client in Nordby.
        let supervisor = try o.staff(o.nordby, .supervisor)
        draft = Fixture.draft("Karimi", "Sara", number: 7, officer: supervisor.id)
        draft[.municipality] = "Sørby"
        let kept = try o.store.addClient(draft, actor: officer)
        #expect(try o.store.office(ofClient: kept.id)?.id == o.nordby.id)
    }
}
