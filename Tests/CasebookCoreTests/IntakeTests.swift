import CasebookCore
import CasebookText
import CasebookTestSupport
import Testing

/// The intake mapping, work experience, participation, partners and outcomes as Core drafts:
/// every rule from the side of the officer filling the form.
@Suite struct IntakeTests {
    static let complete: IntakeDraft = {
        var draft = IntakeDraft(mappedOn: day("2026-10-01"))
        draft.schoolingYears = 12
        draft.highestLevel = .upperSecondary
        draft.schoolingCountry = "SY"
        draft.levelCompleted = true
        draft.firstLanguageLiteracy = .functional
        draft.latinLiteracy = .basic
        draft.digitalSkills = .everyday
        draft.drivingLicence = .foreign
        draft.careerGoal = "Nurse"
        return draft
    }()

    @Test func aCompleteMappingIsValidAndKeepsEveryField() throws {
        let mapping = try IntakeTests.complete.validated(clientID: 7, today: testDay)
        #expect(mapping.clientID == 7)
        #expect(mapping.highestLevel == .upperSecondary && mapping.schoolingCountry == "SY")
        #expect(mapping.highestCompleted == .upperSecondary)
        #expect(IntakeDraft(mapping) == IntakeTests.complete, "a stored mapping opens as the draft it was")
    }

    @Test func noFormalSchoolingNeedsNoCountryAndKeepsNone() throws {
        var draft = IntakeTests.complete
        draft.schoolingYears = 0
        draft.highestLevel = nil
        let mapping = try draft.validated(clientID: 1, today: testDay)
        #expect(mapping.schoolingCountry == nil && mapping.levelCompleted == nil && mapping.highestCompleted == nil)
    }

    @Test func yearsAtSchoolWithoutALevelAreRefusedBesideTheLevel() {
        var draft = IntakeTests.complete
        draft.highestLevel = nil
        #expect(throws: ValidationFailure<IntakeDraft.Field>.self) { try draft.validated(clientID: 1, today: testDay) }
        do { try draft.validated(clientID: 1, today: testDay) } catch {
            #expect(error.message(for: .highestLevel)?.contains("12 years") == true)
        }
    }

    @Test(arguments: [
        (IntakeDraft.Field.mappedOn, "future"), (.schoolingYears, "range"), (.schoolingCountry, "unknown"),
        (.levelCompleted, "missing"), (.latinLiteracy, "missing"), (.careerGoal, "control"),
    ])
    func eachBrokenFieldIsNamed(field: IntakeDraft.Field, fault: String) {
        var draft = IntakeTests.complete
        switch field {
        case .mappedOn: draft.mappedOn = testDay.adding(days: 1)
        case .schoolingYears: draft.schoolingYears = 31
        case .schoolingCountry: draft.schoolingCountry = "QQ"
        case .levelCompleted: draft.levelCompleted = nil
        case .latinLiteracy: draft.latinLiteracy = nil
        case .careerGoal: draft.careerGoal = "Nurse\u{1B}[2J"
        default: break
        }
        do {
            try draft.validated(clientID: 1, today: testDay)
            Issue.record("\(fault) \(field) was accepted")
        } catch {
            #expect(error.issues.map(\.field) == [field], "\(fault)")
        }
    }

