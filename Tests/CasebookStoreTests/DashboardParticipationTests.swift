import CasebookCore
import CasebookText
import CasebookTestSupport
import Testing

@testable import CasebookStore

/// The active-citizenship indicator and the outcomes at exit and a year after, on the
/// hand-built caseload (`CaseloadFixture`) with activities and outcomes added by hand, every
/// figure worked out below. Open cases: C1, C2, C3 (officer B), C6; closed: C4 (B, work,
/// 2026-09-30), C5 (unassigned, neither, 2026-02-10), C7 (A, education, 2025-06-30).
@Suite struct DashboardParticipationTests {
    let period = DashboardFilter.lastTwelveMonths(today: testDay)

    static func fixture() throws -> CaseloadFixture {
        let f = try CaseloadFixture()
        let store = f.store
        let admin = f.fixture.admin.id
        func activity(_ name: String, _ kind: ActivityKind, _ from: String, _ to: String?) throws {
            try store.addActivity(
                clientID: f.id(name),
                ParticipationDraft(kind: kind, startsOn: day(from), endsOn: to.map { day($0) }), actor: admin)
        }
        // C1: mentoring in the period, volunteering before it (not counted).
        try activity("C1", .mentoring, "2026-03-01", "2026-06-30")
        try activity("C1", .volunteering, "2025-01-01", "2025-06-30")
        try activity("C1", .mentoring, "2026-09-01", nil)
        // C2: a club joined before the period and never left: it overlaps.
        try activity("C2", .sportCulture, "2025-10-01", nil)
        // C4 is closed: its activity in the period is not an open case's.
        try activity("C4", .association, "2026-03-01", "2026-04-01")
        // C6: the information session on voting rights, today.
        try activity("C6", .votingRightsSession, "2026-11-23", "2026-11-23")

        func outcome(_ name: String, _ stage: OutcomeStage, _ on: String, _ activity: MainActivity, _ time: WorkTime?)
            throws
        {
            try store.recordOutcome(
                clientID: f.id(name), stage: stage,
                OutcomeDraft(recordedOn: day(on), activity: activity, workTime: time), actor: admin)
        }
        try outcome("C4", .exit, "2026-09-30", .work, .full)
        try outcome("C5", .exit, "2026-02-10", .neither, nil)
        // C7's exit outcome is before the period; its follow-up a year on is in it.
        try outcome("C7", .exit, "2025-06-30", .education, nil)
        try outcome("C7", .followUp, "2026-07-05", .education, nil)
        return f
    }

    @Test func theIndicatorsMatchTheHandCount() throws {
        let f = try DashboardParticipationTests.fixture()
        let board = try f.store.figures.dashboard(period)
        #expect(board.participation == Share(3, of: 4))
        #expect(board.participationByKind[.mentoring] == Share(1, of: 4))
        #expect(board.participationByKind[.sportCulture] == Share(1, of: 4))
        #expect(board.participationByKind[.votingRightsSession] == Share(1, of: 4))
        #expect(board.participationByKind[.volunteering] == Share(0, of: 4))
        #expect(board.participationByKind[.association] == Share(0, of: 4))
        #expect(board.outcomes[.exit] == Share(1, of: 2))
        #expect(board.outcomes[.followUp] == Share(1, of: 1))

        #expect(board.clients(behind: .participating(nil)) == [f.id("C1"), f.id("C2"), f.id("C6")])
        #expect(board.clients(behind: .participating(.mentoring)) == [f.id("C1")])
        #expect(board.clients(behind: .outcomeInWorkOrEducation(.exit)) == [f.id("C4")])
        #expect(board.clients(behind: .outcomeInWorkOrEducation(.followUp)) == [f.id("C7")])
    }

    @Test func theFiltersNarrowTheIndicators() throws {
        let f = try DashboardParticipationTests.fixture()
        let mine = try f.store.figures.dashboard(
            DashboardFilter(officerID: f.a.id, from: period.from, to: period.to))
        #expect(mine.participation == Share(3, of: 3))
        #expect(mine.outcomes[.exit] == Share(0, of: 0))
        #expect(mine.outcomes[.followUp] == Share(1, of: 1))
        let autumn = try f.store.figures.dashboard(DashboardFilter(from: day("2026-08-01"), to: testDay))
        #expect(autumn.participation == Share(3, of: 4), "C1's second mentoring, C2's club, C6's session")
        #expect(autumn.outcomes[.exit] == Share(1, of: 1))
        #expect(autumn.outcomes[.followUp] == Share(0, of: 0))
        let spring = try f.store.figures.dashboard(DashboardFilter(from: day("2026-01-01"), to: day("2026-02-28")))
        #expect(spring.participation == Share(1, of: 4), "only C2's club")
    }

    @Test func theReportCarriesTheIndicators() throws {
        let f = try DashboardParticipationTests.fixture()
        let report = DashboardReport(board: try f.store.figures.dashboard(period), scope: "all", suppressBelow: 0)
        let csv = report.csv
        #expect(csv.contains("active_citizenship,any,share,0.75"))
        #expect(csv.contains("outcomes,exit,share,0.5"))
        #expect(csv.contains("outcomes,follow_up,count,1"))
        #expect(report.text.contains("Active citizenship"))
    }
}
