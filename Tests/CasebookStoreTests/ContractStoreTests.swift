import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// A client enrolled under the sample programme, with a course that ends on 2027-01-31 and a
/// recognition file that has not been completed yet.
private struct ContractFixture {
    let fixture: Fixture
    let client: Client
    var store: Store { fixture.store }
    var officer: Staff.ID { fixture.officer.id }

    init() throws {
        fixture = try Fixture()
        client = try fixture.enrolledClient(arrival: "2025-08-31")
        try fixture.store.addCourse(
            clientID: client.id,
            CourseDraft(
                provider: "VO", level: .b1, startsOn: day("2026-08-01"), endsOn: day("2027-01-31"), hoursPlanned: 300),
            actor: fixture.officer.id)
    }

    func draft(settled: String = "2025-08-31", drafted: String? = "2026-10-01") throws -> Contract {
        try store.draftContract(
            clientID: client.id, NewContractDraft(settledOn: day(settled), draftedOn: drafted.map { day($0) }),
            actor: officer)
    }

    func obligation(_ description: String) throws -> Obligation {
        let contract = try #require(try store.contract(clientID: client.id))
        return try #require(try store.obligations(contractID: contract.id).first { $0.description == description })
    }
}

@Suite struct ContractStoreTests {
    @Test func aDraftTakesTheProgrammeObligationsWithDueDatesFromTheKnownAnchors() throws {
        let f = try ContractFixture()
        let contract = try f.draft()
        #expect(contract.status == .draft && contract.number == 1 && contract.programmeID == "sample")
        let obligations = try f.store.obligations(contractID: contract.id)
        #expect(
            obligations.map(\.description) == [
                "Offer a course place", "Attend the intake meeting", "Sit the final language test",
                "Decide the recognition file",
            ])
        #expect(obligations.map(\.party) == [.authority, .newcomer, .newcomer, .authority])
        // 2025-08-31 + 3 months clamps to the end of November; the course ends 2027-01-31.
        #expect(obligations.map(\.dueOn) == [day("2025-11-30"), nil, day("2027-02-28"), nil])
        #expect(obligations.allSatisfy { $0.status == .pending })
        #expect(obligations[0].dueRule == "3 months after settlement")

