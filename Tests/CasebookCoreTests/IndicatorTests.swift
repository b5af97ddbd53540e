import CasebookText
import Testing

@testable import CasebookCore

@Suite struct IndicatorTests {
    @Test func sharesAndMedians() {
        #expect(Share(1, of: 3).text == "33% (1 of 3)")
        #expect(Share(0, of: 0).fraction == nil && Share(0, of: 0).text == "— (0 of 0)")
        #expect(median([5]) == 5 && median([4, 1, 3, 2]) == 2.5)
    }

    @Test func workOrEducationLeavesMovesOut() {
        var board = Dashboard(
            filter: DashboardFilter(from: Day(year: 2026, month: 1, day: 1)!, to: Day(year: 2026, month: 11, day: 23)!),
            today: Day(year: 2026, month: 11, day: 23)!, target: OutcomeTarget(share: 0.7, source: "test"))
        board.exits = [.work: 3, .education: 1, .both: 1, .neither: 5, .moved: 4, .other: 2]
        #expect(board.workOrEducation == Share(5, of: 10))
    }

    @Test func reportFieldsCannotBreakOutOfTheirCellOrString() {
        #expect(DashboardReport.csvField("okarlsen") == "okarlsen")
        #expect(DashboardReport.csvField("a,b") == "\"a,b\"")
        #expect(DashboardReport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(DashboardReport.csvField("=cmd()") == "\"'=cmd()\"", "a formula is neutralised")
        #expect(DashboardReport.jsonString("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }

    @Test func theReportListsEveryPhaseAndSkillEvenAtZero() {
        let today = Day(year: 2026, month: 11, day: 23)!
        let board = Dashboard(
            filter: .lastTwelveMonths(today: today), today: today, target: OutcomeTarget(share: 0.7, source: "test"))
        let report = DashboardReport(board: board, scope: "all clients")
        let rows = report.printed
        #expect(rows.filter { $0.key.section == "phases" }.count == CasePhase.allCases.count)
        let writing = rows.first { $0.key == FigureKey("language_at_target", "writing", "share") }
        #expect(writing?.text == "" && writing?.suppressed == nil, "nothing to share is not hidden")
        #expect(report.csv.split(separator: "\n").count == rows.count + 1)
        #expect(report.json.contains("\"scope\": \"all clients\""))
        #expect(report.text.contains("Period 2025-12-01 to 2026-11-23; all clients."))
    }
}

@Suite struct OutcomeTargetTests {
    let national = OutcomeTarget(share: 0.7, source: "SSB")

    @Test func programmesShareATargetOnlyWhenEveryOneHasTheSameShare() {
        #expect(OutcomeTarget.shared(by: []) == nil, "no programme shown")
        #expect(OutcomeTarget.shared(by: [national]) == national)
        #expect(OutcomeTarget.shared(by: [national, national]) == national)
        #expect(OutcomeTarget.shared(by: [national, nil]) == nil, "one without a target")
        #expect(OutcomeTarget.shared(by: [nil, national]) == nil)
        #expect(OutcomeTarget.shared(by: [national, OutcomeTarget(share: 0.6, source: "SSB")]) == nil)
        #expect(
            OutcomeTarget.shared(by: [national, OutcomeTarget(share: 0.7, source: "Plan")])
                == OutcomeTarget(share: 0.7, source: "SSB; Plan"))
        #expect(OutcomeTarget(share: 0.655, source: "").percent == "66%")
    }
}
