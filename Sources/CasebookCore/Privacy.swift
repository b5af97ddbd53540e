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

    /// The policy's action for placing the flag.
    package var placeAction: Action { self == .legalHold ? .legalHold : .restrict }

    /// The policy's action for lifting it: only admins lift a restriction.
    package var liftAction: Action { self == .legalHold ? .legalHold : .liftRestriction }
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

/// A programme's own retention period (`[retention]` in its preset) and the law that sets it.
package struct ProgrammeRetention: Hashable, Sendable {
    package var eraseAfter: TimeSpan
    /// The law or regulation that sets the period, as the preset cites it.
    package var legalSource: String

    package init(eraseAfter: TimeSpan, legalSource: String) {
        self.eraseAfter = eraseAfter
        self.legalSource = legalSource
    }
}

/// How long after a case closes the person's data is kept: `[retention] erase_after` in the
/// settings, or a programme's own rule with its legal source, which overrides the site's for
/// the clients enrolled in it. No rule means nothing is erased.
package struct RetentionRule: Hashable, Sendable, CustomStringConvertible {
    /// Where a rule comes from, so that the dry run and `check` can say why it applies.
    package enum Origin: Hashable, Sendable {
        /// The site settings (`casebook.toml`).
        case site
        /// A programme version's preset.
        case programme(id: String, version: Int)
    }

    package var eraseAfter: TimeSpan
    package var origin: Origin
    /// Where the period is written: the settings' file and line, or the law a programme names.
    package var source: String

    package init(eraseAfter: TimeSpan, origin: Origin = .site, source: String) {
        self.eraseAfter = eraseAfter
        self.origin = origin
        self.source = source
    }

    /// A programme version's rule, if its preset sets one.
    package init?(programme: Programme) {
        guard let retention = programme.retention else { return nil }
        self.init(
            eraseAfter: retention.eraseAfter, origin: .programme(id: programme.id, version: programme.version),
            source: retention.legalSource)
    }

    /// "5y after the case closes (casebook.toml:3)", or with the programme and its legal source.
    package var description: String {
        switch origin {
        case .site:
            tr(
                "{period} after the case closes, the site's rule ({source})",
                ["period": eraseAfter.description, "source": source])
        case .programme(let id, let version):
            tr(
                "{period} after the case closes, programme {programme} version {version} ({source})",
                [
                    "period": eraseAfter.description, "programme": id, "version": String(version), "source": source,
                ])
        }
    }

    /// The rule for a client enrolled under a programme version whose own rule is `programme`
    /// (nil when the preset sets none): the programme's, which overrides the site's.
    package static func applying(programme: RetentionRule?, site: RetentionRule?) -> RetentionRule? {
        programme ?? site
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
