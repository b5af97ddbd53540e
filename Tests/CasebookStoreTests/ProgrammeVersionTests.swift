import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// A programme version as a preset file gives it: dated, with a profile-bound obligation, a
/// legacy profile, a faster recognition procedure and an admission stop.
private func dated(_ validFrom: String, decision: String = "4m") throws -> Programme {
    var programme = sampleProgramme(decision: decision)
    programme.validFrom = try Day(iso: validFrom)
    programme.languageHours = 0
    programme.recognitionDecisionBasis = .norm
    programme.recognitionVariants = [
        RecognitionVariant(
            id: "fast", name: "Fast", legalBasis: "§ 2", decisionWithin: TimeSpan(2, .months),
            acknowledgeWithin: TimeSpan(2, .weeks))
    ]
    programme.profiles[1].discontinuedFrom = try Day(iso: "2025-05-01")
    programme.profiles[0].repeatHours = 300
    programme.profiles[0].extendableBy = TimeSpan(1, .years)
    programme.profiles[0].languageHoursBasis = .guidance
    programme.obligations[2].profiles = ["advanced"]
    programme.obligations[3].dueBasis = .norm
    programme.civicModules[0].profiles = ["basic"]
    programme.civicTest?.exemptResidence = [.refugee]
    programme.civicTest?.exemptFromAge = 65
    programme.admissionStops = [
        AdmissionStop(
            id: "stop", description: "No admissions", legalBasis: "§ 44 Abs. 4", statuses: [.voluntary],
            from: try Day(iso: "2026-02-09"), until: try Day(iso: "2026-12-31"))
    ]
    return programme
}

@Suite struct ProgrammeVersionTests {
    let fixture: Fixture

    init() throws { fixture = try Fixture() }

    @discardableResult
    func importVersion(_ programme: Programme, text: String, file: String = "sample.toml") throws -> Programme {
        try fixture.store.importProgramme(programme, sourceFile: file, sourceText: text, actor: fixture.admin.id)
            .programme
    }

    @Test func everyNewPartOfAVersionIsStoredAndReadBack() throws {
        let stored = try importVersion(try dated("2021-01-01"), text: "one")
        var expected = try dated("2021-01-01")
        expected.version = 1
        #expect(stored == expected)
        #expect(try fixture.secondConnection().programme(id: "sample", version: 1) == expected)
        #expect(try fixture.store.programmeVersions().first?.validFrom == Day(year: 2021, month: 1, day: 1))
    }

