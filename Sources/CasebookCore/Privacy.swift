import CasebookL10n

/// A flag that keeps a client's record as it is until lifted: a legal hold (kept out of
/// erasure) or a restriction of processing (GDPR Art. 18: read-only for all but admins, and
/// kept out of erasure too, since a person who asks for restriction instead of erasure wants
/// the data kept).
package enum RecordFlag: String, CaseIterable, Sendable, CustomStringConvertible {
    case legalHold = "legal_hold"
    case restriction

    /// The flag's table.
    package var table: String { self == .legalHold ? "legal_holds" : "restrictions" }

    package var description: String { self == .legalHold ? tr("legal hold") : tr("restriction") }
}

/// A legal hold or restriction in force: why, since when, and who placed it.
package struct RecordFlagState: Hashable, Sendable {
    package var flag: RecordFlag
    package var reason: String
    package var since: Day
    package var placedBy: String

    package init(flag: RecordFlag, reason: String, since: Day, placedBy: String) {
        self.flag = flag
        self.reason = reason
        self.since = since
        self.placedBy = placedBy
    }
}

/// The form of a legal hold or a restriction: a reason and the day it applies from.
package struct RecordFlagDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case reason, since

        package var characterLimit: Int? { self == .reason ? 500 : nil }
    }

    package var reason: String
    package var since: Day?

    package init(reason: String = "", since: Day? = nil) {
        self.reason = reason
        self.since = since
    }

    package var requiredFields: Set<Field> { [.reason, .since] }

    /// The reason as stored and the day, or every problem with its field.
    package func validated(today: Day) throws(ValidationFailure<Field>) -> (reason: String, since: Day) {
        var issues = FieldIssues<Field>()
        let reason = issues.text(
            reason, .reason, required: tr("Say why, e.g. the court case or the person's request and its date."))
        let since = issues.pastDay(
            since, .since, today: today, tr("A hold or restriction starts today or earlier, not in the future."))
        guard let since, issues.isEmpty else { throw issues.failure }
        return (reason, since)
    }
}

/// How long after a case closes the person's data is kept: `[retention] erase_after` in the
/// settings, or a programme's own rule with its legal source. No rule means nothing is erased.
package struct RetentionRule: Hashable, Sendable {
    package var eraseAfter: TimeSpan
    /// Where the period comes from: "casebook.toml" or the law a programme names.
    package var source: String

    package init(eraseAfter: TimeSpan, source: String) {
        self.eraseAfter = eraseAfter
        self.source = source
    }

    /// The phases in which a case counts as closed for retention: closed (every exit ends
    /// there), transferred out, archived. A reopened case is open again.
    package static let closedPhases: [CasePhase] = [.closed, .transferredOut, .archived]

    /// True when a case closed on `closedOn` is past the period on `today`.
    package func isDue(closedOn: Day, today: Day) -> Bool { eraseAfter.after(closedOn) <= today }

    /// Parses a period as the settings and `--older-than` write it ("5y", "18m", "90d"); nil
    /// when it is malformed or zero (a zero period would erase a case the day it closes).
    package static func period(_ text: String) -> TimeSpan? {
        guard let span = TimeSpan(text), span.amount > 0 else { return nil }
        return span
    }
}

/// What erasure keeps of a date of birth: the five-year band it falls in, enough for the age
/// figures of past periods and too coarse to pick anyone out.
package struct BirthYearBand: Hashable, Sendable, CustomStringConvertible {
    package let first: Int

    package init(_ day: Day) { first = day.year - ((day.year % 5) + 5) % 5 }

    package var last: Int { first + 4 }

    /// The day the erased record keeps in place of the date of birth: 1 January of the band's
    /// first year.
    package var standIn: Day { Day(year: first, month: 1, day: 1) ?? Day(ordinal: 0) }

    package var description: String { "\(first)-\(last)" }
}
