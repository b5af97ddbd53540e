import CasebookCore
import CasebookStore
import CasebookTestSupport
import Foundation
import Testing

@testable import CasebookTUI

/// A case file with hand-made clients in every script the screens must align, an app on a
/// virtual terminal, and a clock that only moves when the test says so.
final class UIFixture {
    let base: Fixture
    var store: Store { base.store }
    var time = 0.0
    private(set) var clients: [String: Client] = [:]

    init(populated: Bool = true) throws {
        base = try Fixture()
        guard populated else { return }
        defer { _ = try? base.store.analyze() }
        let o = base.officer.id
        let people: [(String, String, String, Staff.ID?, String, String)] = [
            ("Ødegård", "Siriporn", "", o, "TH", "2025-02-15"),
            ("Müller", "Maricel", "", o, "PH", "2024-11-03"),
            ("Sørensen", "Wanida", "", nil, "TH", "2026-10-01"),
            ("الحسن", "فاطمة", "Al-Hassan, Fatima", o, "SY", "2025-09-14"),
            ("Nguyễn", "Thị Ánh", "", nil, "VN", "2026-01-20"),
            ("王", "小明", "Wang, Xiaoming", o, "CN", "2025-06-01"),
            ("ገብረሂወት", "ሰላም", "Gebrehiwet, Selam", o, "ER", "2024-05-30"),
            ("Шевченко", "Олена", "Shevchenko, Olena", nil, "UA", "2026-03-08"),
            ("احمدی", "زهرا", "Ahmadi, Zahra", o, "AF", "2025-12-11"),
            ("Warsame", "Hodan", "", nil, "SO", "2023-08-21"),
            ("Haddad", "Rasha", "", o, "SY", "2025-03-02"),
            ("Lefe\u{300}vre", "Zoe\u{308}", "", nil, "FR", "2026-07-07"),
        ]
        for (index, person) in people.enumerated() {
            var draft = Fixture.draft(
                person.0, person.1, number: index + 1, other: person.2, officer: person.3, country: person.4,
                arrival: person.5)
            if person.0 == "Haddad" {
                draft[.vulnerabilities] = "trauma, single_parent"
                draft[.phone] = "+47 912 34 567"
                draft[.permitExpiry] = "2026-12-20"
            }
            clients[person.0] = try store.addClient(draft, actor: base.admin.id)
        }
        try tracks()
        try contract()
        try intake()
        // Haddad's case has come a long way; Warsame's ended.
        try advance(
            "Haddad", through: [.eligibilityCheck, .offered, .intakeAssessment, .planDraft, .contractSigned, .active])
        try advance(
            "Warsame",
            through: [.eligibilityCheck, .offered, .intakeAssessment, .planDraft, .contractSigned, .active, .completed])
        try advance("Müller", through: [.eligibilityCheck])
    }

