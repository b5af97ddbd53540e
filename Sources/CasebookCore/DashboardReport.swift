import CasebookL10n

/// The dashboard's figures as a report: text for reading, CSV (one figure per row) for a
/// spreadsheet, JSON for other programs. Pseudonymised: counts, shares and medians only; no
/// client's name, case number or date of birth. Officers appear by user name.
///
/// A report leaves the office, so small counts are suppressed (`ReportSuppression`): a count
/// from 1 to `suppressBelow` − 1 prints as `<5`, a count that would give one away through a
/// total as `x`, and a share or median over fewer than `suppressBelow` is left out. JSON says
/// which and why in each figure's `suppressed`.
package struct DashboardReport: Sendable {
    package var board: Dashboard
    /// How the filter reads: "programme sample, officer okarlsen".
    package var scope: String
    /// The suppression threshold (`[report] suppress_below`); 0 prints every figure as it is.
    package var suppressBelow: Int

    /// Norway's statistics and most national statistics offices hide counts under 5.
    package static let defaultSuppressBelow = 5

    package init(board: Dashboard, scope: String, suppressBelow: Int = DashboardReport.defaultSuppressBelow) {
        self.board = board
        self.scope = scope
        self.suppressBelow = suppressBelow
    }

    /// What one figure is.
    package enum Value: Sendable {
        case count(Int)
        /// A share, with the keys of its count and base.
        case share(Share, count: FigureKey, of: FigureKey)
        /// A median over `over` values; `count` is the printed count of them, when there is one.
        case median(Double?, over: Int, count: FigureKey?)
        /// A setting printed beside the figures (the outcome target); nil when none is set.
        case setting(Double?)
    }

    package struct Figure: Sendable {
        package var key: FigureKey
        package var value: Value
    }

    /// Every figure, in report order.
    package var figures: [Figure] {
        var figures: [Figure] = []
        func count(_ section: String, _ item: String, _ measure: String, _ value: Int) {
            figures.append(Figure(key: FigureKey(section, item, measure), value: .count(value)))
        }
        func share(_ section: String, _ item: String, _ share: Share) {
            let count = FigureKey(section, item, "count")
            let of = FigureKey(section, item, "of")
            figures.append(Figure(key: count, value: .count(share.count)))
            figures.append(Figure(key: of, value: .count(share.of)))
            figures.append(Figure(key: FigureKey(section, item, "share"), value: .share(share, count: count, of: of)))
        }
        for officer in board.officers {
            count("caseload", officer.username, "open_cases", officer.openCases)
            count("caseload", officer.username, "overdue_newcomer", officer.overdueNewcomer)
            count("caseload", officer.username, "overdue_authority", officer.overdueAuthority)
            count("caseload", officer.username, "no_contact_30_days", officer.noContact)
        }
        for phase in CasePhase.allCases { count("phases", phase.rawValue, "clients", board.phases[phase, default: 0]) }
        count("overdue_now", board.today.iso, "newcomer", board.overdueNow.newcomer)
        count("overdue_now", board.today.iso, "authority", board.overdueNow.authority)
        for point in board.overdueByMonth {
            count("overdue_by_month", point.day.iso, "newcomer", point.newcomer)
            count("overdue_by_month", point.day.iso, "authority", point.authority)
        }
        for skill in Skill.core {
            share("language_at_target", skill.rawValue, board.language[skill] ?? Share(0, of: 0))
        }
        for level in CEFRLevel.allCases {
            count("language_levels", level.rawValue, "clients", board.levels[level.rank, default: 0])
        }
        count("language_levels", "not_fully_assessed", "clients", board.levels[nil, default: 0])
        for stage in RecognitionStage.allCases {
            count("recognition_stages", stage.rawValue, "files", board.recognitionStages[stage, default: 0])
        }
        share("recognition_decisions", "within_deadline", board.decidedInTime)
        figures.append(
            Figure(
                key: FigureKey("recognition_decisions", "days_complete_to_decision", "median"),
                value: .median(board.medianDaysToDecision, over: board.decisionsTimed, count: nil)))
        // After the decisions: a section's figures stay together (the JSON groups them).
        count("recognition_acknowledgements", "late", "files", board.acknowledgementsLate)
        share("civic_orientation", "completed", board.civic)
        for reason in ExitReason.allCases { count("exits", reason.rawValue, "cases", board.exits[reason, default: 0]) }
        share("exits", "work_or_education", board.workOrEducation)
        figures.append(
            Figure(key: FigureKey("exits", "work_or_education", "target"), value: .setting(board.target?.share)))
        // Issue 18: the main activity at exit and a year after, and the active-citizenship indicator.
        for stage in OutcomeStage.allCases {
            share("outcomes", stage.rawValue, board.outcomes[stage] ?? Share(0, of: 0))
        }
        figures.append(
            Figure(key: FigureKey("outcomes", "work_or_education", "target"), value: .setting(board.target?.share)))
        share("active_citizenship", "any", board.participation)
        for kind in ActivityKind.allCases {
            share("active_citizenship", kind.rawValue, board.participationByKind[kind] ?? Share(0, of: 0))
        }
        let starts = FigureKey("offer_to_start", "starts", "count")
        figures.append(
            Figure(
                key: FigureKey("offer_to_start", "days", "median"),
                value: .median(board.medianDaysOfferToStart, over: board.starts, count: starts)))
        figures.append(Figure(key: starts, value: .count(board.starts)))
        return figures
    }

    /// The equations that bind the report's counts, with the counts never printed that they
    /// need (the rest of each share): what someone could work a hidden count out from.
    package func equations(_ figures: [Figure]) -> (
        counts: [ReportSuppression.Count], equations: [ReportSuppression.Equation]
    ) {
        var counts: [ReportSuppression.Count] = []
        var equations: [ReportSuppression.Equation] = []
        for figure in figures {
            switch figure.value {
            case .count(let value): counts.append(ReportSuppression.Count(figure.key, value))
            case .share(let share, let count, let of):
                // The count and the rest add up to the base.
                let rest = FigureKey(figure.key.section, figure.key.item, "rest")
                counts.append(ReportSuppression.Count(rest, share.of - share.count, isPrinted: false))
                equations.append(ReportSuppression.Equation([count, rest], equals: [of]))
            case .median, .setting: break
            }
        }
        let officers = board.officers.map(\.username)
        let open = CasePhase.allCases.filter(\.isOpen).map { FigureKey("phases", $0.rawValue, "clients") }
        // Every open case is some officer's (or unassigned), every overdue obligation now is in one.
        equations.append(
            ReportSuppression.Equation(officers.map { FigureKey("caseload", $0, "open_cases") }, equals: open))
        for side in ["newcomer", "authority"] {
            equations.append(
                ReportSuppression.Equation(
                    officers.map { FigureKey("caseload", $0, "overdue_\(side)") },
                    equals: [FigureKey("overdue_now", board.today.iso, side)]))
        }
        // The outcome's count is the exits to work, education or both; its base adds those to neither.
        let outcome = FigureKey("exits", "work_or_education", "count")
        equations.append(
            ReportSuppression.Equation(
                [ExitReason.work, .education, .both].map { FigureKey("exits", $0.rawValue, "cases") }, equals: [outcome]
            ))
        equations.append(
            ReportSuppression.Equation(
                [outcome, FigureKey("exits", ExitReason.neither.rawValue, "cases")],
                equals: [FigureKey("exits", "work_or_education", "of")]))
        return (counts, equations)
    }

    /// Which figures the report hides, and why.
    package var suppression: ReportSuppression { suppression(of: figures) }

    private func suppression(of figures: [Figure]) -> ReportSuppression {
        let (counts, equations) = self.equations(figures)
        return ReportSuppression(counts: counts, equations: equations, threshold: suppressBelow)
    }

    /// A figure as printed: its text (a mark when hidden) and why it is hidden.
    package struct Printed: Sendable {
        package var key: FigureKey
        package var text: String
        /// The number, when printed.
        package var number: Double?
        package var suppressed: SuppressionReason?
    }

    /// Every figure as the report prints it.
    package var printed: [Printed] {
        let figures = self.figures
        let suppression = suppression(of: figures)
        return figures.map { figure in
            switch figure.value {
            case .count(let value):
                if let reason = suppression.hidden[figure.key] {
                    return Printed(key: figure.key, text: suppression.mark(reason), number: nil, suppressed: reason)
                }
                return Printed(key: figure.key, text: String(value), number: Double(value), suppressed: nil)
            case .share(let share, let count, let of):
                if let reason = suppression.reasonToHide(base: share.of, parts: [count, of]) {
                    return Printed(key: figure.key, text: "x", number: nil, suppressed: reason)
                }
                let rounded = share.fraction.map { Double(Int(($0 * 1000).rounded())) / 1000 }
                return Printed(
                    key: figure.key, text: rounded.map(DashboardReport.number) ?? "", number: rounded, suppressed: nil)
            case .median(let median, let over, let count):
                if let reason = suppression.reasonToHide(base: over, parts: count.map { [$0] } ?? []) {
                    return Printed(key: figure.key, text: "x", number: nil, suppressed: reason)
                }
                return Printed(
                    key: figure.key, text: median.map(DashboardReport.number) ?? "", number: median, suppressed: nil)
            case .setting(let value):
                return Printed(
                    key: figure.key, text: value.map(DashboardReport.number) ?? "", number: value, suppressed: nil)
            }
        }
    }

    /// The target's detail line: its share and source, or why there is none.
    package static func targetLine(_ target: OutcomeTarget?) -> String {
        guard let target else {
            return "  " + tr("No target set: the programme shown has none, or those shown differ.")
        }
        return "  "
            + tr(
                "Target {target} in work or education; source: {source}",
                ["target": target.percent, "source": target.source])
    }

    package static func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    package var csv: String {
        var lines = ["section,item,measure,value"]
        for figure in printed {
            let key = figure.key
            lines.append(
                [key.section, key.item, key.measure, figure.text].map(DashboardReport.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        // A leading = + - @ would be a formula in a spreadsheet; quote and neutralise it.
        let risky = text.first.map { "=+-@".contains($0) } ?? false
        guard risky || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        let escaped = text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
        return "\"" + (risky ? "'" : "") + escaped + "\""
    }

    /// Each figure is `{"item", "measure", "value", "suppressed"}`: `value` is null when the
    /// figure is hidden or has none, and `suppressed` is null or the reason (`small_count`,
    /// `secondary`, `small_base`).
    package var json: String {
        var sections: [(String, [String])] = []
        for figure in printed {
            let value = figure.number.map(DashboardReport.number) ?? "null"
            let reason = figure.suppressed.map { DashboardReport.jsonString($0.rawValue) } ?? "null"
            let entry =
                "{\"item\": \(DashboardReport.jsonString(figure.key.item)), \"measure\": \(DashboardReport.jsonString(figure.key.measure)), \"value\": \(value), \"suppressed\": \(reason)}"
            if sections.last?.0 == figure.key.section {
                sections[sections.count - 1].1.append(entry)
            } else {
                sections.append((figure.key.section, [entry]))
            }
        }
        var out = "{\n  \"generated\": \(DashboardReport.jsonString(board.today.iso)),\n"
        out +=
            "  \"period\": {\"from\": \(DashboardReport.jsonString(board.filter.from.iso)), \"to\": \(DashboardReport.jsonString(board.filter.to.iso))},\n"
        out += "  \"scope\": \(DashboardReport.jsonString(scope)),\n"
        // The target's source beside the figures (`outcomes.work_or_education.target` holds its share).
        out += "  \"target_source\": \(board.target.map { DashboardReport.jsonString($0.source) } ?? "null"),\n"
        out += "  \"suppress_below\": \(max(0, suppressBelow)),\n  \"figures\": {\n"
        out += sections.map {
            "    \(DashboardReport.jsonString($0.0)): [\n      " + $0.1.joined(separator: ",\n      ") + "\n    ]"
        }.joined(separator: ",\n")
        return out + "\n  }\n}\n"
    }

    package static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension DashboardReport {
    /// The report's figure behind a dashboard bar (for a share: the share itself).
    package func key(for bar: DashboardBar) -> FigureKey? {
        func officer(_ id: Int64?) -> String? { board.officers.first { $0.officerID == id }?.username }
        switch bar {
        case .officerOpen(let id): return officer(id).map { FigureKey("caseload", $0, "open_cases") }
        case .officerOverdue(let id, let party):
            return officer(id).map { FigureKey("caseload", $0, "overdue_\(party.rawValue)") }
        case .officerNoContact(let id): return officer(id).map { FigureKey("caseload", $0, "no_contact_30_days") }
        case .phase(let phase): return FigureKey("phases", phase.rawValue, "clients")
        case .overdueNow(let party): return FigureKey("overdue_now", board.today.iso, party.rawValue)
        case .overdueOn(let day, let party): return FigureKey("overdue_by_month", day.iso, party.rawValue)
        case .skillAtTarget(let skill): return FigureKey("language_at_target", skill.rawValue, "share")
        case .level(let rank):
            let item =
                rank.flatMap { rank in CEFRLevel.allCases.first { $0.rank == rank }?.rawValue } ?? "not_fully_assessed"
            return FigureKey("language_levels", item, "clients")
        case .recognitionStage(let stage): return FigureKey("recognition_stages", stage.rawValue, "files")
        case .decidedInTime, .decidedLate: return FigureKey("recognition_decisions", "within_deadline", "share")
        case .acknowledgementLate: return FigureKey("recognition_acknowledgements", "late", "files")
        case .civicComplete, .civicIncomplete: return FigureKey("civic_orientation", "completed", "share")
        case .exit(let reason): return FigureKey("exits", reason.rawValue, "cases")
        case .participating(let kind): return FigureKey("active_citizenship", kind?.rawValue ?? "any", "share")
        case .outcomeInWorkOrEducation(let stage): return FigureKey("outcomes", stage.rawValue, "share")
        }
    }

    /// The figures a report of this board would not print.
    package var suppressedKeys: Set<FigureKey> { Set(printed.filter { $0.suppressed != nil }.map(\.key)) }
}
