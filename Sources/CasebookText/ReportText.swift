import CasebookCore
import CasebookL10n

extension DashboardReport {
    /// The report for reading, in the language `tr` speaks. The figures and their suppression
    /// are Core's (`printed`); the CSV and JSON keep their machine keys in every language.
    package var text: String {
        let shown = Dictionary(printed.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        func value(_ section: String, _ item: String, _ measure: String) -> String {
            shown[FigureKey(section, item, measure)]?.text ?? ""
        }
        /// "62% (31 of 50)", "— (<5 of 50)" when hidden, "— (0 of 0)" with nothing to share.
        func share(_ section: String, _ item: String) -> String {
            let parts = ["count": value(section, item, "count"), "total": value(section, item, "of")]
            let figure = shown[FigureKey(section, item, "share")]
            guard let fraction = figure?.number else {
                // TRANSLATORS: a share not given; {count} and {total} may be marks for hidden counts (<5, x).
                return tr("— ({count} of {total})", parts)
            }
            var all = parts
            all["percent"] = String(Int((fraction * 100).rounded()))
            // TRANSLATORS: a share of a report; {count} and {total} may be marks for hidden counts (<5, x).
            return tr("{percent}% ({count} of {total})", all)
        }
        func days(_ section: String, _ item: String) -> String {
            let figure = shown[FigureKey(section, item, "median")]
            if figure?.suppressed != nil { return "x" }
            guard let median = figure?.number else { return "—" }
            let text = DashboardReport.number(median)
            guard median == median.rounded(), let whole = Int(exactly: median) else {
                // TRANSLATORS: a median number of days with a fraction, "12.5 days".
                return tr("{days} days", ["days": text])
            }
            return trn("{days} day", "{days} days", whole, ["days": text])
        }
        var lines: [String] = []
        func line(_ label: String, _ value: String) {
            lines.append("  " + label + String(repeating: " ", count: max(1, 34 - label.count)) + value)
        }
        lines.append(tr("Casebook caseload report, {day}", ["day": board.today.iso]))
        lines.append(
            tr(
                "Period {from} to {to}; {scope}.",
                ["from": board.filter.from.iso, "to": board.filter.to.iso, "scope": scope]))
        lines.append("")
        lines.append(tr("Caseload per officer (open cases)"))
        // TRANSLATORS: the column headings of the report's caseload table; each word starts above its
        // column (officer at 3, open ending at 26, newcomer at 37, authority at 46, no contact at 58).
        lines.append(tr("  officer             open   overdue: newcomer  authority   no contact 30+ days"))
        for officer in board.officers {
            let name = officer.username.count > 18 ? String(officer.username.prefix(17)) + "~" : officer.username
            let user = officer.username
            lines.append(
                "  " + name + String(repeating: " ", count: 19 - name.count)
                    + pad(value("caseload", user, "open_cases"), 5)
                    + pad(value("caseload", user, "overdue_newcomer"), 19)
                    + pad(value("caseload", user, "overdue_authority"), 11)
                    + pad(value("caseload", user, "no_contact_30_days"), 22))
        }
        if board.officers.isEmpty { lines.append("  " + tr("(no open cases)")) }
        lines.append("")
        lines.append(tr("Cases per phase"))
        for phase in CasePhase.allCases where board.phases[phase, default: 0] > 0 {
            line(phase.label, value("phases", phase.rawValue, "clients"))
        }
        lines.append("")
        lines.append(tr("Overdue obligations by party"))
        let today = board.today.iso
        func parties(_ section: String, _ day: String) -> String {
            tr(
                "newcomer {newcomer}, authority {authority}",
                ["newcomer": value(section, day, "newcomer"), "authority": value(section, day, "authority")])
        }
        line(tr("Now ({day})", ["day": today]), parties("overdue_now", today))
        for point in board.overdueByMonth {
            let day = point.day.iso
            line("  " + tr("at {day}", ["day": day]), parties("overdue_by_month", day))
        }
        lines.append("")
        lines.append(tr("Language: open, enrolled clients at or above target"))
        for skill in Skill.core { line(skill.label, share("language_at_target", skill.rawValue)) }
        lines.append(tr("Lowest current level over the five skills"))
        for level in CEFRLevel.allCases where board.levels[level.rank, default: 0] > 0 {
            line(level.rawValue, value("language_levels", level.rawValue, "clients"))
        }
        line(tr("Not yet assessed in all five"), value("language_levels", "not_fully_assessed", "clients"))
        lines.append("")
        lines.append(tr("Recognition of qualifications (open cases)"))
        for stage in RecognitionStage.allCases where board.recognitionStages[stage, default: 0] > 0 {
            line(stage.label, value("recognition_stages", stage.rawValue, "files"))
        }
        line(tr("Decided within the deadline"), share("recognition_decisions", "within_deadline"))
        line(tr("Complete file to decision, median"), days("recognition_decisions", "days_complete_to_decision"))
        lines.append("")
        line(tr("Civic orientation completed"), share("civic_orientation", "completed"))
        lines.append("")
        lines.append(tr("Exits in the period"))
        for reason in ExitReason.allCases where board.exits[reason, default: 0] > 0 {
            line(reason.label, value("exits", reason.rawValue, "cases"))
        }
        let targetNote =
            board.target.map { tr(" (target {target})", ["target": $0.percent]) } ?? tr(" (no target set)")
        line(tr("To work or education"), share("exits", "work_or_education") + targetNote)
        lines.append("")
        lines.append(tr("Main activity recorded in the period (in work or education)"))
        for stage in OutcomeStage.allCases {
            line(stage.label, share("outcomes", stage.rawValue) + targetNote)
        }
        lines.append(DashboardReport.targetLine(board.target))
        lines.append("")
        lines.append(tr("Active citizenship: open cases with an activity in the period"))
        line(tr("Any activity"), share("active_citizenship", "any"))
        for kind in ActivityKind.allCases where board.participationByKind[kind, default: Share(0, of: 0)].count > 0 {
            line(kind.label, share("active_citizenship", kind.rawValue))
        }
        lines.append("")
        line(
            tr("Offer to programme start, median"),
            days("offer_to_start", "days")
                // TRANSLATORS: after a median of days; {starts} is a count or a mark for a hidden count (<5, x).
                + tr(" ({starts} starts)", ["starts": value("offer_to_start", "starts", "count")]))
        lines.append("")
        if suppressBelow > 1 {
            lines.append(
                tr(
                    "Small numbers hidden: <{below} is a count from 1 to {most}; x is hidden so that none can be worked out from a total;\na share or median over fewer than {below} is not given.",
                    ["below": String(suppressBelow), "most": String(suppressBelow - 1)]))
        } else {
            lines.append(
                tr(
                    "Small numbers are not hidden ([report] suppress_below = {below}).",
                    ["below": String(max(0, suppressBelow))]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(1, width - text.count)) + text
    }
}