    /// Haddad is enrolled under the sample programme with assessments, a course, a recognition
    /// file past its deadline and civic sessions; Müller with a file in time.
    private func tracks() throws {
        let store = base.store
        let officer = base.officer.id
        try store.importProgramme(
            sampleProgramme(), sourceFile: "sample.toml", sourceText: "sample", actor: base.admin.id)
        for family in ["Haddad", "Müller", "Ødegård"] {
            try store.enrol(clientID: client(family).id, Fixture.sampleBasic, actor: officer)
        }
        let haddad = client("Haddad").id
        func assess(_ skills: [Skill], _ level: CEFRLevel, _ date: String, _ instrument: String) throws {
            try store.addAssessment(
                clientID: haddad,
                AssessmentDraft(
                    on: day(date), skills: skills, level: level, instrument: instrument, provider: "Oslo VO",
                    isCertified: instrument == "Norskprøven"),
                actor: officer)
        }
        try assess(Skill.core, .a1, "2025-04-10", "Placement test")
        try assess([.listening, .reading, .writing], .a2, "2026-06-15", "Norskprøven")
        try assess([.spokenInteraction], .a2Plus, "2026-06-15", "Norskprøven")
        let course = try store.addCourse(
            clientID: haddad,
            CourseDraft(
                provider: "Oslo VO", level: .b1, startsOn: day("2026-08-01"), endsOn: day("2027-01-31"),
                hoursPlanned: 300),
            actor: officer)
        for (date, attended, absence) in [
            ("2026-08-01", 40.0, AbsenceKind?.none), ("2026-09-01", 32, .sick), ("2026-10-01", 36, .childSick),
            ("2026-11-01", 20, .unexcused),
        ] {
            try store.addAttendance(
                clientID: haddad,
                AttendanceDraft(
                    course: course.id, date: day(date), scheduled: 40, attended: attended, absence: absence),
                actor: officer)
        }
        var file = try store.addQualification(
            clientID: haddad,
            QualificationDraft(
                title: "Bachelor of Nursing", field: "Health", country: "SY", institution: "Damascus University",
                year: 2012, iscedLevel: 6, hasDocuments: true, isRegulatedProfession: true,
                identifiedOn: day("2026-05-01")),
            actor: officer)
        let steps: [RecognitionStepDraft] = [
            .init(to: .gatheringDocuments, on: day("2026-05-02")), .init(to: .translation, on: day("2026-05-20")),
            .init(to: .routeChosen, on: day("2026-06-01"), route: .regulatedProfession),
            .init(to: .submitted, on: day("2026-06-10")), .init(to: .acknowledged, on: day("2026-06-20")),
            .init(to: .underAssessment, on: day("2026-07-01"), note: "all documents in"),
        ]
        for step in steps {
            file = try store.stepQualification(id: file.id, step, expectedVersion: file.version, actor: officer)
        }
        try store.addQualification(
            clientID: client("Müller").id,
            QualificationDraft(
                title: "Diploma in Hotel Management", field: "Services", country: "PH", institution: "Manila College",
                year: 2015, iscedLevel: 5, hasDocuments: false, isRegulatedProfession: false, identifiedOn: testDay),
            actor: officer)
        for (date, hours) in [("2026-09-05", 20.0), ("2026-10-03", 15)] {
            try store.addCivicSession(
                clientID: haddad, CivicSessionDraft(module: "social", date: day(date), hours: hours, language: "ar"),
                actor: officer)
        }
    }

