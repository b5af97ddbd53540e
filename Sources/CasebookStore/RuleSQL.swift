import CasebookCore

/// Core's rules written in SQL, once each: every query that applies a rule uses the text here,
/// and `RuleSQLTests` holds each to its Core definition.
enum RuleSQL {
    /// `ObligationTiming.overdue`: pending and due before the day bound to its `?` (today).
    /// `alias` names the obligations table ("o"), or is empty when the query reads it alone.
    static func overdue(_ alias: String) -> String {
        let o = qualifier(alias)
        return "(\(o)status = 'pending' AND \(o)due_on < ?)"
    }

    /// `ObligationTiming.dueSoon`: pending and due from the first day bound to the second
    /// (today and seven days ahead: `dueSoonArguments`).
    static func dueSoon(_ alias: String) -> String {
        let o = qualifier(alias)
        return "(\(o)status = 'pending' AND \(o)due_on >= ? AND \(o)due_on <= ?)"
    }

    static func dueSoonArguments(_ today: Day) -> [any SQLBindable] {
        [today, today.adding(days: ObligationTiming.soonDays)]
    }

    /// The obligations that were overdue on some day (`ObligationTiming.wasOverdue`): still
    /// pending, or settled after the day they were due. Word for word the condition of the
    /// partial index `obligations_overdue_history` (migration 4), which SQLite reads only for a
    /// query that states the same condition.
    static let everOverdue = "status = 'pending' OR settled_on > due_on"

    /// `Qualification.isOverdue`: under assessment and due before the day bound to its `?`.
    static func recognitionOverdue(_ alias: String) -> String {
        let q = qualifier(alias)
        return "(\(q)stage = 'under_assessment' AND \(q)decision_due < ?)"
    }

    /// The phases whose cases are still followed (`CasePhase.isOpen`), for `phase IN (…)`.
    static let openPhases = CasePhase.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ")

    /// `CASE level WHEN 'Pre-A1' THEN 0 … END`: a CEFR level's `rank`.
    static func rank(_ expression: String) -> String {
        "CASE \(expression) "
            + CEFRLevel.allCases.map { "WHEN '\($0.rawValue)' THEN \($0.rank)" }.joined(separator: " ") + " END"
    }

    private static func qualifier(_ alias: String) -> String { alias.isEmpty ? "" : alias + "." }
}