    @Test func aCorrectedVersionKeepsEarlierEnrolmentsAndSaysWhichAppliesFromWhen() throws {
        try importVersion(try dated("2021-01-01"), text: "first")
        let early = try fixture.add("Haddad", "Rasha", number: 1)
        try fixture.store.enrol(
            clientID: early.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "basic")),
            actor: fixture.officer.id)
        try fixture.store.draftContract(
            clientID: early.id, NewContractDraft(settledOn: try Day(iso: "2025-10-01"), draftedOn: testDay),
            actor: fixture.officer.id)

        // The corrected file: a reform from 1 July 2025 with another decision deadline.
        let corrected = try importVersion(try dated("2025-07-01", decision: "3m"), text: "corrected")
        #expect(corrected.version == 2)

        let applied = try #require(try fixture.store.appliedProgramme(forClient: early.id))
        #expect(applied.programme.version == 1 && applied.profile == "basic")
        #expect(applied.validFrom == Day(year: 2021, month: 1, day: 1))
        #expect(
            applied.programme.recognitionDecision.text == "4m",
            "the client's rules are the version they were enrolled under")
        #expect(applied.newer == ProgrammeTimeline.Entry(version: 2, validFrom: try Day(iso: "2025-07-01")))
        #expect(try fixture.store.contract(clientID: early.id)?.programmeVersion == 1)

        // New enrolments are made under the version in force, and the list counts each version's clients.
        let inForce = try #require(try fixture.store.programmesInForce(on: testDay).first)
        #expect(inForce.version == 2)
        let late = try fixture.add("Tesfay", "Yonas", number: 2)
        try fixture.store.enrol(
            clientID: late.id, EnrolmentDraft(ProgrammeChoice("sample", version: inForce.version, profile: "basic")),
            actor: fixture.officer.id)
        #expect(try fixture.store.appliedProgramme(forClient: late.id)?.newer == nil)
        #expect(try fixture.store.programmeVersions().map { [$0.version, $0.enrolled] } == [[2, 1], [1, 1]])
        // On a day before the reform, version 1 was the one in force.
        #expect(try fixture.store.programmesInForce(on: try Day(iso: "2025-06-30")).map(\.version) == [1])
    }

    @Test func aVersionCannotTakeEffectBeforeTheOneItReplaces() throws {
        try importVersion(try dated("2025-07-01"), text: "reform")
        #expect {
            try importVersion(try dated("2024-01-01"), text: "older")
        } throws: { error in
            "\(error)".contains("valid_from 2024-01-01 is before 2025-07-01, the day version 1 of sample took effect")
        }
        #expect(try fixture.store.programmeVersions().count == 1, "nothing half-saved")
        // A correction that takes effect on the same day is a new version.
        #expect(try importVersion(try dated("2025-07-01", decision: "3m"), text: "correction").version == 2)
    }

    @Test func theShippedImportAddsCorrectionsButNeverUndoesAnAdminsOwnVersion() throws {
        let store = fixture.store
        func shipped(_ validFrom: String, _ text: String, file: String = "/usr/share/casebook/programmes/sample.toml")
            throws -> Int?
        {
            try store.importShippedProgramme(
                try dated(validFrom), sourceFile: file, sourceText: text, actor: fixture.admin.id)?.version
        }
        #expect(try shipped("2021-01-01", "v1") == 1)
        #expect(try shipped("2021-01-01", "v1") == nil, "an unchanged file is not imported again")
        #expect(
            try shipped("2021-01-01", "v1 corrected") == 2, "a corrected shipped file replaces its own earlier version")
        // An admin imports a file of their own for the same programme.
        try importVersion(try dated("2024-01-01"), text: "local", file: "/etc/casebook/sample-local.toml")
        #expect(
            try shipped("2024-01-01", "v3 shipped") == nil,
            "a shipped file of the same day does not replace the admin's")
        #expect(try shipped("2021-01-01", "v1") == nil, "an older shipped text never comes back")
        #expect(try shipped("2026-01-01", "v4 reform") == 4, "a shipped reform that takes effect later does")
        // A file imported before Casebook recorded valid_from is replaced by any dated shipped version.
        var undated = try dated("2021-01-01")
        undated.id = "legacy"
        undated.validFrom = nil
        try fixture.store.importProgramme(
            undated, sourceFile: "/old/legacy.toml", sourceText: "old", actor: fixture.admin.id)
        var legacy = try dated("2021-01-01")
        legacy.id = "legacy"
        #expect(
            try store.importShippedProgramme(
                legacy, sourceFile: "/new/legacy.toml", sourceText: "new", actor: fixture.admin.id)?.version == 2)
    }

    @Test func aContractIsDraftedWithTheObligationsOfTheClientsProfile() throws {
        try importVersion(try dated("2021-01-01"), text: "one")
        let basic = try fixture.add("Haddad", "Rasha", number: 1)
        try fixture.store.enrol(
            clientID: basic.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "basic")),
            actor: fixture.officer.id)
        let contract = try fixture.store.draftContract(
            clientID: basic.id, NewContractDraft(settledOn: try Day(iso: "2025-10-01"), draftedOn: testDay),
            actor: fixture.officer.id)
        let descriptions = try fixture.store.obligations(contractID: contract.id).map(\.description)
        #expect(descriptions == ["Offer a course place", "Attend the intake meeting", "Decide the recognition file"])
    }

    @Test(arguments: ProgrammeStatus.allCases)
    func theAdmissionStopWarnsOnlyOnTheEnrolmentOfClientsItConcerns(_ status: ProgrammeStatus) throws {
        let programme = try importVersion(try dated("2021-01-01"), text: "one")
        var draft = Fixture.draft("Haddad", "Rasha", number: 1)
        draft[.programmeStatus] = status.rawValue
        let client = try fixture.store.addClient(draft, actor: fixture.admin.id)
        try fixture.store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "advanced")),
            actor: fixture.officer.id)
        let warnings = try #require(try fixture.store.appliedProgramme(forClient: client.id)).warnings
        let legacy = ProgrammeWarning.profileDiscontinued(profileID: "advanced", since: try Day(iso: "2025-05-01"))
        let stop = try #require(programme.admissionStops.first)
        #expect(warnings == (status == .voluntary ? [.admissionStopped(stop), legacy] : [legacy]))
    }

    @Test func aFileOfSchemaFiveKeepsItsProgrammesWithTheLawAsEveryBasisAndNoDate() throws {
        let folder = TemporaryFolder()
        let path = folder.file("v5.db")
        do {
            let database = try Database(path: path, mode: .create)
            try database.executeScript("PRAGMA application_id = \(casebookApplicationID)")
            for migration in migrations where migration.version <= 5 { try database.executeScript(migration.sql) }
            try database.executeScript(
                """
                PRAGMA user_version = 5;
                INSERT INTO staff (id, username, display_name, role, created_at) VALUES (1, 'admin', 'Ada', 'admin', '2026-01-01T00:00:00Z');
                INSERT INTO programmes (id, version, name, country, language, language_hours, civic_hours, recognition_decision,
                    recognition_acknowledgement, passport_validity, civic_required, civic_test_name, civic_test_questions,
                    civic_test_pass_mark, source_file, source_text, imported_at, imported_by)
                VALUES ('no-introduction', 1, 'Norway', 'NO', 'nb', 550, 75, '4m', '1m', '5y', 1, 'Test', 34, 26, 'no.toml', 'old',
                    '2026-01-01T00:00:00Z', 1);
                INSERT INTO programme_profiles (programme_id, version, profile_id, position, name, language_hours, duration)
                VALUES ('no-introduction', 1, 'primary-school', 0, 'Primary', NULL, '3y');
                INSERT INTO programme_obligations (programme_id, version, position, party, category, description, legal_basis, anchor, due)
                VALUES ('no-introduction', 1, 0, 'authority', 'language', 'Offer', '§ 12', 'settlement', '3m');
                """)
        }
        let store = try Store.open(path: path, mode: .readWrite, clock: testClock)
        #expect(store.schemaVersion == currentSchemaVersion)
        let old = try #require(try store.programme(id: "no-introduction", version: 1))
        #expect(old.validFrom == nil && old.languageBudget(profile: "primary-school") == .hours(550, basis: .law))
        #expect(old.recognitionDecisionBasis == .law && old.obligations.first?.dueBasis == .law)
        #expect(old.obligations.first?.profiles == [] && old.recognitionVariants.isEmpty && old.admissionStops.isEmpty)
        #expect(try store.check().isHealthy)
        // The corrected preset replaces the undated version as version 2.
        var corrected = old
        corrected.validFrom = try Day(iso: "2021-01-01")
        corrected.languageHours = 0
        let imported = try store.importShippedProgramme(corrected, sourceFile: "no.toml", sourceText: "new", actor: 1)
        #expect(imported?.version == 2 && imported?.languageBudget(profile: nil) == .notSetByLaw)
    }
}

/// What schema 6 added to the programme tables, taken out again so that a file made to look
/// like version 4 meets that migration as a real one would.
let undoProgrammesOfSchemaSix = """
    DROP TABLE programme_recognition_variants;
    DROP TABLE programme_admission_stops;
    """
    + [
        ("programmes", "valid_from"), ("programmes", "language_hours_basis"), ("programmes", "civic_hours_basis"),
        ("programmes", "recognition_decision_basis"), ("programmes", "recognition_acknowledgement_basis"),
        ("programmes", "civic_test_exempt_residence"), ("programmes", "civic_test_exempt_from_age"),
        ("programme_profiles", "language_hours_basis"), ("programme_profiles", "extension"),
        ("programme_profiles", "repeat_hours"), ("programme_profiles", "discontinued_from"),
        ("programme_civic_modules", "profiles"), ("programme_obligations", "profiles"),
        ("programme_obligations", "due_basis"),
    ].map { "ALTER TABLE \($0.0) DROP COLUMN \($0.1);" }.joined(separator: "\n")
