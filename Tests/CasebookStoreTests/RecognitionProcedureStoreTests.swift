import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// A recognition file under a variant procedure of its programme (issue 18): stored with the
/// file, and its deadlines used for the decision due date, the authority's obligation on the
/// contract, My day, the overdue check and the dashboard's decisions in time.
@Suite struct RecognitionProcedureStoreTests {
    let fixture: Fixture
    let client: Client

    /// Haddad, Rasha enrolled in the sample programme with the accelerated procedure, her
    /// contract drafted (the authority decides a complete file within four months, or two).
    init() throws {
        fixture = try Fixture()
        try fixture.store.importProgramme(
            sampleProgramme(variants: [Fixture.acceleratedProcedure]), sourceFile: "sample.toml", sourceText: "sample",
            actor: fixture.admin.id)
        client = try fixture.add("Haddad", "Rasha", number: 1, officer: fixture.officer.id)
        try fixture.store.enrol(clientID: client.id, Fixture.sampleBasic, actor: fixture.officer.id)
        try fixture.store.draftContract(
            clientID: client.id, NewContractDraft(settledOn: day("2025-09-14"), draftedOn: day("2025-10-01")),
            actor: fixture.officer.id)
    }

    /// A file under `procedure`, stepped to complete on `complete` (and decided on `decided`).
    @discardableResult
    func file(_ procedure: String?, complete: String, decided: String? = nil) throws -> Qualification {
        let store = fixture.store
        var file = try store.addQualification(
            clientID: client.id,
            QualificationDraft(
                title: "Nursing", country: "SY", year: 2012, iscedLevel: 6, isRegulatedProfession: true,
                identifiedOn: day("2026-06-01"), procedure: procedure),
            actor: fixture.officer.id)
        var steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2026-06-02")), .init(to: .translation, on: day("2026-06-03")),
            .init(to: .routeChosen, on: day("2026-06-04"), route: .regulatedProfession),
            .init(to: .submitted, on: day("2026-06-05")), .init(to: .acknowledged, on: day("2026-06-06")),
            .init(to: .underAssessment, on: day(complete)),
        ]
        if let decided { steps.append(.init(to: .fullRecognition, on: day(decided))) }
        for step in steps {
            file = try store.stepQualification(
                id: file.id, step, expectedVersion: file.version, actor: fixture.officer.id)
        }
        return file
    }

    var decisionObligation: Obligation {
        get throws {
            let contract = try #require(try fixture.store.contract(clientID: client.id))
            return try #require(
                try fixture.store.obligations(contractID: contract.id).first { $0.anchor == .recognitionComplete })
        }
    }

    @Test func theAcceleratedFileIsStoredAndDueWithinTwoMonths() throws {
        let file = try file("accelerated", complete: "2026-09-01")
        #expect(try fixture.store.qualification(id: file.id)?.variant == "accelerated")
        #expect(file.decisionDue == day("2026-11-01"))
        // Overdue on 2026-11-23 under the accelerated procedure: the overdue check, the contract
        // and My day all say so.
        #expect(try fixture.store.clientsWithOverdueRecognition([client.id]) == [client.id])
        let obligation = try decisionObligation
        #expect(obligation.dueOn == day("2026-11-01") && obligation.offset == TimeSpan(2, .months))
        let items = try fixture.store.worklist(by: fixture.officer.id)
        #expect(items.contains { $0.kind == .overdueObligation && $0.obligationID == obligation.id })
    }

    @Test func theStandardFileOfTheSameProgrammeKeepsItsFourMonths() throws {
        let file = try file(nil, complete: "2026-09-01")
        #expect(try fixture.store.qualification(id: file.id)?.variant == nil)
        #expect(file.decisionDue == day("2027-01-01"))
        #expect(try fixture.store.clientsWithOverdueRecognition([client.id]).isEmpty)
        let obligation = try decisionObligation
        #expect(obligation.dueOn == day("2027-01-01") && obligation.offset == TimeSpan(4, .months))
        #expect(try !fixture.store.worklist(by: fixture.officer.id).contains { $0.obligationID == obligation.id })
    }

    @Test(arguments: [("accelerated", false), (nil, true)] as [(String?, Bool)])
    func theDashboardTimesTheDecisionByTheFilesProcedure(procedure: String?, inTime: Bool) throws {
        // Decided after two and a half months: late in the accelerated procedure, in time in the standard one.
        try file(procedure, complete: "2026-09-01", decided: "2026-11-15")
        let board = try fixture.store.figures.dashboard(DashboardFilter.lastTwelveMonths(today: testDay))
        #expect(board.decidedInTime == Share(inTime ? 1 : 0, of: 1))
        #expect(board.clients(behind: inTime ? .decidedInTime : .decidedLate) == [client.id])
    }

    @Test func aProcedureNotOfTheClientsProgrammeIsRefusedAndNothingIsSaved() throws {
        let other = try fixture.add("Karimi", "Omid", number: 2, officer: fixture.officer.id)
        let store = fixture.store
        let draft = QualificationDraft(
            title: "BSc", country: "SY", year: 2012, iscedLevel: 6, identifiedOn: testDay, procedure: "fast-track")
        #expect {
            try store.addQualification(clientID: client.id, draft, actor: fixture.officer.id)
        } throws: { refuses($0, QualificationDraft.Field.procedure, "Accelerated procedure") }
        // Not enrolled: only the standard procedure exists for the file.
        var accelerated = draft
        accelerated.procedure = "accelerated"
        #expect {
            try store.addQualification(clientID: other.id, accelerated, actor: fixture.officer.id)
        } throws: { refuses($0, QualificationDraft.Field.procedure) }
        #expect(
            try store.qualifications(clientID: client.id).isEmpty && store.qualifications(clientID: other.id).isEmpty)
    }

    @Test func theProcedureChangedLaterMovesTheDecisionDueDateTheContractAndTheAudit() throws {
        let store = fixture.store
        let complete = try file(nil, complete: "2026-09-01")
        #expect(complete.decisionDue == day("2027-01-01"))
        let changed = try store.changeQualificationProcedure(
            id: complete.id, RecognitionProcedureDraft(procedure: "accelerated"), expectedVersion: complete.version,
            actor: fixture.officer.id)
        let saved = try #require(try store.qualification(id: complete.id))
        #expect(saved == changed)
        #expect(saved.variant == "accelerated" && saved.decisionDue == day("2026-11-01"))
        #expect(saved.stage == .underAssessment && saved.version == complete.version + 1)
        let obligation = try decisionObligation
        #expect(obligation.dueOn == day("2026-11-01") && obligation.offset == TimeSpan(2, .months))
        #expect(try store.clientsWithOverdueRecognition([client.id]) == [client.id])
        let trail = try store.auditTrail(clientID: client.id, by: fixture.officer.id)
        #expect(trail.contains { $0.field == "procedure" && $0.oldValue == "standard" && $0.newValue == "accelerated" })
        // And back: the standard four months again.
        let back = try store.changeQualificationProcedure(
            id: saved.id, RecognitionProcedureDraft(procedure: nil), expectedVersion: saved.version,
            actor: fixture.officer.id)
        #expect(back.variant == nil && back.decisionDue == day("2027-01-01"))
        #expect(try decisionObligation.dueOn == day("2027-01-01"))
    }

    @Test func aColleaguesEditIsNotOverwrittenAndADecidedFileKeepsItsProcedure() throws {
        let store = fixture.store
        let open = try file(nil, complete: "2026-09-01")
        try store.stepQualification(
            id: open.id, RecognitionStepDraft(to: .fullRecognition, on: day("2026-10-01")),
            expectedVersion: open.version, actor: fixture.officer.id)
        #expect {
            try store.changeQualificationProcedure(
                id: open.id, RecognitionProcedureDraft(procedure: "accelerated"), expectedVersion: open.version,
                actor: fixture.officer.id)
        } throws: { error in
            guard case .conflict = error as? StoreError else { return false }
            return true
        }
        let decided = try #require(try store.qualification(id: open.id))
        #expect {
            try store.changeQualificationProcedure(
                id: open.id, RecognitionProcedureDraft(procedure: "accelerated"), expectedVersion: decided.version,
                actor: fixture.officer.id)
        } throws: { refuses($0, RecognitionProcedureDraft.Field.procedure, "decided") }
        #expect(try store.qualification(id: open.id) == decided)
    }

    /// A file of `client` stepped to Submitted on 2026-11-03 under `procedure`.
    @discardableResult
    func submitted(_ procedure: String?, client: Client, title: String = "Nursing") throws -> Qualification {
        let store = fixture.store
        var file = try store.addQualification(
            clientID: client.id,
            QualificationDraft(
                title: title, country: "SY", year: 2012, iscedLevel: 6, identifiedOn: day("2026-10-01"),
                procedure: procedure),
            actor: fixture.officer.id)
        let steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2026-10-02")), .init(to: .translation, on: day("2026-10-03")),
            .init(to: .routeChosen, on: day("2026-10-04"), route: .academic),
            .init(to: .submitted, on: day("2026-11-03")),
        ]
        for step in steps {
            file = try store.stepQualification(
                id: file.id, step, expectedVersion: file.version, actor: fixture.officer.id)
        }
        return file
    }

    /// On 2026-11-23 the accelerated procedure's two weeks ran out on 2026-11-17; the standard
    /// month runs to 2026-12-03. A client in no programme owes nothing known.
    @Test func aLateAcknowledgementIsTheAuthoritysOverdueItemInMyDayAndOnTheDashboard() throws {
        let store = fixture.store
        try submitted("accelerated", client: client, title: "Nursing")
        try submitted(nil, client: client, title: "Midwifery")
        let outside = try fixture.add("Karimi", "Omid", number: 2, officer: fixture.officer.id)
        try submitted(nil, client: outside)

        let late = try store.worklist(by: fixture.officer.id).filter { $0.kind == .lateAcknowledgement }
        #expect(late.count == 1)
        let item = try #require(late.first)
        #expect(item.clientID == client.id && item.party == .authority && item.day == day("2026-11-17"))
        #expect(item.text.contains("Nursing") && item.kind.isOverdue)

        let board = try store.figures.dashboard(DashboardFilter.lastTwelveMonths(today: testDay))
        #expect(board.acknowledgementsLate == 1)
        #expect(board.clients(behind: .acknowledgementLate) == [client.id])
        // Another officer's caseload does not list it.
        let colleague = try store.addStaff(
            username: "bnilsen", displayName: "B Nilsen", role: .officer, actor: fixture.admin.id)
        #expect(try !store.worklist(by: colleague.id).contains { $0.kind == .lateAcknowledgement })
    }
}
