import CasebookCore
import Testing

@testable import CasebookStore
import CasebookTestSupport

@Suite struct ClientStoreTests {
    @Test func addingAClientAuditsEveryFieldAndStartsTheCase() throws {
        let fixture = try Fixture()
        let client = try fixture.add("Haddad", "Rasha", number: 1, officer: fixture.officer.id)
        #expect(client.version == 1)
        #expect(client.phase == .referred)
        let stored = try #require(try fixture.store.client(id: client.id))
        #expect(stored == client)
        let trail = try fixture.store.auditTrail(clientID: client.id)
        #expect(trail.contains { $0.field == "family_name" && $0.oldValue == nil && $0.newValue == "Haddad" })
        #expect(trail.contains { $0.field == "officer" && $0.newValue == "okarlsen" })
        #expect(trail.allSatisfy { $0.staff == "admin" && $0.at == testClock.now })
        let history = try fixture.store.phaseHistory(clientID: client.id)
        #expect(history.map(\.to) == [.referred])
    }

    @Test func invalidDraftsAreRefusedWithEveryMessageAndNothingSaved() throws {
        let fixture = try Fixture()
        var draft = Fixture.draft("", "Rasha", number: 1)
        draft[.dateOfBirth] = "2030-01-01"
        #expect {
            _ = try fixture.store.addClient(draft, actor: fixture.admin.id)
        } throws: { error in
            issues(error, of: ClientField.self)?.map(\.field) == [.familyName, .dateOfBirth, .arrivalDate]
        }
        #expect(try fixture.store.clientList.count(ClientFilter()).value == 0)
    }

    @Test func aTakenCaseNumberIsRefused() throws {
        let fixture = try Fixture()
        try fixture.add("Haddad", "Rasha", number: 1)
        #expect {
            try fixture.add("Khoury", "Layla", number: 1)
        } throws: { refuses($0, ClientField.caseNumber, "Already taken") }
        #expect(try fixture.store.nextCaseNumber(year: 2026).text == "2026-000002")
        #expect(try fixture.store.nextCaseNumber(year: 2027).text == "2027-000001")
    }

    @Test func anUpdateWritesOnlyChangesAndAuditsOldAndNewValues() throws {
        let fixture = try Fixture()
        let client = try fixture.add("Haddad", "Rasha", number: 1)
        var draft = ClientDraft(client)
        draft[.phone] = "+47 912 34 567"
        draft.officerID = fixture.officer.id
        let saved = try fixture.store.updateClient(
            id: client.id, with: draft, expectedVersion: 1, actor: fixture.officer.id)
        #expect(saved.version == 2)
        let latest = try fixture.store.auditTrail(clientID: client.id, limit: 2)
        #expect(latest.map(\.field).sorted() == ["officer", "phone"])
        #expect(latest.allSatisfy { $0.staff == "okarlsen" })
        #expect(latest.first { $0.field == "phone" }?.oldValue == "")
        // Saving the same values again changes nothing and writes no audit row.
        let rowsBefore = try fixture.store.auditTrail(clientID: client.id).count
        let again = try fixture.store.updateClient(
            id: client.id, with: draft, expectedVersion: 2, actor: fixture.officer.id)
        #expect(again.version == 2)
        #expect(try fixture.store.auditTrail(clientID: client.id).count == rowsBefore)
    }

    @Test func aStaleVersionIsAConflictThatNamesWhoChangedItAndOverwritesNothing() throws {
        let fixture = try Fixture()
        let client = try fixture.add("Haddad", "Rasha", number: 1)
        let other = try fixture.secondConnection()
        // Both read version 1; the officer saves first through the other connection.
        var theirs = ClientDraft(client)
        theirs[.phone] = "+47 111 11 111"
        _ = try other.updateClient(id: client.id, with: theirs, expectedVersion: 1, actor: fixture.officer.id)
        var mine = ClientDraft(client)
        mine[.phone] = "+47 222 22 222"
        #expect {
            _ = try fixture.store.updateClient(id: client.id, with: mine, expectedVersion: 1, actor: fixture.admin.id)
        } throws: { error in
            guard case .conflict(_, let by, let at) = error as? StoreError else { return false }
            return by == "Ola Karlsen" && at == testClock.now
        }
        #expect(try fixture.store.client(id: client.id)?.phone == "+47 111 11 111")
        #expect(throws: StoreError.self) {
            _ = try fixture.store.changePhase(
                clientID: client.id, PhaseChangeDraft(to: .eligibilityCheck, on: testDay), expectedVersion: 1,
                actor: fixture.admin.id)
        }
    }

    @Test func phaseChangesFollowTheLifecycleAndAreRecorded() throws {
        let fixture = try Fixture()
        var client = try fixture.add("Haddad", "Rasha", number: 1)
        #expect {
            _ = try fixture.store.changePhase(
                clientID: client.id, PhaseChangeDraft(to: .active, on: testDay), expectedVersion: 1,
                actor: fixture.admin.id)
        } throws: { refuses($0, PhaseChangeDraft.Field.target, "Eligibility check") }
        for phase in [
            CasePhase.eligibilityCheck, .offered, .intakeAssessment, .planDraft, .contractSigned, .active, .completed,
        ] {
            client = try fixture.store.changePhase(
                clientID: client.id, PhaseChangeDraft(to: phase, on: testDay), expectedVersion: client.version,
                actor: fixture.officer.id)
        }
        client = try fixture.store.changePhase(
            clientID: client.id, PhaseChangeDraft(to: .closed, on: testDay, exitReason: .work),
            expectedVersion: client.version, actor: fixture.officer.id)
        #expect(try fixture.store.client(id: client.id)?.phase == .closed)
        let history = try fixture.store.phaseHistory(clientID: client.id)
        #expect(history.count == 9)
        #expect(history.last?.exitReason == .work && history.last?.recordedBy == "Ola Karlsen")
        let enrolment = try fixture.store.enrolment(clientID: client.id)
        #expect(enrolment?.offeredOn == testDay && enrolment?.startedOn == testDay)
        #expect(
            try fixture.store.auditTrail(clientID: client.id).contains {
                $0.field == "phase" && $0.oldValue == "completed" && $0.newValue == "closed"
            })
    }

    @Test func theAuditLogIsAppendOnly() throws {
        let fixture = try Fixture()
        try fixture.add("Haddad", "Rasha", number: 1)
        let db = fixture.store.database
        #expect(throws: DatabaseError.self) { try db.execute("UPDATE audit SET new_value = 'forged'") }
        #expect(throws: DatabaseError.self) { try db.execute("DELETE FROM audit") }
        #expect(try db.scalar("SELECT count(*) FROM audit WHERE new_value = 'forged'") == 0)
    }

    @Test func aThrowingTransactionRollsBackEverything() throws {
        struct Boom: Error {}
        let fixture = try Fixture()
        #expect(throws: Boom.self) {
            try fixture.store.write {
                _ = try fixture.store.insert(
                    try Fixture.draft("Haddad", "Rasha", number: 1).validated(today: testDay), office: 1, actor: fixture.admin.id,
                    now: testClock.now, phaseSince: testDay)
                throw Boom()
            }
        }
        #expect(try fixture.store.clientList.count(ClientFilter()).value == 0)
        #expect(try fixture.store.database.scalar("SELECT count(*) FROM client_search") == 0)
        #expect(!fixture.store.database.isInTransaction)
    }

    @Test func staffRolesChangeButTheLastAdminStays() throws {
        let fixture = try Fixture()
        #expect(throws: StoreError.self) {
            try fixture.store.setRole(username: "admin", role: .officer, actor: fixture.admin.id)
        }
        try fixture.store.setRole(username: "okarlsen", role: .admin, actor: fixture.admin.id)
        try fixture.store.setRole(username: "admin", role: .supervisor, actor: fixture.officer.id)
        #expect(try fixture.store.staff(username: "admin")?.role == .supervisor)
        #expect(throws: StoreError.self) {
            try fixture.store.setRole(username: "nobody", role: .officer, actor: fixture.admin.id)
        }
        #expect(throws: StoreError.self) {
            try fixture.store.addStaff(username: "okarlsen", displayName: "", role: .officer, actor: fixture.admin.id)
        }
        #expect(throws: StoreError.self) {
            try fixture.store.addStaff(username: "Bad Name", displayName: "", role: .officer, actor: fixture.admin.id)
        }
    }

    @Test func checkReportsAHealthyFile() throws {
        let fixture = try Fixture()
        try fixture.add("Haddad", "Rasha", number: 1)
        let report = try fixture.store.check()
        #expect(report.isHealthy)
        #expect(report.counts.first { $0.table == "clients" }?.rows == 1)
        #expect(report.schemaVersion == currentSchemaVersion)
    }

    @Test func backupCopiesWhileAnotherConnectionWritesAndRefusesToOverwrite() throws {
        let fixture = try Fixture()
        for number in 1...50 { try fixture.add("Haddad", "Rasha", number: number) }
        let target = fixture.folder.file("copy.db")
        try fixture.store.backup(to: target, overwrite: false)
        #expect(throws: StoreError.self) { try fixture.store.backup(to: target, overwrite: false) }
        try fixture.add("Khoury", "Layla", number: 51)
        try fixture.store.backup(to: target, overwrite: true)
        let copy = try Store.open(path: target, mode: .readOnly)
        #expect(try copy.clientList.count(ClientFilter()).value == 51)
        #expect(try copy.check().isHealthy)
        #expect(DatabaseFile.mode(of: target) == 0o600)
    }
}
