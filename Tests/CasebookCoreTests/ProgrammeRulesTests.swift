import Testing

@testable import CasebookCore

private func day(_ text: String) -> Day {
    (try? Day(iso: text)) ?? Day(ordinal: 0)
}

@Suite struct HourBudgetTests {
    @Test(arguments: RuleBasis.allCases)
    func zeroHoursMeanNotSetByLawWhateverTheBasis(_ basis: RuleBasis) {
        #expect(HourBudget(hours: 0, basis: basis) == .notSetByLaw)
        #expect(HourBudget(hours: 0, basis: basis).hours == nil)
        #expect(HourBudget(hours: 600, basis: basis) == .hours(600, basis: basis))
        #expect(HourBudget(hours: 600, basis: basis).hours == 600)
    }

    @Test func whatIsLeftIsCountedOnlyAgainstABudget() {
        #expect(HourBudget.hours(600, basis: .law).remaining(after: 450.5) == 149.5)
        #expect(HourBudget.hours(600, basis: .law).remaining(after: 700) == 0)
        #expect(HourBudget.notSetByLaw.remaining(after: 10) == nil)
    }

    @Test func aProfileOverridesTheProgrammesBudgetWithItsOwnBasis() {
        let programme = Programme(
            id: "p", version: 1, name: "P", country: "NO", languageCode: "nb", languageHours: 0, civicHours: 75,
            recognitionDecision: TimeSpan(4, .months), recognitionAcknowledgement: TimeSpan(1, .months),
            qualificationsPassportValidity: TimeSpan(5, .years), civicRequired: true, civicModules: [], civicTest: nil,
            profiles: [
                LearnerProfile(
                    id: "route", name: "Route", targets: [:], languageHours: 1000, languageHoursBasis: .guidance),
                LearnerProfile(id: "plain", name: "Plain", targets: [:]),
                LearnerProfile(id: "none", name: "None", targets: [:], languageHours: 0),
            ],
            obligations: [])
        #expect(programme.languageBudget(profile: "route") == .hours(1000, basis: .guidance))
        #expect(programme.languageBudget(profile: "plain") == .notSetByLaw)
        #expect(programme.languageBudget(profile: "none") == .notSetByLaw)
        #expect(programme.languageBudget(profile: nil) == .notSetByLaw)
        #expect(programme.civicBudget == .hours(75, basis: .law))
    }
}

@Suite struct ProgrammeTimelineTests {
    let timeline = ProgrammeTimeline([
        .init(version: 3, validFrom: day("2026-01-01")),
        .init(version: 1, validFrom: nil),
        .init(version: 2, validFrom: day("2025-07-01")),
        .init(version: 4, validFrom: day("2026-01-01")),
    ])

    @Test(arguments: [
        ("2020-01-01", 1), ("2025-06-30", 1), ("2025-07-01", 2), ("2025-12-31", 2), ("2026-01-01", 4),
        ("2030-01-01", 4),
    ])
    func theVersionInForceIsTheNewestThatTookEffect(_ on: String, _ version: Int) {
        #expect(timeline.inForce(on: day(on))?.version == version)
    }

    @Test func aVersionThatTakesEffectLaterIsNotYetInForce() {
        let future = ProgrammeTimeline([.init(version: 1, validFrom: day("2027-01-01"))])
        #expect(future.inForce(on: day("2026-12-01")) == nil)
        #expect(future.inForce(on: day("2027-01-01"))?.version == 1)
    }

    @Test func theSuccessorIsTheNextVersion() {
        #expect(timeline.successor(of: 1)?.version == 2)
        #expect(timeline.successor(of: 4) == nil)
    }

    @Test(arguments: [("2025-12-31", false), ("2026-01-01", true), ("2027-01-01", true)])
    func aNewVersionMayNotTakeEffectBeforeTheNewest(_ validFrom: String, _ admitted: Bool) {
        #expect(timeline.admits(validFrom: day(validFrom)) == admitted)
    }

    @Test func undatedVersionsAndAnEmptyTimelineAdmitAnything() {
        #expect(timeline.admits(validFrom: nil))
        #expect(ProgrammeTimeline([]).admits(validFrom: day("1999-01-01")))
        #expect(ProgrammeTimeline([.init(version: 1, validFrom: nil)]).admits(validFrom: day("1999-01-01")))
    }
}

@Suite struct ProgrammeWarningTests {
    let stop = AdmissionStop(
        id: "stop", description: "No admissions", legalBasis: "§ 44 Abs. 4", statuses: [.voluntary],
        from: day("2026-02-09"),
        until: day("2026-12-31"))

    var programme: Programme {
        Programme(
            id: "p", version: 1, name: "P", country: "DE", languageCode: "de", languageHours: 600, civicHours: 100,
            recognitionDecision: TimeSpan(3, .months), recognitionAcknowledgement: TimeSpan(1, .months),
            recognitionVariants: [
                RecognitionVariant(
                    id: "fast", name: "Fast", legalBasis: "§ 81a", decisionWithin: TimeSpan(2, .months),
                    acknowledgeWithin: TimeSpan(2, .weeks))
            ],
            qualificationsPassportValidity: TimeSpan(5, .years), civicRequired: true,
            civicModules: [
                CivicModule(id: "all", name: "All", hours: 100),
                CivicModule(id: "some", name: "Some", hours: nil, profiles: ["general"]),
            ],
            civicTest: nil,
            profiles: [
                LearnerProfile(id: "general", name: "General", targets: [:]),
                LearnerProfile(id: "legacy", name: "Legacy", targets: [:], discontinuedFrom: day("2025-05-01")),
            ],
            obligations: [
                ObligationTemplate(
                    party: .newcomer, category: .language, description: "All", legalBasis: "§ 1", anchor: .enrolment,
                    due: TimeSpan(1, .years)),
                ObligationTemplate(
                    party: .newcomer, category: .employment, description: "General only", legalBasis: "§ 2",
                    anchor: .signature,
                    due: TimeSpan(3, .years), profiles: ["general"]),
            ],
            admissionStops: [stop])
    }

