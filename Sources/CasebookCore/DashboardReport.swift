/// The dashboard's figures as a report: text for reading, CSV (one figure per row) for a
/// spreadsheet, JSON for other programs. Pseudonymised: counts, shares and medians only; no
/// client's name, case number or date of birth. Officers appear by user name.
package struct DashboardReport: Sendable {
    package var board: Dashboard
    /// How the filter reads: "programme sample, officer okarlsen".
    package var scope: String

    package init(board: Dashboard, scope: String) {
        self.board = board
        self.scope = scope
    }

    /// Every figure as (section, item, measure, value), in report order.
    package var rows: [(section: String, item: String, measure: String, value: String)] {
        var rows: [(String, String, String, String)] = []
        func number(_ value: Double?) -> String {
            guard let value else { return "" }
            return value == value.rounded() ? String(Int(value)) : String(value)
        }
        func share(_ section: String, _ item: String, _ share: Share) {
            rows.append((section, item, "count", String(share.count)))
            rows.append((section, item, "of", String(share.of)))
            rows.append((section, item, "share", share.fraction.map { String(Double(Int(($0 * 1000).rounded())) / 1000) } ?? ""))
        }
        for officer in board.officers {
            rows.append(("caseload", officer.username, "open_cases", String(officer.openCases)))
            rows.append(("caseload", officer.username, "overdue_newcomer", String(officer.overdueNewcomer)))
            rows.append(("caseload", officer.username, "overdue_authority", String(officer.overdueAuthority)))
            rows.append(("caseload", officer.username, "no_contact_30_days", String(officer.noContact)))
        }
        for phase in CasePhase.allCases { rows.append(("phases", phase.rawValue, "clients", String(board.phases[phase, default: 0]))) }
        rows.append(("overdue_now", board.today.iso, "newcomer", String(board.overdueNow.newcomer)))
        rows.append(("overdue_now", board.today.iso, "authority", String(board.overdueNow.authority)))
        for point in board.overdueByMonth {
            rows.append(("overdue_by_month", point.day.iso, "newcomer", String(point.newcomer)))
            rows.append(("overdue_by_month", point.day.iso, "authority", String(point.authority)))
        }
        for skill in Skill.core { share("language_at_target", skill.rawValue, board.language[skill] ?? Share(0, of: 0)) }
        for level in CEFRLevel.allCases { rows.append(("language_levels", level.rawValue, "clients", String(board.levels[level.rank, default: 0]))) }
        rows.append(("language_levels", "not_fully_assessed", "clients", String(board.levels[nil, default: 0])))
        for stage in RecognitionStage.allCases {
            rows.append(("recognition_stages", stage.rawValue, "files", String(board.recognitionStages[stage, default: 0])))
        }
        share("recognition_decisions", "within_deadline", board.decidedInTime)
        rows.append(("recognition_decisions", "days_complete_to_decision", "median", number(board.medianDaysToDecision)))
        share("civic_orientation", "completed", board.civic)
        for reason in ExitReason.allCases { rows.append(("exits", reason.rawValue, "cases", String(board.exits[reason, default: 0]))) }
        share("exits", "work_or_education", board.workOrEducation)
        rows.append(("exits", "work_or_education", "target", String(board.exitTarget)))
        rows.append(("offer_to_start", "days", "median", number(board.medianDaysOfferToStart)))
        rows.append(("offer_to_start", "starts", "count", String(board.starts)))
        return rows
    }

    package var csv: String {
        var lines = ["section,item,measure,value"]
        for row in rows { lines.append([row.section, row.item, row.measure, row.value].map(DashboardReport.csvField).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        // A leading = + - @ would be a formula in a spreadsheet; quote and neutralise it.
        let risky = text.first.map { "=+-@".contains($0) } ?? false
        guard risky || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        let escaped = text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
        return "\"" + (risky ? "'" : "") + escaped + "\""
    }

    package var json: String {
        var sections: [(String, [String])] = []
        for row in rows {
            let value = Double(row.value) != nil ? row.value : (row.value.isEmpty ? "null" : DashboardReport.jsonString(row.value))
            let entry = "{\"item\": \(DashboardReport.jsonString(row.item)), \"measure\": \(DashboardReport.jsonString(row.measure)), \"value\": \(value)}"
            if sections.last?.0 == row.section { sections[sections.count - 1].1.append(entry) } else { sections.append((row.section, [entry])) }
        }
        var out = "{\n  \"generated\": \(DashboardReport.jsonString(board.today.iso)),\n"
        out += "  \"period\": {\"from\": \(DashboardReport.jsonString(board.filter.from.iso)), \"to\": \(DashboardReport.jsonString(board.filter.to.iso))},\n"
        out += "  \"scope\": \(DashboardReport.jsonString(scope)),\n  \"figures\": {\n"
        out += sections.map { "    \(DashboardReport.jsonString($0.0)): [\n      " + $0.1.joined(separator: ",\n      ") + "\n    ]" }.joined(separator: ",\n")
        return out + "\n  }\n}\n"
    }

    static func jsonString(_ text: String) -> String {
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

    package var text: String {
        var lines: [String] = []
        func line(_ label: String, _ value: String) { lines.append("  " + label + String(repeating: " ", count: max(1, 34 - label.count)) + value) }
        func days(_ value: Double?) -> String { value.map { "\(number($0)) days" } ?? "—" }
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        lines.append("Casebook caseload report, \(board.today.iso)")
        lines.append("Period \(board.filter.from.iso) to \(board.filter.to.iso); \(scope).")
        lines.append("")
        lines.append("Caseload per officer (open cases)")
        lines.append("  officer             open   overdue: newcomer  authority   no contact 30+ days")
        for officer in board.officers {
            let name = officer.username.count > 18 ? String(officer.username.prefix(17)) + "~" : officer.username
            lines.append("  " + name + String(repeating: " ", count: 19 - name.count) + pad(officer.openCases, 5) + pad(officer.overdueNewcomer, 19) + pad(officer.overdueAuthority, 11) + pad(officer.noContact, 22))
        }
        if board.officers.isEmpty { lines.append("  (no open cases)") }
        lines.append("")
        lines.append("Cases per phase")
        for phase in CasePhase.allCases where board.phases[phase, default: 0] > 0 { line(phase.label, String(board.phases[phase, default: 0])) }
        lines.append("")
        lines.append("Overdue obligations by party")
        line("Now (\(board.today.iso))", "newcomer \(board.overdueNow.newcomer), authority \(board.overdueNow.authority)")
        for point in board.overdueByMonth { line("  at \(point.day.iso)", "newcomer \(point.newcomer), authority \(point.authority)") }
        lines.append("")
        lines.append("Language: open, enrolled clients at or above target")
        for skill in Skill.core { line(skill.label, (board.language[skill] ?? Share(0, of: 0)).text) }
        lines.append("Lowest current level over the five skills")
        for level in CEFRLevel.allCases where board.levels[level.rank, default: 0] > 0 { line(level.rawValue, String(board.levels[level.rank, default: 0])) }
        line("Not yet assessed in all five", String(board.levels[nil, default: 0]))
        lines.append("")
        lines.append("Recognition of qualifications (open cases)")
        for stage in RecognitionStage.allCases where board.recognitionStages[stage, default: 0] > 0 {
            line(stage.label, String(board.recognitionStages[stage, default: 0]))
        }
        line("Decided within the deadline", board.decidedInTime.text)
        line("Complete file to decision, median", days(board.medianDaysToDecision))
        lines.append("")
        line("Civic orientation completed", board.civic.text)
        lines.append("")
        lines.append("Exits in the period")
        for reason in ExitReason.allCases where board.exits[reason, default: 0] > 0 { line(reason.label, String(board.exits[reason, default: 0])) }
        line("To work or education", board.workOrEducation.text + " (target \(Int((board.exitTarget * 100).rounded()))%)")
        lines.append("")
        line("Offer to programme start, median", days(board.medianDaysOfferToStart) + " (\(board.starts) starts)")
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(1, width - text.count)) + text
    }
}
