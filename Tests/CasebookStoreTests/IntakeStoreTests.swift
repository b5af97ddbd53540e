import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The intake mapping, participation, the partner register and outcomes through the Store: what
/// is stored is what was saved, a stale save is refused, the register keeps officers out, and
/// My day reminds of the twelve-month follow-up.
@Suite struct IntakeStoreTests {
    static let mapping: IntakeDraft = {
        var draft = IntakeDraft(mappedOn: day("2026-10-01"))
        draft.schoolingYears = 9
        draft.highestLevel = .lowerSecondary
        draft.schoolingCountry = "SY"
        draft.levelCompleted = true
        draft.firstLanguageLiteracy = .functional
        draft.latinLiteracy = .basic
        draft.digitalSkills = .basic
        draft.drivingLicence = .noLicence
        draft.careerGoal = "Electrician"
        draft.trainingNeeds = "Norwegian for the trade"
        return draft
    }()

    @Test func aMappingIsStoredWithWhoDidItAndChangedOnlyOnTheCurrentCopy() throws {
        let fixture = try Fixture()
        let client = try fixture.enrolledClient()
        let store = fixture.store
        #expect(try store.intakeMapping(clientID: client.id) == nil)
        let saved = try store.saveIntake(
            clientID: client.id, IntakeStoreTests.mapping, expectedVersion: 0, actor: fixture.officer.id)
        let read = try #require(try store.intakeMapping(clientID: client.id))
        #expect(read == saved)
        #expect(read.mappedBy == fixture.officer.id && read.version == 1 && read.careerGoal == "Electrician")

        var change = IntakeDraft(read)
        change.drivingLicence = .valid
        try store.saveIntake(clientID: client.id, change, expectedVersion: 1, actor: fixture.admin.id)
        var stale = IntakeDraft(read)
        stale.careerGoal = "Teacher"
        #expect {
            try store.saveIntake(clientID: client.id, stale, expectedVersion: 1, actor: fixture.officer.id)
        } throws: { error in
            guard case .conflict(let entity, let by, _) = error as? StoreError else { return false }
            return entity == "intake mapping" && by == "Ada Admin"
        }
        let now = try #require(try store.intakeMapping(clientID: client.id))
        #expect(now.drivingLicence == .valid && now.careerGoal == "Electrician" && now.mappedBy == fixture.admin.id)
        // A second "first" mapping would overwrite the one there.
        #expect(throws: StoreError.self) {
            try store.saveIntake(
                clientID: client.id, IntakeStoreTests.mapping, expectedVersion: 0, actor: fixture.officer.id)
        }
        let fields = try store.auditTrail(clientID: client.id).filter { $0.entity == AuditEntity.intake.rawValue }
        #expect(fields.contains { $0.field == "driving_licence" && $0.oldValue == "none" && $0.newValue == "valid" })
    }

    @Test func aRefusedMappingWritesNothing() throws {
        let fixture = try Fixture()
        let client = try fixture.enrolledClient()
        var draft = IntakeStoreTests.mapping
        draft.schoolingCountry = "ZZ"
        let audited = try fixture.store.auditTrail(clientID: client.id).count
        #expect(throws: StoreError.self) {
            try fixture.store.saveIntake(clientID: client.id, draft, expectedVersion: 0, actor: fixture.officer.id)
        }
        #expect(try fixture.store.intakeMapping(clientID: client.id) == nil)
        #expect(try fixture.store.auditTrail(clientID: client.id).count == audited)
    }

    @Test func workExperienceIsListedLongestFirst() throws {
        let fixture = try Fixture()
        let client = try fixture.enrolledClient()
        let store = fixture.store
        try store.addWorkExperience(
            clientID: client.id, WorkExperienceDraft(title: "Kahraba'i", isco: "74", years: 3, country: "SY"),
            actor: fixture.officer.id)
        try store.addWorkExperience(
            clientID: client.id, WorkExperienceDraft(title: "Farm hand", isco: nil, years: 8, country: "TR"),
            actor: fixture.officer.id)
        #expect(try store.workExperience(clientID: client.id).map(\.title) == ["Farm hand", "Kahraba'i"])
    }

    @Test func theMappingProposesTheMappingObligationOfTheContract() throws {
        let fixture = try Fixture()
        var programme = sampleProgramme()
        programme.obligations.append(
            ObligationTemplate(
                party: .authority, category: .mapping, description: "Map competences", legalBasis: "§ 12",
                anchor: .settlement, due: TimeSpan(3, .months)))
        try fixture.store.importProgramme(programme, sourceFile: "s.toml", sourceText: "s", actor: fixture.admin.id)
        let client = try fixture.add("Haddad", "Rasha", number: 1, officer: fixture.officer.id)
        try fixture.store.enrol(clientID: client.id, Fixture.sampleBasic, actor: fixture.officer.id)
        let contract = try fixture.store.draftContract(
            clientID: client.id, NewContractDraft(settledOn: day("2026-09-01"), draftedOn: testDay),
            actor: fixture.officer.id)
        let obligations = try fixture.store.obligations(contractID: contract.id)
        #expect(try fixture.store.trackFacts(clientID: client.id).proposals(for: obligations).isEmpty)
        try fixture.store.saveIntake(
            clientID: client.id, IntakeStoreTests.mapping, expectedVersion: 0, actor: fixture.officer.id)
        let proposals = try fixture.store.trackFacts(clientID: client.id).proposals(for: obligations)
        let mapping = try #require(obligations.first { $0.category == .mapping })
        #expect(proposals.map(\.obligationID) == [mapping.id])
        #expect(proposals.first?.on == day("2026-10-01"))
    }

    @Test func theRegisterIsKeptBySupervisorsAndAdminsOnly() throws {
        let fixture = try Fixture()
        let store = fixture.store
        let supervisor = try store.addStaff(
            username: "sberg", displayName: "Siri Berg", role: .supervisor, actor: fixture.admin.id)
        let draft = PartnerDraft(name: "Frivilligsentralen", kind: .volunteerCentre, contact: "post@frivillig.no")
        let office = try store.onlyOffice()
        #expect {
            try store.addPartner(draft, office: office, actor: fixture.officer.id)
        } throws: { error in
            "\(error)".contains("Only supervisors and admins of Main office may keep the register")
        }
        #expect(try store.partners(actor: fixture.officer.id).isEmpty, "the officer's attempt wrote nothing")
        let partner = try store.addPartner(draft, office: office, actor: supervisor.id)
        #expect(throws: StoreError.self) {
            try store.updatePartner(
                id: partner.id, PartnerDraft(name: "Renamed", kind: .other), expectedVersion: partner.version,
                actor: fixture.officer.id)
        }
        #expect(throws: StoreError.self, "the same name twice") {
            try store.addPartner(
                PartnerDraft(name: "frivilligsentralen", kind: .other), office: office, actor: fixture.admin.id)
        }
        let renamed = try store.updatePartner(
            id: partner.id, PartnerDraft(name: "Frivilligsentralen Nord", kind: .volunteerCentre), expectedVersion: 1,
            actor: fixture.admin.id)
        #expect(renamed.version == 2)
        #expect(throws: StoreError.self, "a save on the copy read before the admin's") {
            try store.updatePartner(
                id: partner.id, PartnerDraft(name: "Old", kind: .other), expectedVersion: 1, actor: supervisor.id)
        }
        #expect(try store.partners(actor: fixture.officer.id).map(\.name) == ["Frivilligsentralen Nord"])
    }

    @Test func anActivityIsStoredWithItsPartner() throws {
        let fixture = try Fixture()
        let client = try fixture.enrolledClient()
        let store = fixture.store
        let club = try store.addPartner(
            PartnerDraft(name: "IL Tromsø", kind: .sportsClub), office: try store.onlyOffice(), actor: fixture.admin.id)
        try store.addActivity(
            clientID: client.id,
            ParticipationDraft(kind: .sportCulture, partner: club.id, startsOn: day("2026-09-01"), hours: 12),
            actor: fixture.officer.id)
        try store.addActivity(
            clientID: client.id, ParticipationDraft(kind: .votingRightsSession, startsOn: day("2026-10-10")),
            actor: fixture.officer.id)
        let activities = try store.activities(clientID: client.id)
        #expect(activities.map(\.kind) == [.votingRightsSession, .sportCulture])
        #expect(activities.last?.partnerName == "IL Tromsø" && activities.last?.hours == 12)
        #expect(throws: StoreError.self, "a partner not in the register") {
            try store.addActivity(
                clientID: client.id, ParticipationDraft(kind: .volunteering, partner: 999, startsOn: testDay),
                actor: fixture.officer.id)
        }
    }

    /// Moves the case from referred to closed, exiting on `exitOn` for `reason`.
    static func close(_ fixture: Fixture, _ clientID: Client.ID, exitOn: Day, reason: ExitReason) throws {
        let path: [CasePhase] = [
            .eligibilityCheck, .offered, .intakeAssessment, .planDraft, .contractSigned, .active, .completed,
        ]
        let start = exitOn.adding(days: -(path.count + 1))
        for (index, phase) in path.enumerated() {
            let client = try #require(try fixture.store.client(id: clientID))
            _ = try fixture.store.changePhase(
                clientID: clientID, PhaseChangeDraft(to: phase, on: start.adding(days: index)),
                expectedVersion: client.version, actor: fixture.officer.id)
        }
        let client = try #require(try fixture.store.client(id: clientID))
        _ = try fixture.store.changePhase(
            clientID: clientID, PhaseChangeDraft(to: .closed, on: exitOn, exitReason: reason),
            expectedVersion: client.version, actor: fixture.officer.id)
    }

    @Test func outcomesAreRecordedOnceTheCaseClosedAndMyDayRemindsOfTheFollowUp() throws {
        let fixture = try Fixture()
        let client = try fixture.enrolledClient(arrival: "2024-01-10")
        let store = fixture.store
        let work = OutcomeDraft(recordedOn: day("2025-11-20"), activity: .work, workTime: .full, iscoMajor: "7")
        #expect {
            try store.recordOutcome(clientID: client.id, stage: .exit, work, actor: fixture.officer.id)
        } throws: { error in "\(error)".contains("has not closed") }

        try IntakeStoreTests.close(fixture, client.id, exitOn: day("2025-11-20"), reason: .work)
        #expect(try store.exit(clientID: client.id)?.on == day("2025-11-20"))
        try store.recordOutcome(clientID: client.id, stage: .exit, work, actor: fixture.officer.id)
        // Twelve months on (the fixture's today is 2026-11-23), My day asks for the follow-up.
        let due = try store.worklist(by: fixture.officer.id).filter { $0.kind == .outcomeFollowUp }
        #expect(due.map(\.clientID) == [client.id])
        #expect(due.first?.day == day("2026-11-20"))
        try store.recordOutcome(
            clientID: client.id, stage: .followUp, OutcomeDraft(recordedOn: testDay, activity: .education),
            actor: fixture.officer.id)
        #expect(try store.worklist(by: fixture.officer.id).filter { $0.kind == .outcomeFollowUp }.isEmpty)
        #expect(try store.outcomes(clientID: client.id).map(\.activity) == [.work, .education])
    }

    @Test func noReminderBeforeTheWeekItIsDueNorAfterItLapses() throws {
        for (exitOn, reminded) in [("2025-12-05", false), ("2025-11-28", true), ("2025-08-22", false)] {
            let fixture = try Fixture()
            let client = try fixture.enrolledClient(arrival: "2024-01-10")
            try IntakeStoreTests.close(fixture, client.id, exitOn: day(exitOn), reason: .neither)
            let items = try fixture.store.worklist(by: fixture.officer.id).filter { $0.kind == .outcomeFollowUp }
            #expect(items.isEmpty != reminded, "exit on \(exitOn)")
        }
    }
}

/// What schema 12 added, taken out again so that a file made to look like an older version meets
/// that migration as a real one would.
let undoIntakeOfSchemaTwelve = """
    DROP TABLE participation;
    DROP TABLE partner_organisations;
    DROP TABLE outcomes;
    DROP TABLE work_experience;
    DROP TABLE intake_mappings;
    """