    @Test(arguments: [("2026-02-08", false), ("2026-02-09", true), ("2026-12-31", true), ("2027-01-01", false)])
    func aStopIsInForceFromItsFirstToItsLastDay(_ on: String, _ inForce: Bool) {
        #expect(stop.isInForce(on: day(on)) == inForce)
        var open = stop
        open.until = nil
        #expect(open.isInForce(on: day("2030-01-01")))
    }

    @Test(arguments: ProgrammeStatus.allCases)
    func aStopConcernsOnlyTheStatusesItNames(_ status: ProgrammeStatus) {
        let warnings = programme.warnings(profile: "general", status: status, startedOn: nil, today: day("2026-11-23"))
        #expect(warnings == (status == .voluntary ? [.admissionStopped(stop)] : []))
    }

    @Test func aCourseStartedBeforeTheStopIsNotReachedByIt() {
        #expect(
            programme.warnings(
                profile: "general", status: .voluntary, startedOn: day("2025-10-01"), today: day("2026-11-23")
            ).isEmpty)
        #expect(
            programme.warnings(
                profile: "general", status: .voluntary, startedOn: day("2026-03-01"), today: day("2027-06-01")) == [
                    .admissionStopped(stop)
                ])
    }

    @Test func aDiscontinuedCourseTypeWarnsOnlyForCoursesStartingFromItsEnd() {
        let legacy = ProgrammeWarning.profileDiscontinued(profileID: "legacy", since: day("2025-05-01"))
        #expect(
            programme.warnings(
                profile: "legacy", status: .right, startedOn: day("2025-04-30"), today: day("2026-11-23")
            ).isEmpty)
        #expect(
            programme.warnings(
                profile: "legacy", status: .right, startedOn: day("2025-05-01"), today: day("2026-11-23")) == [legacy])
        #expect(
            programme.warnings(profile: "legacy", status: .voluntary, startedOn: nil, today: day("2026-11-23")) == [
                .admissionStopped(stop), legacy,
            ])
        #expect(programme.openProfiles(on: day("2025-04-30")).map(\.id) == ["general", "legacy"])
        #expect(programme.openProfiles(on: day("2025-05-01")).map(\.id) == ["general"])
    }

    @Test func obligationsAndModulesBoundToAProfileApplyOnlyToIt() {
        #expect(programme.obligations(forProfile: "general").map(\.description) == ["All", "General only"])
        #expect(programme.obligations(forProfile: "legacy").map(\.description) == ["All"])
        #expect(programme.obligations(forProfile: nil).map(\.description) == ["All"])
        #expect(programme.civicModules(forProfile: "legacy").map(\.id) == ["all"])
        #expect(programme.civicModules(forProfile: "general").map(\.id) == ["all", "some"])
    }

    @Test func aVariantHasItsOwnDeadlinesAndAnUnknownOneFallsBackToTheStandard() {
        #expect(programme.recognitionDeadlines(variant: "fast").decision == TimeSpan(2, .months))
        #expect(programme.recognitionDeadlines(variant: "fast").acknowledgement == TimeSpan(2, .weeks))
        #expect(programme.recognitionDeadlines(variant: "slow").decision == TimeSpan(3, .months))
        #expect(programme.recognitionDeadlines(variant: nil).acknowledgement == TimeSpan(1, .months))
    }
}

@Suite struct CivicTestExemptionTests {
    let rule = CivicTestRule(
        name: "Exam", questions: 40, passMark: 32, exemptResidence: [.subsidiaryProtection, .refugee], exemptFromAge: 65
    )

    @Test(arguments: ResidenceCategory.allCases)
    func theResidenceGroundExemptsWhateverTheAge(_ category: ResidenceCategory) {
        let exemption = rule.exemption(residence: category, dateOfBirth: day("1990-05-01"), on: day("2026-11-23"))
        #expect(exemption == ([.refugee, .subsidiaryProtection].contains(category) ? .residence(category) : nil))
    }

    @Test(arguments: [("1961-11-23", true), ("1961-11-24", false), ("1950-01-01", true)])
    func theAgeExemptsFromTheBirthdayOn(_ born: String, _ exempt: Bool) {
        let exemption = rule.exemption(residence: .familyReunification, dateOfBirth: day(born), on: day("2026-11-23"))
        #expect(exemption == (exempt ? .age(65) : nil))
    }

    @Test func theCategoriesKeepOneOrderAndARuleWithoutExemptionsExemptsNobody() {
        #expect(rule.exemptResidence == [.refugee, .subsidiaryProtection])
        let plain = CivicTestRule(name: "Test", questions: 33, passMark: 15)
        #expect(plain.exemption(residence: .refugee, dateOfBirth: day("1940-01-01"), on: day("2026-11-23")) == nil)
    }
}
