import CasebookCore
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The dashboard's outcome target line: the programme's own with its source (`[outcomes]`), the
/// one all programmes shown share, none where they differ, and the site's own over them all.
@Suite struct DashboardTargetTests {
    let fixture: Fixture
    var store: Store { fixture.store }
    let period = DashboardFilter.lastTwelveMonths(today: testDay)
    static let national = OutcomeTarget(share: 0.7, source: "Statistics Norway, national goal")

    /// "targeted" aims for 70 % (its source given), "plain" sets no target.
    init() throws {
        fixture = try Fixture()
        var targeted = sampleProgramme()
        targeted.id = "targeted"
        targeted.outcomeTarget = DashboardTargetTests.national
        try store.importProgramme(targeted, sourceFile: "t", sourceText: "t", actor: fixture.admin.id)
        var plain = sampleProgramme()
        plain.id = "plain"
        try store.importProgramme(plain, sourceFile: "p", sourceText: "p", actor: fixture.admin.id)
    }

    func enrol(_ number: Int, in programme: String) throws {
        let client = try fixture.add("Client", "\(number)", number: number, officer: fixture.officer.id)
        try store.enrol(
            clientID: client.id, EnrolmentDraft(ProgrammeChoice(programme, version: 1, profile: "basic")),
            actor: fixture.officer.id)
    }

    func filter(_ programme: String?) -> DashboardFilter {
        var filter = period
        filter.programmeID = programme
        return filter
    }

    @Test func oneProgrammeShownHasItsOwnTargetOrNone() throws {
        try enrol(1, in: "targeted")
        try enrol(2, in: "plain")
        #expect(try store.figures.dashboard(filter("targeted")).target == DashboardTargetTests.national)
        #expect(try store.figures.dashboard(filter("plain")).target == nil)
        // A programme without clients shown alone still has its target.
        var idle = sampleProgramme()
        idle.id = "idle"
        idle.outcomeTarget = OutcomeTarget(share: 0.5, source: "Idle")
        try store.importProgramme(idle, sourceFile: "i", sourceText: "i", actor: fixture.admin.id)
        #expect(try store.figures.dashboard(filter("idle")).target?.share == 0.5)
    }

    @Test func allProgrammesShareTheTargetOfThoseWithClientsOrHaveNone() throws {
        #expect(try store.figures.dashboard(period).target == nil, "no programme has clients")
        try enrol(1, in: "targeted")
        #expect(
            try store.figures.dashboard(period).target == DashboardTargetTests.national,
            "plain has no clients, so only targeted is shown")
        try enrol(2, in: "plain")
        #expect(try store.figures.dashboard(period).target == nil, "one shown has no target")
    }

    @Test func theSameShareFromTwoSourcesNamesBoth() throws {
        var other = sampleProgramme()
        other.id = "other"
        other.outcomeTarget = OutcomeTarget(share: 0.7, source: "Municipal plan")
        try store.importProgramme(other, sourceFile: "o", sourceText: "o", actor: fixture.admin.id)
        try enrol(1, in: "targeted")
        try enrol(2, in: "other")
        let target = try store.figures.dashboard(period).target
        #expect(target == OutcomeTarget(share: 0.7, source: "Municipal plan; Statistics Norway, national goal"))
        other.outcomeTarget = OutcomeTarget(share: 0.6, source: "Municipal plan")
        try store.importProgramme(other, sourceFile: "o", sourceText: "o2", actor: fixture.admin.id)
        #expect(try store.figures.dashboard(period).target == nil, "the latest versions differ")
    }

    @Test func theLatestVersionsTargetIsTheProgrammes() throws {
        try enrol(1, in: "targeted")
        var corrected = sampleProgramme()
        corrected.id = "targeted"
        corrected.outcomeTarget = OutcomeTarget(share: 0.75, source: "Budget 2027")
        try store.importProgramme(corrected, sourceFile: "t", sourceText: "t2", actor: fixture.admin.id)
        #expect(try store.figures.dashboard(filter("targeted")).target?.share == 0.75)
        #expect(try store.programme(id: "targeted", version: 1)?.outcomeTarget == DashboardTargetTests.national)
    }

    @Test func theSitesOwnTargetReplacesTheProgrammes() throws {
        try enrol(1, in: "targeted")
        try enrol(2, in: "plain")
        let board = try store.figures.dashboard(period, siteTarget: 0.8)
        #expect(board.target?.share == 0.8 && board.target?.source.contains("exit_target") == true)
        #expect(try store.figures.dashboard(filter("targeted"), siteTarget: 0.8).target?.share == 0.8)
    }

    /// The report keeps its keys: the target's share where there is one, null where there is none,
    /// and its source beside the figures.
    @Test func theReportSaysTheTargetAndItsSourceOrThatThereIsNone() throws {
        try enrol(1, in: "targeted")
        let targeted = DashboardReport(
            board: try store.figures.dashboard(filter("targeted")), scope: "", suppressBelow: 0)
        #expect(
            targeted.json.contains(
                #"{"item": "work_or_education", "measure": "target", "value": 0.7, "suppressed": null}"#))
        #expect(targeted.json.contains(#""target_source": "Statistics Norway, national goal""#))
        #expect(targeted.text.contains("(target 70%)") && targeted.text.contains("source: Statistics Norway"))
        let plain = DashboardReport(board: try store.figures.dashboard(filter("plain")), scope: "", suppressBelow: 0)
        #expect(
            plain.json.contains(
                #"{"item": "work_or_education", "measure": "target", "value": null, "suppressed": null}"#))
        #expect(plain.json.contains(#""target_source": null"#))
        #expect(plain.csv.contains("exits,work_or_education,target,\n"))
        #expect(plain.text.contains("(no target set)") && plain.text.contains("No target set"))
    }
}
