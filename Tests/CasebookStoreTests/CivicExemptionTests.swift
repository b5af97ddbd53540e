import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// A programme's own civic test exemptions (France: international protection, 65 or more): the
/// client's record, the facts and the dashboard's civic figure, on a hand-built caseload.
@Suite struct CivicExemptionTests {
    let fixture: Fixture
    var store: Store { fixture.store }

    /// "exempting" exempts refugees and people in subsidiary protection, and everyone from 65;
    /// "plain" (the sample) exempts nobody.
    init() throws {
        fixture = try Fixture()
        var exempting = sampleProgramme()
        exempting.id = "exempting"
        exempting.civicTest = CivicTestRule(
            name: "Exam", questions: 40, passMark: 32, exemptResidence: [.refugee, .subsidiaryProtection],
            exemptFromAge: 65)
        try store.importProgramme(exempting, sourceFile: "e", sourceText: "e", actor: fixture.admin.id)
        try store.importProgramme(sampleProgramme(), sourceFile: "s", sourceText: "s", actor: fixture.admin.id)
    }

    /// An open client of `residence`, born on `born`, enrolled in `programme`.
    func client(
        _ number: Int, _ residence: ResidenceCategory, born: String, programme: String = "exempting"
    ) throws -> Client {
        var draft = Fixture.draft("Client", "\(number)", number: number, officer: fixture.officer.id)
        draft.values[.residenceCategory] = residence.rawValue
        draft.values[.dateOfBirth] = born
        let client = try store.addClient(draft, actor: fixture.admin.id)
        try store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice(programme, version: 1, profile: "basic")),
            actor: fixture.officer.id)
        return client
    }

    func facts(_ id: Client.ID) throws -> (required: Bool, exemptFrom: String?) {
        try #require(
            try store.database.queryFirst(
                "SELECT civic_required, civic_exempt_from FROM client_facts WHERE client_id = ?", [id]
            ) { ($0.int(0) != 0, $0.optionalText(1)) })
    }

    /// The same file read on another day.
    func store(on iso: String) throws -> Store {
        try Store.open(path: store.path, mode: .readWrite, clock: FixedClock(today: day(iso)))
    }

    @Test(arguments: [ResidenceCategory.refugee, .subsidiaryProtection])
    func aBeneficiaryOfInternationalProtectionIsExemptWithoutAnybodyTypingIt(_ residence: ResidenceCategory) throws {
        let client = try client(1, residence, born: "1990-05-01")
        let progress = try store.civicProgress(clientID: client.id)
        #expect(progress.presetExemption == .residence(residence))
        #expect(progress.requirement == .required && progress.exemptReason.isEmpty, "nothing was recorded")
        #expect(progress.stage == .exempt && progress.isComplete(hasTest: true) && !progress.isCounted)
        #expect(try facts(client.id) == (false, nil))
    }

    @Test func theAgeExemptsFromTheBirthdayOnWithoutAWrite() throws {
        // 65 on 24 November 2026, the day after the fixture's today.
        let client = try client(1, .labourMigrant, born: "1961-11-24")
        let before = try store.civicProgress(clientID: client.id)
        #expect(before.presetExemption == nil && before.stage == .required && before.isCounted)
        #expect(try facts(client.id) == (true, "2026-11-24"))
        let later = try store(on: "2026-11-24")
        let after = try later.civicProgress(clientID: client.id)
        #expect(after.presetExemption == .age(65) && after.stage == .exempt && !after.isCounted)
        #expect(try later.figures.staleFacts().isEmpty, "nothing to refresh: the day is compared when read")
    }

    @Test func bothGroundsTellTheResidenceAndNeitherLeavesTheClientRequired() throws {
        let both = try client(1, .refugee, born: "1950-01-01")
        #expect(try store.civicProgress(clientID: both.id).presetExemption == .residence(.refugee))
        let neither = try client(2, .familyReunification, born: "1990-05-01")
        let progress = try store.civicProgress(clientID: neither.id)
        #expect(progress.presetExemption == nil && progress.stage == .required)
        #expect(try facts(neither.id) == (true, "2055-05-01"))
    }

    @Test func aProgrammeWithoutRulesExemptsNobody() throws {
        let client = try client(1, .refugee, born: "1940-01-01", programme: "sample")
        let progress = try store.civicProgress(clientID: client.id)
        #expect(progress.presetExemption == nil && progress.stage == .required)
        #expect(try facts(client.id) == (true, nil))
    }

    @Test func theOfficersOwnEntryIsKeptBesideThePresets() throws {
        let refugee = try client(1, .refugee, born: "1990-05-01")
        try store.setCivicRequirement(
            clientID: refugee.id, CivicRequirementDraft(.exempt, reason: "Holds the certificate"),
            actor: fixture.officer.id)
        let kept = try store.civicProgress(clientID: refugee.id)
        #expect(kept.requirement == .exempt && kept.exemptReason == "Holds the certificate")
        #expect(kept.presetExemption == .residence(.refugee))
        // Back to required: the preset's exemption still holds, since the law gives it.
        try store.setCivicRequirement(clientID: refugee.id, CivicRequirementDraft(.required), actor: fixture.officer.id)
        #expect(try store.civicProgress(clientID: refugee.id).stage == .exempt)
        // Another client's exemption typed by the officer works as before.
        let other = try client(2, .labourMigrant, born: "1990-05-01")
        try store.setCivicRequirement(
            clientID: other.id, CivicRequirementDraft(.exempt, reason: "Health"), actor: fixture.officer.id)
        let typed = try store.civicProgress(clientID: other.id)
        #expect(typed.stage == .exempt && typed.presetExemption == nil && typed.exemptReason == "Health")
        #expect(try facts(other.id) == (false, nil))
    }

    @Test func aResidenceChangedOnTheRecordMovesTheFacts() throws {
        let client = try client(1, .labourMigrant, born: "1990-05-01")
        #expect(try facts(client.id).required)
        let current = try #require(try store.client(id: client.id))
        var draft = Fixture.draft("Client", "1", number: 1, officer: fixture.officer.id)
        draft.values[.residenceCategory] = ResidenceCategory.refugee.rawValue
        try store.updateClient(id: client.id, with: draft, expectedVersion: current.version, actor: fixture.admin.id)
        #expect(try facts(client.id) == (false, nil))
        #expect(try store.civicProgress(clientID: client.id).presetExemption == .residence(.refugee))
    }

    /// A 29 February birthday reaches its age on 1 March in a common year, in SQL as in Core.
    @Test func aLeapDayBirthdayIsExemptFromTheFirstOfMarch() throws {
        let client = try client(1, .labourMigrant, born: "1960-02-29")
        #expect(try facts(client.id) == (true, "2025-03-01"))
        let rule = try #require(try store.programme(id: "exempting", version: 1)?.civicTest)
        #expect(rule.ageExemptionStarts(dateOfBirth: day("1960-02-29")) == day("2025-03-01"))
        #expect(rule.exemption(residence: .other, dateOfBirth: day("1960-02-29"), on: day("2025-02-28")) == nil)
        #expect(rule.exemption(residence: .other, dateOfBirth: day("1960-02-29"), on: day("2025-03-01")) == .age(65))
    }

    /// The dashboard's civic share leaves out the clients the programme exempts, by residence at
    /// once and by age from the day it is reached, as it leaves out those the officer exempted.
    @Test func theDashboardsCivicFigureLeavesTheExemptOut() throws {
        let refugee = try client(1, .refugee, born: "1990-05-01")
        let turning = try client(2, .labourMigrant, born: "1961-11-24")
        let required = try client(3, .familyReunification, born: "1990-05-01")
        let typed = try client(4, .labourMigrant, born: "1990-05-01")
        try store.setCivicRequirement(
            clientID: typed.id, CivicRequirementDraft(.exempt, reason: "Health"), actor: fixture.officer.id)
        let plain = try client(5, .refugee, born: "1940-01-01", programme: "sample")
        let today = try store.figures.dashboard(.lastTwelveMonths(today: testDay))
        #expect(today.civic == Share(0, of: 3))
        #expect(today.clients(behind: .civicIncomplete) == [turning.id, required.id, plain.id])
        let later = try store(on: "2026-11-24")
        let tomorrow = try later.figures.dashboard(.lastTwelveMonths(today: day("2026-11-24")))
        #expect(tomorrow.civic == Share(0, of: 2))
        #expect(tomorrow.clients(behind: .civicIncomplete) == [required.id, plain.id])
        #expect(!tomorrow.clients(behind: .civicIncomplete).contains(refugee.id))
        // The report reads the same board: its denominator is the same.
        let report = DashboardReport(board: tomorrow, scope: "", suppressBelow: 0)
        let base = report.figures.first { $0.key == FigureKey("civic_orientation", "completed", "of") }
        guard case .count(let count)? = base?.value else {
            Issue.record("the report has no civic base")
            return
        }
        #expect(count == 2)
    }
}