    @Test func workExperienceTakesISCOGroupsOnly() throws {
        let job = try WorkExperienceDraft(title: "Sykepleier", isco: "22", years: 6, country: "SY").validated(
            clientID: 3)
        #expect(job.isco == "22" && ISCO08.majorGroup(of: "22") == "2")
        #expect(throws: ValidationFailure<WorkExperienceDraft.Field>.self) {
            try WorkExperienceDraft(title: "Nurse", isco: "2221", years: 6, country: "SY").validated(clientID: 3)
        }
        #expect(throws: ValidationFailure<WorkExperienceDraft.Field>.self) {
            try WorkExperienceDraft(title: "  ", isco: nil, years: 6, country: "SY").validated(clientID: 3)
        }
    }

    @Test func theISCOTableHasTenMajorAndFortyThreeSubMajorGroups() {
        #expect(ISCO08.majorGroups.count == 10)
        #expect(ISCO08.groups.filter { $0.code.count == 2 }.count == 43)
        for group in ISCO08.groups where group.code.count == 2 {
            #expect(ISCO08.isKnown(String(group.code.prefix(1))), "\(group.code) has its major group")
        }
    }

    // MARK: Profile suggestion

    static func programme(_ profiles: [String]) -> Programme {
        var programme = sampleProgramme()
        programme.profiles = profiles.map { LearnerProfile(id: $0, name: $0, targets: [:]) }
        return programme
    }

    static let norway = programme([
        "no-primary-school", "primary-school", "no-primary-school-upper-secondary-goal",
        "primary-school-upper-secondary-goal", "upper-secondary", "upper-secondary-b2",
    ])
    static let denmark = programme(["du1", "du2", "du3"])

    static func mapping(_ level: ISCEDLevel?, completed: Bool = true, latin: Literacy = .functional) -> IntakeMapping {
        IntakeMapping(
            clientID: 1, mappedOn: testDay, schoolingYears: level == nil ? 0 : 9, highestLevel: level,
            schoolingCountry: level == nil ? nil : "SY", levelCompleted: level == nil ? nil : completed,
            firstLanguageLiteracy: .functional, latinLiteracy: latin, digitalSkills: .basic, drivingLicence: .noLicence,
            careerGoal: "", trainingNeeds: "")
    }

    @Test(arguments: [
        (ISCEDLevel?.none, true, "no-primary-school"), (.primary, true, "no-primary-school"),
        (.lowerSecondary, false, "no-primary-school"), (.lowerSecondary, true, "primary-school"),
        (.upperSecondary, false, "primary-school"), (.upperSecondary, true, "upper-secondary"),
        (.master, false, "upper-secondary"),
    ])
    func norwaySuggestsTheProfileOfTheSchoolingCompleted(level: ISCEDLevel?, completed: Bool, expected: String) {
        let suggestion = ProfileSuggestion.suggest(
            for: IntakeTests.mapping(level, completed: completed), in: IntakeTests.norway)
        #expect(suggestion?.profileID == expected)
    }

    @Test(arguments: [
        (ISCEDLevel.bachelor, Literacy.notLiterate, "du1"), (.bachelor, .functional, "du3"), (.primary, .basic, "du2"),
        (.upperSecondary, .functional, "du3"),
    ])
    func denmarkSuggestsDanishEducationByLiteracyAndSchooling(level: ISCEDLevel, latin: Literacy, expected: String) {
        let suggestion = ProfileSuggestion.suggest(
            for: IntakeTests.mapping(level, latin: latin), in: IntakeTests.denmark)
        #expect(suggestion?.profileID == expected)
    }

    @Test func aProgrammeWithoutProfilesBySchoolingSuggestsNothing() {
        #expect(ProfileSuggestion.suggest(for: IntakeTests.mapping(.bachelor), in: sampleProgramme()) == nil)
    }

    @Test func theMappingDateProposesTheMappingObligationMet() {
        let obligations = [
            Obligation(
                id: 1, party: .authority, category: .mapping, description: "Map", legalBasis: "§ 12", dueOn: testDay),
            Obligation(
                id: 2, party: .authority, category: .employment, description: "Job", legalBasis: "", dueOn: testDay),
        ]
        let proposals = TrackFacts(mappedOn: day("2026-10-01")).proposals(for: obligations)
        #expect(proposals.map(\.obligationID) == [1])
        #expect(proposals.first?.on == day("2026-10-01"))
        #expect(TrackFacts().proposals(for: obligations).isEmpty)
    }

    // MARK: Participation and partners

    @Test func anActivityIsHeldToTheRegisterAndItsDates() throws {
        let draft = ParticipationDraft(
            kind: .mentoring, partner: 4, startsOn: day("2026-09-01"), endsOn: day("2026-12-01"), hours: 20)
        let activity = try draft.validated(clientID: 1, partners: [4], today: testDay)
        #expect(activity.overlaps(from: day("2026-11-01"), to: day("2026-11-30")))
        #expect(!activity.overlaps(from: day("2026-12-02"), to: day("2026-12-31")))
        #expect(throws: ValidationFailure<ParticipationDraft.Field>.self) {
            try draft.validated(clientID: 1, partners: [5], today: testDay)
        }
        var backwards = draft
        backwards.endsOn = day("2026-08-01")
        #expect(throws: ValidationFailure<ParticipationDraft.Field>.self) {
            try backwards.validated(clientID: 1, partners: [4], today: testDay)
        }
        var other = ParticipationDraft(kind: .other, startsOn: testDay)
        #expect(throws: ValidationFailure<ParticipationDraft.Field>.self) {
            try other.validated(clientID: 1, partners: [], today: testDay)
        }
        other.note = "Community garden"
        #expect(try other.validated(clientID: 1, partners: [], today: testDay).note == "Community garden")
    }

    @Test(arguments: ActivityKind.allCases)
    func everyKindHasItsWords(kind: ActivityKind) {
        #expect(!kind.label.isEmpty && !kind.shortLabel.isEmpty && kind.shortLabel.count <= 16)
    }

    @Test func aPartnerNeedsNameAndKind() throws {
        #expect(throws: ValidationFailure<PartnerDraft.Field>.self) { try PartnerDraft(name: "Røde Kors").validated() }
        let partner = try PartnerDraft(name: " Røde Kors ", kind: .association, contact: "Kari, 900 00 000").validated()
        #expect(partner.name == "Røde Kors")
    }

    // MARK: Outcomes

    @Test func theFollowUpIsDueTwelveMonthsAfterExitAndRemindedForThreeMonths() {
        let exit = day("2025-11-20")
        #expect(Outcome.followUpDue(exitOn: exit) == day("2026-11-20"))
        #expect(Outcome.remindsOfFollowUp(exitOn: exit, today: day("2026-11-13")))
        #expect(!Outcome.remindsOfFollowUp(exitOn: exit, today: day("2026-11-12")))
        #expect(Outcome.remindsOfFollowUp(exitOn: exit, today: day("2027-02-20")))
        #expect(!Outcome.remindsOfFollowUp(exitOn: exit, today: day("2027-02-21")))
    }

    @Test func workNeedsFullOrPartTimeAndOnlyWorkHasAnOccupation() throws {
        let exit = day("2026-06-30")
        let work = OutcomeDraft(recordedOn: exit, activity: .work, workTime: .part, iscoMajor: "5")
        #expect(try work.validated(clientID: 1, stage: .exit, exitOn: exit, today: testDay).iscoMajor == "5")
        var noTime = work
        noTime.workTime = nil
        #expect(throws: ValidationFailure<OutcomeDraft.Field>.self) {
            try noTime.validated(clientID: 1, stage: .exit, exitOn: exit, today: testDay)
        }
        let education = OutcomeDraft(recordedOn: exit, activity: .education, iscoMajor: "5")
        #expect(throws: ValidationFailure<OutcomeDraft.Field>.self) {
            try education.validated(clientID: 1, stage: .exit, exitOn: exit, today: testDay)
        }
        let subMajor = OutcomeDraft(recordedOn: exit, activity: .work, workTime: .full, iscoMajor: "52")
        #expect(throws: ValidationFailure<OutcomeDraft.Field>.self) {
            try subMajor.validated(clientID: 1, stage: .exit, exitOn: exit, today: testDay)
        }
    }

    @Test func aFollowUpBeforeItIsDueAndNotReachedAtExitAreRefused() {
        let exit = day("2026-01-15")
        let early = OutcomeDraft(recordedOn: day("2026-11-01"), activity: .education)
        #expect(throws: ValidationFailure<OutcomeDraft.Field>.self) {
            try early.validated(clientID: 1, stage: .followUp, exitOn: exit, today: testDay)
        }
        let unreachable = OutcomeDraft(recordedOn: exit, activity: .notReached)
        #expect(throws: ValidationFailure<OutcomeDraft.Field>.self) {
            try unreachable.validated(clientID: 1, stage: .exit, exitOn: exit, today: testDay)
        }
        #expect(MainActivity.allCases.filter(\.isWorkOrEducation) == [.work, .education, .both])
    }
}
