import CasebookTestSupport
import CasebookText
import Testing

@testable import CasebookCore

@Suite struct ReportSuppressionTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    static func board() -> Dashboard {
        Dashboard(
            filter: .lastTwelveMonths(today: today), today: today, target: OutcomeTarget(share: 0.7, source: "test"))
    }

    static func officer(_ name: String, id: Int64, open: Int, newcomer: Int = 0, authority: Int = 0) -> OfficerLoad {
        var load = OfficerLoad(officerID: id, username: name)
        load.openCases = open
        load.overdueNewcomer = newcomer
        load.overdueAuthority = authority
        return load
    }

    func read(_ report: DashboardReport) -> ReportReader { ReportReader(csv: report.csv) }

    @Test func smallCountsPrintAsBelowTheThresholdAndTheCountThatWouldGiveOneAwayAsX() {
        var board = ReportSuppressionTests.board()
        board.phases = [.referred: 3, .active: 40, .completed: 7, .closed: 0]
        board.officers = [ReportSuppressionTests.officer("okarlsen", id: 2, open: 43)]
        let reader = read(DashboardReport(board: board, scope: "all clients"))
        #expect(reader.printed[FigureKey("phases", "referred", "clients")] == "<5")
        #expect(reader.printed[FigureKey("phases", "active", "clients")] == "x", "43 open cases less 40 active gives 3")
        #expect(reader.printed[FigureKey("phases", "completed", "clients")] == "7")
        #expect(reader.printed[FigureKey("phases", "closed", "clients")] == "0", "zeros are printed")
        #expect(reader.printed[FigureKey("caseload", "okarlsen", "open_cases")] == "43")
        #expect(reader.leaks(below: 5).isEmpty)
        // Without the x, a reader works the 3 out: the reader that checks every report finds it.
        var leaky = reader.printed
        leaky[FigureKey("phases", "active", "clients")] = "40"
        #expect(
            ReportReader(printed: leaky).leaks(below: 5).first?.contains("phases/referred/clients is hidden") == true)
    }

    @Test func aShareWhoseRestIsSmallHidesItsCountAndItself() {
        var board = ReportSuppressionTests.board()
        board.civic = Share(48, of: 50)
        board.language[.reading] = Share(20, of: 50)
        let reader = read(DashboardReport(board: board, scope: "all clients"))
        #expect(
            reader.printed[FigureKey("civic_orientation", "completed", "count")] == "x", "50 less 48 gives 2 not done")
        #expect(reader.printed[FigureKey("civic_orientation", "completed", "share")] == "x")
        #expect(reader.printed[FigureKey("civic_orientation", "completed", "of")] == "50")
        #expect(reader.printed[FigureKey("language_at_target", "reading", "share")] == "0.4")
        #expect(reader.leaks(below: 5).isEmpty)
    }

    @Test func mediansOverFewerThanTheThresholdAreNotGiven() {
        var board = ReportSuppressionTests.board()
        board.medianDaysOfferToStart = 30
        board.starts = 4
        board.medianDaysToDecision = 90
        board.decisionsTimed = 12
        let report = DashboardReport(board: board, scope: "all clients")
        let reader = read(report)
        #expect(reader.printed[FigureKey("offer_to_start", "days", "median")] == "x")
        #expect(reader.printed[FigureKey("offer_to_start", "starts", "count")] == "<5")
        #expect(reader.printed[FigureKey("recognition_decisions", "days_complete_to_decision", "median")] == "90")
        #expect(report.text.contains("Offer to programme start, median  x (<5 starts)"))
        #expect(
            report.json.contains(#"{"item": "days", "measure": "median", "value": null, "suppressed": "small_base"}"#))
        #expect(
            report.json.contains(#"{"item": "starts", "measure": "count", "value": null, "suppressed": "small_count"}"#)
        )
        #expect(report.json.contains(#""suppress_below": 5,"#))
    }

    @Test func zeroPrintsEveryFigureAsItIs() {
        var board = ReportSuppressionTests.board()
        board.phases = [.referred: 3]
        let report = DashboardReport(board: board, scope: "all clients", suppressBelow: 0)
        #expect(read(report).printed[FigureKey("phases", "referred", "clients")] == "3")
        #expect(report.printed.allSatisfy { $0.suppressed == nil })
        #expect(report.text.contains("Small numbers are not hidden"))
    }

    /// Boards of small, made-up caseloads, consistent like real ones (the officers' open cases
    /// are the open phases; the overdue now are the officers'): whatever the threshold, no small
    /// count is printed and nothing hidden can be worked out.
    @Test(arguments: [2, 3, 5, 10])
    func noSmallCountIsPrintedOrCanBeWorkedOut(threshold: Int) {
        var random = SplitMix(state: UInt64(threshold))
        for _ in 0..<200 {
            let report = DashboardReport(board: randomBoard(&random), scope: "all clients", suppressBelow: threshold)
            let reader = read(report)
            #expect(reader.smallCountsPrinted(below: threshold).isEmpty)
            let leaks = reader.leaks(below: threshold)
            #expect(leaks.isEmpty, "\(leaks)")
            if !leaks.isEmpty { return }
        }
    }

    func randomBoard(_ random: inout SplitMix) -> Dashboard {
        var board = ReportSuppressionTests.board()
        func small() -> Int { Int(random.next() % 4 == 0 ? random.next() % 40 : random.next() % 7) }
        for phase in CasePhase.allCases { board.phases[phase] = small() }
        let open = CasePhase.allCases.filter(\.isOpen).map { board.phases[$0, default: 0] }.reduce(0, +)
        let officerCount = Int(1 + random.next() % 4)
        var left = open
        for index in 0..<officerCount {
            let cases = index == officerCount - 1 ? left : Int(random.next() % UInt64(left + 1))
            left -= cases
            board.officers.append(
                ReportSuppressionTests.officer(
                    "o\(index)", id: Int64(index), open: cases, newcomer: small(), authority: small()))
        }
        board.overdueNow.newcomer = board.officers.map(\.overdueNewcomer).reduce(0, +)
        board.overdueNow.authority = board.officers.map(\.overdueAuthority).reduce(0, +)
        for reason in ExitReason.allCases { board.exits[reason] = small() }
        for skill in Skill.core {
            let of = small()
            board.language[skill] = Share(Int(random.next() % UInt64(of + 1)), of: of)
        }
        let of = small()
        board.civic = Share(Int(random.next() % UInt64(of + 1)), of: of)
        board.starts = small()
        board.medianDaysOfferToStart = board.starts > 0 ? 21 : nil
        return board
    }
}

struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
