#if canImport(Glibc)
    import Glibc
#endif
import CasebookCore
import CasebookStore
import Testing

/// A fresh temporary folder, removed when released.
package final class TemporaryFolder {
    package let path: String

    package init() {
        var template = Array("/tmp/casebook-test-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { buffer in
            guard let made = mkdtemp(buffer.baseAddress!) else { return "/tmp" }
            return String(cString: made)
        }
    }

    package func file(_ name: String) -> String { path + "/" + name }

    deinit { _ = system("rm -rf '\(path)'") }
}

/// Monday 23 November 2026, 09:00 UTC: the day every test lives on.
package let testDay = Day(year: 2026, month: 11, day: 23)!
package let testClock = FixedClock(today: testDay)

/// The day an ISO date written in a test names ("2026-11-23"); a malformed one fails the test
/// where it is written (and stands for `testDay`, so that the test can go on to report more).
package func day(_ iso: String, sourceLocation: SourceLocation = #_sourceLocation) -> Day {
    do { return try Day(iso: iso) } catch {
        Issue.record("\(iso) is not a day (YYYY-MM-DD)", sourceLocation: sourceLocation)
        return testDay
    }
}

/// A new case file on a fixed clock, with an admin (`admin`) and an officer (`okarlsen`).
package struct Fixture {
    package let folder = TemporaryFolder()
    package let store: Store
    package let admin: Staff
    package let officer: Staff

    package init(clock: any Clock = testClock) throws {
        store = try Store.open(path: folder.file("case.db"), mode: .create, clock: clock)
        try store.bootstrapAdmin(username: "admin", displayName: "Ada Admin")
        guard let admin = try store.staff(username: "admin") else { throw StoreError.unknownStaff("admin") }
        self.admin = admin
        officer = try store.addStaff(username: "okarlsen", displayName: "Ola Karlsen", role: .officer, actor: admin.id)
    }

    /// A copy of the case file at `path`, one a test built once (`admin` and `officer` are that
    /// file's), made by `VACUUM INTO` through a connection of its own: copying a prepared file is
    /// far cheaper than creating and migrating a new one for every case of a walk.
    package init(copying path: String, admin: Staff, officer: Staff, clock: any Clock = testClock) throws {
        let copy = folder.file("case.db")
        try Store.open(path: path, mode: .readOnly, clock: clock).database.execute("VACUUM INTO ?", [copy])
        store = try Store.open(path: copy, mode: .readWrite, clock: clock)
        self.admin = admin
        self.officer = officer
    }

    /// Another connection to the same file, as a second Casebook process would have.
    package func secondConnection() throws -> Store {
        try Store.open(path: store.path, mode: .readWrite, clock: store.clock)
    }

    package static func draft(
        _ family: String, _ given: String, number: Int, other: String = "", officer: Staff.ID? = nil,
        country: String = "SY", arrival: String = "2025-09-14"
    ) -> ClientDraft {
        ClientDraft(
            values: [
                .caseNumber: CaseNumber(year: 2026, sequence: number)?.text ?? "", .familyName: family,
                .givenNames: given, .otherNames: other, .dateOfBirth: "1990-05-01", .sex: "F",
                .countryOfBirth: country, .nationality: country, .languages: "ar", .arrivalDate: arrival,
                .residenceCategory: "refugee", .programmeStatus: "right_and_obligation",
            ], officerID: officer)
    }

    @discardableResult
    package func add(
        _ family: String, _ given: String, number: Int, other: String = "", officer: Staff.ID? = nil,
        country: String = "SY", arrival: String = "2025-09-14"
    ) throws -> Client {
        try store.addClient(
            Fixture.draft(
                family, given, number: number, other: other, officer: officer, country: country, arrival: arrival),
            actor: admin.id)
    }
}

extension Fixture {
    /// Haddad, Rasha (case 1), the officer's client, enrolled in the basic profile of the sample
    /// programme (imported here).
    package func enrolledClient(arrival: String = "2025-09-14") throws -> Client {
        try store.importProgramme(sampleProgramme(), sourceFile: "sample.toml", sourceText: "sample", actor: admin.id)
        let client = try add("Haddad", "Rasha", number: 1, officer: officer.id, arrival: arrival)
        try store.enrol(clientID: client.id, Fixture.sampleBasic, actor: officer.id)
        return client
    }