        #expect(throws: StoreError.self) { try f.draft() }
        let stranger = try f.fixture.add("Warsame", "Hodan", number: 2)
        #expect(throws: StoreError.self) {
            try f.store.draftContract(
                clientID: stranger.id, NewContractDraft(settledOn: testDay, draftedOn: testDay), actor: f.officer)
        }
        #expect(throws: StoreError.self) { try f.draft(settled: "2026-11-24") }
    }

    @Test func signingSetsTheDueDatesThatCountFromTheSignature() throws {
        let f = try ContractFixture()
        var contract = try f.draft()
        #expect(throws: StoreError.self) {
            try f.store.signContract(
                id: contract.id, SignatureDraft(newcomer: day("2026-11-02"), authority: nil),
                expectedVersion: contract.version, actor: f.officer)
        }
        #expect(throws: StoreError.self, "before the draft") {
            try f.store.signContract(
                id: contract.id, SignatureDraft(newcomer: day("2026-09-30"), authority: day("2026-11-02")),
                expectedVersion: contract.version, actor: f.officer)
        }
        contract = try f.store.signContract(
            id: contract.id, SignatureDraft(newcomer: day("2026-11-02"), authority: day("2026-11-04")),
            expectedVersion: contract.version, actor: f.officer)
        #expect(contract.status == .active && contract.signedOn == day("2026-11-04"))
        #expect(try f.obligation("Attend the intake meeting").dueOn == day("2026-11-18"))
        #expect(try f.store.contractEvents(contractID: contract.id).map(\.kind) == ["drafted", "signed"])
        // The terms of a contract in force are fixed.
        #expect(throws: StoreError.self) {
            try f.store.addObligation(
                ObligationDraft(
                    party: .authority, category: .housing, description: "Find housing", legalBasis: "", dueOn: nil),
                contractID: contract.id, expectedVersion: contract.version, actor: f.officer)
        }
        #expect(throws: StoreError.self) {
            try f.store.signContract(
                id: contract.id, SignatureDraft(newcomer: testDay, authority: testDay),
                expectedVersion: contract.version, actor: f.officer)
        }
    }

    @Test func amendmentsKeepEveryEarlierVersion() throws {
        let f = try ContractFixture()
        var contract = try f.draft()
        // The draft is edited before signing.
        contract = try f.store.addObligation(
            ObligationDraft(
                party: .authority, category: .interpreter, description: "Provide an Arabic interpreter at meetings",
                legalBasis: "§ 4", dueOn: day("2026-12-01")), contractID: contract.id,
            expectedVersion: contract.version, actor: f.officer)
        contract = try f.store.signContract(
            id: contract.id, SignatureDraft(newcomer: day("2026-10-05"), authority: day("2026-10-05")),
            expectedVersion: contract.version, actor: f.officer)
        try f.store.settleObligation(
            id: try f.obligation("Attend the intake meeting").id,
            SettlementDraft(.met, on: day("2026-10-15"), evidence: "Attended"), expectedVersion: 1, actor: f.officer)

        // Version 2: one obligation rewritten, one removed, one added.
        try f.store.amendContract(
            id: contract.id, AmendmentDraft(reason: "Moved to Bergen"), expectedVersion: contract.version,
            actor: f.officer)
        contract = try #require(try f.store.contract(id: contract.id))
        #expect(contract.status == .amending && contract.number == 2 && contract.signedOn == nil)
        let offer = try f.obligation("Offer a course place")
        try f.store.editObligation(
            id: offer.id,
            ObligationDraft(
                party: .provider, category: .language, description: "Offer a course place in Bergen",
                legalBasis: "§ 12", dueOn: day("2026-12-15")), expectedContractVersion: contract.version,
            actor: f.officer)
        contract = try #require(try f.store.contract(id: contract.id))
        try f.store.removeObligation(
            id: try f.obligation("Provide an Arabic interpreter at meetings").id,
            expectedContractVersion: contract.version, actor: f.officer)
        contract = try #require(try f.store.contract(id: contract.id))
        contract = try f.store.addObligation(
            ObligationDraft(
                party: .newcomer, category: .housing, description: "Report the new address", legalBasis: "",
                dueOn: day("2026-12-01")), contractID: contract.id, expectedVersion: contract.version, actor: f.officer)
        contract = try f.store.signContract(
            id: contract.id, SignatureDraft(newcomer: testDay, authority: testDay), expectedVersion: contract.version,
            actor: f.officer)

        // Version 3 is opened: versions 1 and 2 are kept exactly as they were.
        try f.store.amendContract(
            id: contract.id, AmendmentDraft(reason: "New course plan"), expectedVersion: contract.version,
            actor: f.officer)
        let versions = try f.store.contractVersions(contractID: contract.id)
        #expect(versions.map(\.number) == [1, 2])
        #expect(versions[0].reason == "first version" && versions[1].reason == "Moved to Bergen")
        #expect(versions[0].newcomerSignedOn == day("2026-10-05") && versions[1].authoritySignedOn == testDay)
        #expect(
            versions[0].obligations.map(\.description) == [
                "Offer a course place", "Attend the intake meeting", "Sit the final language test",
                "Decide the recognition file",
                "Provide an Arabic interpreter at meetings",
            ])
        #expect(
            versions[0].obligations.first?.party == .authority
                && versions[0].obligations.first?.dueOn == day("2025-11-30"))
        #expect(
            versions[1].obligations.map(\.description) == [
                "Offer a course place in Bergen", "Attend the intake meeting", "Sit the final language test",
                "Decide the recognition file",
                "Report the new address",
            ])
        #expect(versions[1].obligations.first?.party == .provider && versions[1].obligations[1].status == .met)
        // The settled obligation keeps its outcome through the amendments.
        #expect(try f.obligation("Attend the intake meeting").status == .met)
        #expect(
            try f.store.contractEvents(contractID: contract.id).map(\.kind) == [
                "drafted", "signed", "amended", "signed", "amended",
            ])
        let trail = try f.store.auditTrail(clientID: f.client.id)
        #expect(
            trail.contains {
                $0.entity == "obligation" && $0.field == "terms" && $0.newValue?.contains("in Bergen") == true
            })
        #expect(trail.contains { $0.entity == "obligation" && $0.field == "removed" })
    }

    @Test func settlingFollowsTheRulesAndNeverOverwritesAColleague() throws {
        let f = try ContractFixture()
        let contract = try f.draft()
        let offer = try f.obligation("Offer a course place")
        #expect(throws: StoreError.self, "a waiver needs a reason") {
            try f.store.settleObligation(
                id: offer.id, SettlementDraft(.waived, on: testDay, evidence: ""), expectedVersion: offer.version,
                actor: f.officer)
        }
        #expect(throws: StoreError.self, "not in the future") {
            try f.store.settleObligation(
                id: offer.id, SettlementDraft(.met, on: day("2026-11-24"), evidence: ""),
                expectedVersion: offer.version, actor: f.officer)
        }
        // A colleague marks it met first; the stale write is refused as a conflict naming them.
        let colleague = try f.fixture.secondConnection()
        try colleague.settleObligation(
            id: offer.id, SettlementDraft(.met, on: day("2026-02-01"), evidence: "Place at VO"),
            expectedVersion: offer.version, actor: f.fixture.admin.id)
        do {
            try f.store.settleObligation(
                id: offer.id, SettlementDraft(.breached, on: testDay, evidence: ""), expectedVersion: offer.version,
                actor: f.officer)
            Issue.record("A stale settle was accepted")
        } catch StoreError.conflict(let entity, let by, _) {
            #expect(entity == "obligation" && by == "Ada Admin")
        }
        let settled = try f.obligation("Offer a course place")
        #expect(settled.status == .met && settled.evidence == "Place at VO" && settled.settledOn == day("2026-02-01"))
        #expect(throws: StoreError.self, "settled once") {
            try f.store.settleObligation(
                id: offer.id, SettlementDraft(.breached, on: testDay, evidence: ""), expectedVersion: settled.version,
                actor: f.officer)
        }
        let meeting = try f.obligation("Attend the intake meeting")
        let waived = try f.store.settleObligation(
            id: meeting.id, SettlementDraft(.waived, on: testDay, evidence: "", reason: "Met at home instead"),
            expectedVersion: meeting.version, actor: f.officer)
        #expect(waived.waivedReason == "Met at home instead")
        // An ended contract's obligations are closed.
        let signed = try f.store.signContract(
            id: contract.id, SignatureDraft(newcomer: testDay, authority: testDay), expectedVersion: contract.version,
            actor: f.officer)
        try f.store.endContract(
            id: signed.id, ContractEndDraft(on: testDay, reason: "Moved abroad"), expectedVersion: signed.version,
            actor: f.officer)
        let test = try f.obligation("Sit the final language test")
        #expect(throws: StoreError.self) {
            try f.store.settleObligation(
                id: test.id, SettlementDraft(.met, on: testDay, evidence: ""), expectedVersion: test.version,
                actor: f.officer)
        }
    }

    @Test func aStaleContractEditIsAConflict() throws {
        let f = try ContractFixture()
        let contract = try f.draft()
        _ = try f.store.addObligation(
            ObligationDraft(
                party: .authority, category: .housing, description: "Find housing", legalBasis: "", dueOn: nil),
            contractID: contract.id, expectedVersion: contract.version, actor: f.officer)
        #expect(throws: StoreError.self) {
            try f.store.addObligation(
                ObligationDraft(
                    party: .authority, category: .housing, description: "Find housing again", legalBasis: "", dueOn: nil
                ), contractID: contract.id, expectedVersion: contract.version, actor: f.officer)
        }
        #expect(try f.store.obligations(contractID: contract.id).count == 5)
    }

    @Test func aCompleteFileSetsTheWaitingDueDateAndADecisionProposesMarkingItMet() throws {
        let f = try ContractFixture()
        let contract = try f.draft()
        #expect(try f.obligation("Decide the recognition file").dueOn == nil)
        var file = try f.store.addQualification(
            clientID: f.client.id,
            QualificationDraft(
                title: "Bachelor of Nursing", field: "Health", country: "SY", institution: "Damascus University",
                year: 2012, iscedLevel: 6, hasDocuments: true, isRegulatedProfession: true,
                identifiedOn: day("2026-05-01")), actor: f.officer)
        let steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2026-05-02")), .init(to: .translation, on: day("2026-05-20")),
            .init(to: .routeChosen, on: day("2026-06-01"), route: .regulatedProfession),
            .init(to: .submitted, on: day("2026-06-10")), .init(to: .acknowledged, on: day("2026-06-20")),
            .init(to: .underAssessment, on: day("2026-06-30")),
        ]
        for step in steps {
            file = try f.store.stepQualification(id: file.id, step, expectedVersion: file.version, actor: f.officer)
        }
        // Four months after the complete file of 30 June.
        let decide = try f.obligation("Decide the recognition file")
        #expect(decide.dueOn == day("2026-10-30"))
        #expect(
            try f.store.trackFacts(clientID: f.client.id).proposals(
                for: try f.store.obligations(contractID: contract.id)
            ).isEmpty)

        file = try f.store.stepQualification(
            id: file.id, RecognitionStepDraft(to: .fullRecognition, on: day("2026-11-10")),
            expectedVersion: file.version, actor: f.officer)
        let proposals = try f.store.trackFacts(clientID: f.client.id).proposals(
            for: try f.store.obligations(contractID: contract.id))
        #expect(proposals.map(\.obligationID) == [decide.id])
        #expect(proposals.first?.on == day("2026-11-10"))
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct WorklistTests {
    @Test func theWorklistHoldsExactlyTheOfficersItemsOfTheDay() throws {
        let fixture = try Fixture()
        let store = fixture.store
        let me = fixture.officer.id
        let colleague = try store.addStaff(
            username: "bnilsen", displayName: "Berit Nilsen", role: .officer, actor: fixture.admin.id)
        try store.importProgramme(sampleProgramme(), sourceFile: "a", sourceText: "one", actor: fixture.admin.id)

        // Haddad: a contract with an overdue authority obligation, a newcomer one due in 3 days,
        // one met, and a recent contact.
        let haddad = try fixture.add("Haddad", "Rasha", number: 1, officer: me, arrival: "2025-08-31")
        try store.enrol(
            clientID: haddad.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "basic")), actor: me)
        var contract = try store.draftContract(
            clientID: haddad.id, NewContractDraft(settledOn: day("2025-08-31"), draftedOn: day("2026-10-01")), actor: me
        )
        contract = try store.addObligation(
            ObligationDraft(
                party: .newcomer, category: .employment, description: "Register with the job centre", legalBasis: "",
                dueOn: testDay.adding(days: 3)), contractID: contract.id, expectedVersion: contract.version, actor: me)
        contract = try store.signContract(
            id: contract.id, SignatureDraft(newcomer: day("2026-11-02"), authority: day("2026-11-02")),
            expectedVersion: contract.version, actor: me)
        let meeting = try #require(try store.obligations(contractID: contract.id).first { $0.category == .meeting })
        try store.settleObligation(
            id: meeting.id, SettlementDraft(.met, on: day("2026-11-10"), evidence: ""),
            expectedVersion: meeting.version, actor: me)
        try store.addNote(
            clientID: haddad.id, NoteDraft(contact: .meeting, date: day("2026-11-10"), summary: "Intake"), actor: me)

        // Müller: a follow-up due yesterday, one done, one next week; last contact 40 days ago.
        let muller = try fixture.add("Müller", "Maricel", number: 2, officer: me)
        try store.addNote(
            clientID: muller.id,
            NoteDraft(
                contact: .phone, date: testDay.adding(days: -40), summary: "Call back about housing",
                followUpOn: testDay.adding(days: -1)), actor: me)
        let done = try store.addNote(
            clientID: muller.id,
            NoteDraft(
                contact: .phone, date: testDay.adding(days: -45), summary: "Done already",
                followUpOn: testDay.adding(days: -2)), actor: me)
        try store.completeFollowUp(noteID: done.id, actor: me)
        try store.addNote(
            clientID: muller.id,
            NoteDraft(
                contact: .email, date: testDay.adding(days: -50), summary: "Later", followUpOn: testDay.adding(days: 7)),
            actor: me)

        // Ødegård: permit expires in 60 days (on the list) and contact today.
        var draft = Fixture.draft("Ødegård", "Siriporn", number: 3, officer: me)
        draft[.permitExpiry] = testDay.adding(days: 60).iso
        let odegard = try store.addClient(draft, actor: fixture.admin.id)
        try store.addNote(clientID: odegard.id, NoteDraft(contact: .meeting, date: testDay, summary: "Fine"), actor: me)
        // Sørensen: permit expires in 61 days (not yet), contact today.
        var later = Fixture.draft("Sørensen", "Wanida", number: 4, officer: me)
        later[.permitExpiry] = testDay.adding(days: 61).iso
        let sorensen = try store.addClient(later, actor: fixture.admin.id)
        try store.addNote(
            clientID: sorensen.id, NoteDraft(contact: .meeting, date: testDay, summary: "Fine"), actor: me)

        // A colleague's client and a closed case of mine never appear.
        let other = try fixture.add("Warsame", "Hodan", number: 5, officer: colleague.id)
        try store.addNote(
            clientID: other.id,
            NoteDraft(
                contact: .phone, date: testDay.adding(days: -90), summary: "Old", followUpOn: testDay.adding(days: -5)),
            actor: me)
        var closed = try fixture.add("Nguyễn", "Thị Ánh", number: 6, officer: me)
        for phase in [CasePhase.eligibilityCheck, .notEligible] {
            closed = try store.changePhase(
                clientID: closed.id, PhaseChangeDraft(to: phase, on: testDay), expectedVersion: closed.version,
                actor: me)
        }
        try store.addNote(
            clientID: closed.id,
            NoteDraft(
                contact: .phone, date: testDay.adding(days: -90), summary: "Old", followUpOn: testDay.adding(days: -5)),
            actor: me)

        let items = try store.worklist(by: me)
        let summary = items.map {
            "\($0.kind.rawValue) \($0.caseNumber) \($0.day?.iso ?? "-") \($0.party?.rawValue ?? "-") \($0.text)"
        }
        #expect(
            summary == [
                "overdue 2026-000001 2025-11-30 authority Offer a course place",
                "due_soon 2026-000001 2026-11-26 newcomer Register with the job centre",
                "follow_up 2026-000002 2026-11-22 - Call back about housing",
                "permit 2026-000003 2027-01-22 - Residence permit expires in 60 days",
                "no_contact 2026-000002 2026-10-14 - No contact since 2026-10-14 (40 days)",
            ])
        #expect(items.first?.obligationID != nil)
        #expect(try store.worklist(by: colleague.id).map(\.kind) == [.followUp, .noContact])
    }
}
