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

    /// `Qualification.isAcknowledgementLate`: submitted, and the acknowledgement deadline of the
    /// file's procedure after the day it was submitted lies before the day bound to its `?`
    /// (today). The query joins `acknowledgementJoin`, which gives the deadline as `TimeSpan`
    /// text: the variant's where the file runs under one of its programme version, else the
    /// programme version's own; a client in no programme owes no acknowledgement.
    static func acknowledgementLate(_ alias: String) -> String {
        let q = qualifier(alias)
        let span = "coalesce(ack_v.acknowledge_within, ack_p.recognition_acknowledgement)"
        return "(\(q)stage = 'submitted' AND \(after(span, q + "stage_since")) < ?)"
    }

    /// The programme rules `acknowledgementLate` reads, for qualifications named `alias`.
    static func acknowledgementJoin(_ alias: String) -> String {
        let q = qualifier(alias)
        return """
            JOIN enrolments ack_e ON ack_e.client_id = \(q)client_id
            JOIN programmes ack_p ON ack_p.id = ack_e.programme_id AND ack_p.version = ack_e.programme_version
            LEFT JOIN programme_recognition_variants ack_v ON ack_v.programme_id = ack_p.id
                AND ack_v.version = ack_p.version AND ack_v.variant_id = \(q)variant
            """
    }

    /// `TimeSpan.after`: the ISO day `span` (TimeSpan text, "2w", "1m") after the ISO day
    /// `day`, months and years clamped to the end of a shorter month as `Day.adding(months:)`
    /// does (SQLite's own '+1 month' runs over into the next month instead).
    static func after(_ span: String, _ day: String) -> String {
        let amount = "CAST(substr(\(span), 1, length(\(span)) - 1) AS INTEGER)"
        let unit = "substr(\(span), -1)"
        let months = "(\(amount) * CASE \(unit) WHEN 'y' THEN 12 ELSE 1 END)"
        let dayOfMonth = "(CAST(strftime('%d', \(day)) AS INTEGER) - 1)"
        return """
            (CASE \(unit) WHEN 'd' THEN date(\(day), '+' || \(amount) || ' days') \
            WHEN 'w' THEN date(\(day), '+' || (7 * \(amount)) || ' days') \
            ELSE min(date(\(day), 'start of month', '+' || \(months) || ' months', '+' || \(dayOfMonth) || ' days'), \
            date(\(day), 'start of month', '+' || (\(months) + 1) || ' months', '-1 day')) END)
            """
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