    /// Haddad's contract, signed in 2025: the authority is late with the course place and the
    /// recognition decision, the newcomer met the intake meeting and has the job centre due in
    /// three days. Notes: a follow-up due since Friday, and no contact for seven weeks.
    private func contract() throws {
        let store = base.store
        let officer = base.officer.id
        let haddad = client("Haddad").id
        var contract = try store.draftContract(
            clientID: haddad, NewContractDraft(settledOn: day("2025-03-02"), draftedOn: day("2025-03-20")),
            actor: officer)
        contract = try store.addObligation(
            ObligationDraft(
                party: .newcomer, category: .employment, description: "Register with the job centre",
                legalBasis: "§ 22", dueOn: testDay.adding(days: 3)),
            contractID: contract.id, expectedVersion: contract.version, actor: officer)
        contract = try store.signContract(
            id: contract.id, SignatureDraft(newcomer: day("2025-03-25"), authority: day("2025-03-26")),
            expectedVersion: contract.version, actor: officer)
        let meeting = try #require(
            try store.obligations(contractID: contract.id, by: officer).first { $0.category == .meeting })
        try store.settleObligation(
            id: meeting.id, SettlementDraft(.met, on: day("2025-04-02"), evidence: "Attended with an interpreter"),
            expectedVersion: meeting.version, actor: officer)
        try store.addNote(
            clientID: haddad,
            NoteDraft(contact: .phone, date: day("2026-09-01"), summary: "Asked about childcare for the autumn course"),
            actor: officer)
        try store.addNote(
            clientID: haddad,
            NoteDraft(
                contact: .meeting, date: day("2026-10-05"), interpreter: "ar",
                summary: "Course going well; worried about the permit renewal", followUpOn: day("2026-11-20")),
            actor: officer)
    }

    /// Haddad's intake mapping (upper secondary education, completed in Syria), two jobs, and
    /// two activities, one with a partner from the register; Ødegård has a mapping too.
    private func intake() throws {
        let store = base.store
        let officer = base.officer.id
        let haddad = client("Haddad").id
        var mapping = IntakeDraft(mappedOn: day("2025-04-05"))
        mapping.schoolingYears = 16
        mapping.highestLevel = .bachelor
        mapping.schoolingCountry = "SY"
        mapping.levelCompleted = true
        mapping.firstLanguageLiteracy = .functional
        mapping.latinLiteracy = .functional
        mapping.digitalSkills = .everyday
        mapping.drivingLicence = .foreign
        mapping.careerGoal = "Work as a nurse again"
        mapping.trainingNeeds = "Norwegian B2 for health personnel; the authorisation course"
        try store.saveIntake(clientID: haddad, mapping, expectedVersion: 0, actor: officer)
        try store.addWorkExperience(
            clientID: haddad, WorkExperienceDraft(title: "Mumarrida (nurse)", isco: "22", years: 7, country: "SY"),
            actor: officer)
        try store.addWorkExperience(
            clientID: haddad, WorkExperienceDraft(title: "Shop assistant", isco: "52", years: 1, country: "TR"),
            actor: officer)
        let club = try store.addPartner(
            PartnerDraft(name: "Frivilligsentralen Grünerløkka", kind: .volunteerCentre, contact: "Kari, 22 00 00 00"),
            office: try store.onlyOffice(), actor: base.admin.id)
        try store.addPartner(
            PartnerDraft(name: "Oslo Turnforening", kind: .sportsClub), office: try store.onlyOffice(),
            actor: base.admin.id)
        try store.addActivity(
            clientID: haddad,
            ParticipationDraft(
                kind: .mentoring, partner: club.id, startsOn: day("2026-05-01"), endsOn: day("2026-12-31"), hours: 24,
                note: "Language café mentor"),
            actor: officer)
        try store.addActivity(
            clientID: haddad, ParticipationDraft(kind: .votingRightsSession, startsOn: day("2025-08-20"), hours: 2),
            actor: officer)
    }

    func advance(_ family: String, through phases: [CasePhase]) throws {
        guard var client = clients[family] else { return }
        for phase in phases {
            client = try store.changePhase(
                clientID: client.id, PhaseChangeDraft(to: phase, on: testDay), expectedVersion: client.version,
                actor: base.officer.id)
        }
        clients[family] = client
    }

    func client(_ family: String) -> Client { clients[family]! }

    /// An app for `staff` (the officer by default), on the client list (or, with `onList`
    /// false, on the first screen the app opens: My day for staff with a caseload), on a clock
    /// that moves only when the test says so.
    func app(as staff: Staff? = nil, keys: KeyMap = .standard, theme: Theme = .standard, onList: Bool = true) throws
        -> App
    {
        try makeApp(store: store, me: staff ?? base.officer, keys: keys, theme: theme, onList: onList) {
            [unowned self] in
            self.time
        }
    }

    /// An app for the officer with `family`'s record open at `tab`.
    func record(_ family: String, tab: RecordTabID, keys: KeyMap = .standard) throws -> App {
        let app = try app(keys: keys)
        app.push(try ClientRecordScreen(app: app, clientID: client(family).id, tab: tab))
        return app
    }

    /// Runs `keys` on `app` with a virtual terminal of the given size and returns the screen text.
    @discardableResult
    func run(_ app: App, on terminal: VirtualTerminal, _ keys: [Key] = []) -> String {
        for key in keys { terminal.send(.key(key)) }
        app.settle(on: terminal)
        return terminal.text
    }
}

/// Compares a screen with its golden file in Tests/CasebookTUITests/Goldens; with
/// CASEBOOK_RECORD_GOLDENS=1 in the environment the file is written instead.
func expectGolden(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    let file = folder.appendingPathComponent(name + ".txt")
    let content = text + "\n"
    if ProcessInfo.processInfo.environment["CASEBOOK_RECORD_GOLDENS"] == "1" {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? content.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record(
            "No golden \(name).txt; record it with CASEBOOK_RECORD_GOLDENS=1 swift test", sourceLocation: sourceLocation
        )
        return
    }
    if expected != content {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = content.split(separator: "\n", omittingEmptySubsequences: false)
        var diff: [String] = []
        for index in 0..<max(want.count, got.count) {
            let a = index < want.count ? String(want[index]) : "<none>"
            let b = index < got.count ? String(got[index]) : "<none>"
            if a != b { diff.append("line \(index + 1):\n  golden: \(a)\n  screen: \(b)") }
        }
        let shown = diff.prefix(8).joined(separator: "\n")
        Issue.record("Screen differs from golden \(name).txt:\n\(shown)", sourceLocation: sourceLocation)
    }
}
