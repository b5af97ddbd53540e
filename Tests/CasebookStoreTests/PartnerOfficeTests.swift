import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The register of partner organisations belongs to an office (issue 18): its staff see it and
/// name its partners on their clients' activities, its supervisors and admins keep it, and to
/// everyone else it is not there. Tested from the side of the people it keeps out.
@Suite struct PartnerOfficeTests {
    let o: TwoOffices
    let nordbyClub: PartnerOrganisation
    let sorbyChoir: PartnerOrganisation

    init() throws {
        o = try TwoOffices()
        nordbyClub = try o.store.addPartner(
            PartnerDraft(name: "Nordby IL", kind: .sportsClub), office: o.nordby.id,
            actor: try o.staff(o.nordby, .supervisor).id)
        sorbyChoir = try o.store.addPartner(
            PartnerDraft(name: "Sørby kor", kind: .culture), office: o.sorby.id,
            actor: try o.staff(o.sorby, .supervisor).id)
    }

    @Test(arguments: Role.allCases)
    func eachOfficesStaffSeeOnlyTheirOfficesRegister(role: Role) throws {
        let nordby = try o.staff(o.nordby, role)
        let sorby = try o.staff(o.sorby, role)
        #expect(try o.store.partners(actor: nordby.id).map(\.name) == ["Nordby IL"])
        #expect(try o.store.partners(actor: sorby.id).map(\.name) == ["Sørby kor"])
        #expect(try o.store.clientPartners(clientID: o.sorbyClient.id, actor: sorby.id).map(\.id) == [sorbyChoir.id])
        #expect(throws: StoreError.self, "another office's client, and so its register, is not theirs") {
            try o.store.clientPartners(clientID: o.nordbyClient.id, actor: sorby.id)
        }
    }

    @Test func anOfficerOfSorbyCannotNameNordbysPartnerOnAnActivity() throws {
        let officer = try o.staff(o.sorby, .officer)
        #expect {
            try o.store.addActivity(
                clientID: o.sorbyClient.id,
                ParticipationDraft(kind: .sportCulture, partner: nordbyClub.id, startsOn: testDay),
                actor: officer.id)
        } throws: { refuses($0, ParticipationDraft.Field.partner, "register of the client's office") }
        #expect(try o.store.activities(clientID: o.sorbyClient.id).isEmpty, "nothing was saved")
        let own = try o.store.addActivity(
            clientID: o.sorbyClient.id,
            ParticipationDraft(kind: .sportCulture, partner: sorbyChoir.id, startsOn: testDay),
            actor: officer.id)
        #expect(own.partnerName == "Sørby kor")
    }

    @Test func aSupervisorOfSorbyNeitherAddsToNorChangesNordbysRegister() throws {
        let supervisor = try o.staff(o.sorby, .supervisor)
        #expect {
            try o.store.addPartner(
                PartnerDraft(name: "Intruder", kind: .other), office: o.nordby.id, actor: supervisor.id)
        } throws: { "\($0)".contains("Only supervisors and admins of Nordby may keep the register") }
        #expect {
            try o.store.updatePartner(
                id: nordbyClub.id, PartnerDraft(name: "Renamed", kind: .other), expectedVersion: nordbyClub.version,
                actor: supervisor.id)
        } throws: { "\($0)".contains("not in the register of any office you belong to") }
        #expect(try o.store.partner(id: nordbyClub.id, actor: o.f.officer.id)?.name == "Nordby IL")
        // To Sørby's staff, Nordby's partner is not there, even asked for by its id.
        #expect(try o.store.partner(id: nordbyClub.id, actor: supervisor.id) == nil)
        #expect(try o.store.partners(actor: o.f.officer.id).map(\.name) == ["Nordby IL"])
        // Nordby's officer may not change it either: they choose from it.
        #expect(throws: StoreError.self) {
            try o.store.updatePartner(
                id: nordbyClub.id, PartnerDraft(name: "Renamed", kind: .other), expectedVersion: nordbyClub.version,
                actor: o.f.officer.id)
        }
    }

    @Test func aNameIsUniqueWithinAnOfficeNotAcrossOffices() throws {
        let sorby = try o.staff(o.sorby, .supervisor)
        let twin = try o.store.addPartner(
            PartnerDraft(name: "nordby il", kind: .sportsClub), office: o.sorby.id, actor: sorby.id)
        #expect(twin.officeID == o.sorby.id)
        #expect {
            try o.store.addPartner(PartnerDraft(name: "sørby KOR", kind: .culture), office: o.sorby.id, actor: sorby.id)
        } throws: { refuses($0, PartnerDraft.Field.name) }
    }

    @Test func theOfficeOfANewPartnerIsTheOnlyOneKeptOrTheOneNamed() throws {
        let sorby = try o.staff(o.sorby, .supervisor)
        #expect(try o.store.partnerOffice(code: nil, actor: sorby.id).id == o.sorby.id)
        #expect(throws: StoreError.self) { try o.store.partnerOffice(code: "MAIN", actor: sorby.id) }
        #expect(throws: StoreError.self) { try o.store.partnerOffice(code: nil, actor: o.f.officer.id) }
        try o.store.setMembership(
            staffID: try o.staff(o.nordby, .supervisor).id, office: o.sorby.id, role: .supervisor, actor: nil)
        let both = try o.staff(o.nordby, .supervisor).id
        #expect {
            try o.store.partnerOffice(code: nil, actor: both)
        } throws: { "\($0)".contains("--office CODE (MAIN, SOR)") }
        #expect(try o.store.partnerOffice(code: "SOR", actor: both).id == o.sorby.id)
    }

    /// Migration 19 on a file of schema 17: each partner goes to the office whose clients'
    /// activities name it most, another office whose clients named it gets its own copy, and a
    /// partner nobody named goes to the first office.
    @Test func migrationNineteenGivesEachPartnerItsOffice() throws {
        let store = o.store
        let officer = try o.staff(o.sorby, .officer)
        // Nordby's club, named by two Sørby activities and one of Nordby's; an unused partner.
        for _ in 0..<2 {
            try store.addActivity(
                clientID: o.sorbyClient.id,
                ParticipationDraft(kind: .sportCulture, partner: sorbyChoir.id, startsOn: testDay),
                actor: officer.id)
        }
        try store.addActivity(
            clientID: o.nordbyClient.id,
            ParticipationDraft(kind: .sportCulture, partner: nordbyClub.id, startsOn: testDay),
            actor: o.f.officer.id)
        let unused = try store.addPartner(
            PartnerDraft(name: "Bibliotek", kind: .culture), office: o.sorby.id,
            actor: try o.staff(o.sorby, .supervisor).id)
        try store.write {
            // As schema 18 had it: one register for the file; the activities name Nordby's club
            // from both offices.
            try store.database.executeScript(
                """
                UPDATE participation SET partner_id = \(nordbyClub.id);
                DELETE FROM partner_organisations WHERE id = \(sorbyChoir.id);
                \(undoExportLogOfSchemaTwentyOne)
                \(undoDashboardIndexesOfSchemaTwenty)
                \(undoProceduresAndPartnerOfficesOfSchemaNineteen)
                PRAGMA user_version = 18;
                """)
        }
        let reopened = try Store.open(path: store.path, mode: .readWrite, clock: testClock)
        #expect(reopened.schemaVersion == currentSchemaVersion)
        let all = try reopened.database.query(
            "SELECT id, name, office_id FROM partner_organisations ORDER BY id", []
        ) { (id: $0.int64(0), name: $0.text(1), office: $0.int64(2)) }
        let club = try #require(all.first { $0.id == nordbyClub.id })
        #expect(club.office == o.sorby.id, "two of its three activities are Sørby's")
        #expect(all.first { $0.id == unused.id }?.office == o.nordby.id, "nobody named it: the first office")
        let copy = try #require(all.first { $0.id != club.id && $0.name == "Nordby IL" })
        #expect(copy.office == o.nordby.id)
        #expect(try reopened.activities(clientID: o.nordbyClient.id).map(\.partnerID) == [copy.id])
        #expect(try reopened.activities(clientID: o.sorbyClient.id).map(\.partnerID) == [club.id, club.id])
    }
}