    /// A variant recognition procedure as Germany's accelerated skilled-worker procedure has it:
    /// the decision within two months, the acknowledgement within two weeks.
    package static let acceleratedProcedure = RecognitionVariant(
        id: "accelerated", name: "Accelerated procedure", legalBasis: "AufenthG § 81a",
        decisionWithin: TimeSpan(2, .months), acknowledgeWithin: TimeSpan(2, .weeks))

    /// The basic profile of the sample programme (`sampleProgramme()`, imported as version 1).
    package static let sampleBasic = EnrolmentDraft(ProgrammeChoice("sample", version: 1, profile: "basic"))

    /// Records a certified assessment of `clientID` in `skill` at `level` on `date`, by the officer.
    @discardableResult
    package func assess(
        _ clientID: Client.ID, _ skill: Skill, _ level: CEFRLevel, on date: String, instrument: String = "Norskprøven",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> LanguageAssessment? {
        try store.addAssessment(
            clientID: clientID,
            AssessmentDraft(
                on: day(date, sourceLocation: sourceLocation), skills: [skill], level: level, instrument: instrument,
                provider: "VO", isCertified: true),
            actor: officer.id
        ).first
    }
}

/// The problems of a Store refusal of a draft whose fields are `Field`s, or nil for any other error.
package func issues<Field: DraftField>(_ error: any Error, of field: Field.Type = Field.self) -> [FieldIssue<Field>]? {
    guard case .invalid(let failure as ValidationFailure<Field>)? = error as? StoreError else { return nil }
    return failure.issues
}

/// True when `error` is the Store refusing a draft beside `field` (with a message holding `text`).
package func refuses<Field: DraftField>(_ error: any Error, _ field: Field, _ text: String = "") -> Bool {
    issues(error, of: Field.self)?.contains { $0.field == field && (text.isEmpty || $0.message.contains(text)) } == true
}

/// The bytes of a file, to prove it was left untouched.
package func contents(of path: String) -> [UInt8] {
    DatabaseFile.contents(of: path) ?? []
}

package func write(_ text: String, to path: String) {
    guard let file = fopen(path, "wb") else { return }
    fputs(text, file)
    fclose(file)
}

/// Runs SQL through the sqlite3 shell, as someone editing the file by hand would.
package func sqliteShell(_ path: String, _ sql: String) -> Int32 {
    system("sqlite3 '\(path)' \"\(sql)\" >/dev/null 2>&1")
}

/// A small programme for tests: two profiles, one civic module with a scored test, a
/// four-month decision rule, four obligations on both sides (one per kind of anchor), and the
/// recognition `variants` asked for (none unless asked).
package func sampleProgramme(decision: String = "4m", variants: [RecognitionVariant] = []) -> Programme {
    Programme(
        id: "sample", version: 0, name: "Sample programme", country: "NO", languageCode: "nb", languageHours: 550,
        civicHours: 50, recognitionDecision: TimeSpan(decision) ?? TimeSpan(4, .months),
        recognitionAcknowledgement: TimeSpan(1, .months), recognitionVariants: variants,
        qualificationsPassportValidity: TimeSpan(5, .years),
        civicRequired: true, civicModules: [CivicModule(id: "social", name: "Social studies", hours: 50)],
        civicTest: CivicTestRule(name: "Social studies test", questions: 34, passMark: 26),
        profiles: [
            LearnerProfile(
                id: "basic", name: "Basic",
                targets: [
                    .listening: .a2, .reading: .a2, .spokenInteraction: .b1, .spokenProduction: .b1, .writing: .a2,
                ], languageHours: 600),
            LearnerProfile(
                id: "advanced", name: "Advanced",
                targets: Dictionary(uniqueKeysWithValues: Skill.core.map { ($0, CEFRLevel.b1) })),
        ],
        obligations: [
            ObligationTemplate(
                party: .authority, category: .language, description: "Offer a course place", legalBasis: "§ 12",
                anchor: .settlement, due: TimeSpan(3, .months)),
            ObligationTemplate(
                party: .newcomer, category: .meeting, description: "Attend the intake meeting", legalBasis: "§ 15",
                anchor: .signature, due: TimeSpan(14, .days)),
            ObligationTemplate(
                party: .newcomer, category: .language, description: "Sit the final language test", legalBasis: "§ 17",
                anchor: .courseEnd, due: TimeSpan(1, .months)),
            ObligationTemplate(
                party: .authority, category: .recognition, description: "Decide the recognition file",
                legalBasis: "§ 30", anchor: .recognitionComplete, due: TimeSpan(4, .months)),
        ])
}
