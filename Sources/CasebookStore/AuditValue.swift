import CasebookCore
import CasebookL10n
import CasebookText

/// A composite value of the audit log or of a contract's events, by its parts.
///
/// The write sites build one from typed parts and store its `stored` text, which is English and
/// byte for byte what the audit always wrote: the log is hash-chained, `casebook audit --format
/// json` hands the text on unchanged, and older rows hold the same text. Screens read a stored
/// text back with `init?(parsing:entity:field:)` and say its parts in the officer's language. A
/// text that is not one of these shapes (a plain code, free text, a shape written by a later
/// version) does not parse and is shown as it was stored.
package enum AuditValue: Hashable, Sendable {
    /// A language assessment: "B1 on 2024-03-01 (DTZ)".
    case assessment(level: CEFRLevel, on: Day, instrument: String)
    /// A skill's target set by the officer ("B1: reason"), or given back to the programme's
    /// ("programme target (reason)").
    case target(level: CEFRLevel?, reason: String)
    /// A course: "A2 at Folkeuniversitetet, 300 h from 2024-03-01".
    case course(level: CEFRLevel, provider: String, hours: Int, from: Day)
    /// A day of a course: "2024-03-01: 3.0 of 4.0 h, 1.0 h sick".
    case attendance(on: Day, attended: Double, scheduled: Double, missed: Double?, absence: AbsenceKind?)
    /// A contract drafted: "draft from no-introduksjon v1, 7 obligations".
    case contractDrafted(programme: String, version: Int, obligations: Int)
    /// A contract signed: "active, version 2 signed 2024-03-01 / 2024-03-02" (newcomer / authority).
    case contractSigned(version: Int, newcomer: Day, authority: Day)
    /// A contract ended: "ended: reason".
    case contractEnded(reason: String)
    /// A contract amended, the new version's number: "2: reason".
    case amendment(version: Int, reason: String)
    /// An obligation's due date counted from an anchor: "2024-06-01 (3 months after contract signature)".
    case due(on: Day, after: TimeSpan, anchor: Anchor)
    /// An obligation's terms: "newcomer: Register with the job centre due 2024-06-01" (due "—" when none).
    case obligation(party: Party, description: String, due: Day?)
    /// An obligation removed: "newcomer: Register with the job centre".
    case removedObligation(party: Party, description: String)
    /// An obligation settled: "met on 2024-03-01", "waived on 2024-03-01: reason".
    case settled(status: ObligationStatus, on: Day, reason: String)
    /// A client exempted from civic orientation: "exempt: reason".
    case exempt(reason: String)
    /// A civic session: "15.0 h on 2024-03-01 in ar" (the language's code).
    case civicSession(hours: Double, on: Day, language: String)
    /// A civic test: "18/24 on 2024-03-01: passed", or "on 2024-03-01: failed" for one without a score.
    case civicTest(score: Int?, questions: Int, on: Day, passed: Bool)
    /// A note: "2024-03-01", "2024-03-01, follow up 2024-03-15".
    case note(on: Day, followUp: Day?)
    /// A programme version imported: "no-introduksjon version 2 from FILE, valid from 2024-01-01".
    case programmeImported(programme: String, version: Int, file: String, validFrom: Day?)
    /// An enrolment: "no-introduksjon v1 standard" (the profile may be empty).
    case enrolment(programme: String, version: Int, profile: String)
    /// An activity's period: "2024-03-01–2024-06-30", open-ended "2024-03-01–".
    case period(from: Day, to: Day?)
    /// A staff member's role in an office: "3:supervisor" (the office's id).
    case officeRole(office: Int64, role: Role)
    /// A qualification: "Nursing (SY, 2012, ISCED 6)", ", procedure VARIANT" when not the standard one.
    case qualification(title: String, country: String, year: Int, isced: Int, procedure: String?)
    /// A job held before: "2221 Nurse, 7 y, SY" ("-" when the occupation has no ISCO code).
    case workExperience(isco: String?, title: String, years: Int, country: String)
    /// An outcome: "2024-03-01 work full 2" (day, main activity, working time and ISCO major group when given).
    case outcome(on: Day, activity: MainActivity, workTime: WorkTime?, iscoMajor: String?)
    /// A legal hold or restriction placed: "2024-03-01: reason".
    case placed(since: Day, reason: String)
    /// A client added by an import: "import batch 4, row 12".
    case importedRow(batch: Int64, row: Int)
    /// A record removed with its import batch undone: "import batch 4".
    case importBatch(Int64)
    /// A caseload imported: "FILE sha256 HEX: 10 new, 2 present, 1 possible duplicates, 3 refused".
    case clientImport(file: String, sha256: String, created: Int, present: Int, duplicates: Int, refused: Int)
    /// Records imported: "assessments FILE sha256 HEX: 10 new, 2 present, 3 refused".
    case recordImport(kind: RecordKind, file: String, sha256: String, created: Int, present: Int, refused: Int)
    /// An import batch undone: "12 removed, 1 kept, 0 already gone".
    case undo(removed: Int, kept: Int, gone: Int)
    /// A contract's events (`contract_events.note`): drafted "from no-introduksjon v1",
    case draftedFrom(programme: String, version: Int)
    /// signed "version 2: newcomer 2024-03-01, authority 2024-03-02" (the demo writes "version 2"),
    case signedVersion(version: Int, newcomer: Day?, authority: Day?)
    /// amended "version 3: reason".
    case amendedVersion(version: Int, reason: String)

    /// The text the audit stores, in English whatever language Casebook speaks.
    package var stored: String {
        // The audit keeps one language, English, whoever reads it later.
        Messages.speaking(nil) { english }
    }

    private var english: String {
        switch self {
        case .assessment(let level, let day, let instrument): return "\(level.rawValue) on \(day.iso) (\(instrument))"
        case .target(let level?, let reason): return "\(level.rawValue): \(reason)"
        case .target(nil, let reason): return "programme target (\(reason))"
        case .course(let level, let provider, let hours, let day):
            return "\(level.rawValue) at \(provider), \(hours) h from \(day.iso)"
        case .attendance(let day, let attended, let scheduled, let missed, let absence):
            let missedText = absence.map { ", \(missed ?? 0) h \($0.label.lowercased())" } ?? ""
            return "\(day.iso): \(attended) of \(scheduled) h\(missedText)"
        case .contractDrafted(let programme, let version, let count):
            return "draft from \(programme) v\(version), \(count) obligations"
        case .contractSigned(let version, let newcomer, let authority):
            return "active, version \(version) signed \(newcomer.iso) / \(authority.iso)"
        case .contractEnded(let reason): return "ended: \(reason)"
        case .amendment(let version, let reason): return "\(version): \(reason)"
        case .due(let day, let offset, let anchor): return "\(day.iso) (\(offset) after \(anchor.label))"
        case .obligation(let party, let description, let due):
            return "\(party.rawValue): \(description) due \(due?.iso ?? "—")"
        case .removedObligation(let party, let description): return "\(party.rawValue): \(description)"
        case .settled(let status, let day, let reason):
            return "\(status.rawValue) on \(day.iso)" + (reason.isEmpty ? "" : ": \(reason)")
        case .exempt(let reason): return "exempt: \(reason)"
        case .civicSession(let hours, let day, let language): return "\(hours) h on \(day.iso) in \(language)"
        case .civicTest(let score, let questions, let day, let passed):
            let scoreText = score.map { "\($0)/\(questions) " } ?? ""
            return "\(scoreText)on \(day.iso): \(passed ? "passed" : "failed")"
        case .note(let day, let followUp): return day.iso + (followUp.map { ", follow up \($0.iso)" } ?? "")
        case .programmeImported(let programme, let version, let file, let validFrom):
            return "\(programme) version \(version) from \(file)" + (validFrom.map { ", valid from \($0.iso)" } ?? "")
        case .enrolment(let programme, let version, let profile): return "\(programme) v\(version) \(profile)"
        case .period(let from, let to): return "\(from.iso)–\(to?.iso ?? "")"
        case .officeRole(let office, let role): return "\(office):\(role.rawValue)"
        case .qualification(let title, let country, let year, let isced, let procedure):
            return "\(title) (\(country), \(year), ISCED \(isced))" + (procedure.map { ", procedure \($0)" } ?? "")
        case .workExperience(let isco, let title, let years, let country):
            return "\(isco ?? "-") \(title), \(years) y, \(country)"
        case .outcome(let day, let activity, let workTime, let major):
            return [day.iso, activity.rawValue, workTime?.rawValue, major].compactMap { $0 }.joined(separator: " ")
        case .placed(let since, let reason): return "\(since.iso): \(reason)"
        case .importedRow(let batch, let row): return "import batch \(batch), row \(row)"
        case .importBatch(let batch): return "import batch \(batch)"
        case .clientImport(let file, let sha256, let created, let present, let duplicates, let refused):
            return "\(file) sha256 \(sha256): \(created) new, \(present) present, "
                + "\(duplicates) possible duplicates, \(refused) refused"
        case .recordImport(let kind, let file, let sha256, let created, let present, let refused):
            return "\(kind.rawValue) \(file) sha256 \(sha256): \(created) new, \(present) present, \(refused) refused"
        case .undo(let removed, let kept, let gone): return "\(removed) removed, \(kept) kept, \(gone) already gone"
        case .draftedFrom(let programme, let version): return "from \(programme) v\(version)"
        case .signedVersion(let version, let newcomer?, let authority?):
            return "version \(version): newcomer \(newcomer.iso), authority \(authority.iso)"
        case .signedVersion(let version, _, _): return "version \(version)"
        case .amendedVersion(let version, let reason): return "version \(version): \(reason)"
        }
    }
}

// MARK: Reading a stored text back

extension AuditValue {
    /// The parts of an audit row's stored value, for the row's entity and field (`audit.entity`,
    /// `audit.field`); nil for a text that is not a composite value of that field.
    package init?(parsing text: String, entity: String, field: String) {
        guard let value = AuditValue.candidate(text, entity: AuditEntity(rawValue: entity), field: field),
            value.stored == text
        else { return nil }
        self = value
    }

    /// The parts of a contract event's note (`contract_events.note`) for its kind ("drafted",
    /// "signed", "amended"); nil for a note of free text (a review's, an ending's reason).
    package init?(parsingEvent note: String, kind: String) {
        let value: AuditValue?
        switch kind {
        case "drafted":
            value = note.wholeMatch(of: #/from (\S+) v(\d+)/#).flatMap { match in
                Int(match.2).map { .draftedFrom(programme: String(match.1), version: $0) }
            }
        case "signed":
            if let match = note.wholeMatch(of: #/version (\d+): newcomer (\S+), authority (\S+)/#) {
                value = Int(match.1).flatMap { version in
                    both(Day.iso(match.2), Day.iso(match.3)).map {
                        .signedVersion(version: version, newcomer: $0.0, authority: $0.1)
                    }
                }
            } else {
                value = note.wholeMatch(of: #/version (\d+)/#).flatMap { match in
                    Int(match.1).map { .signedVersion(version: $0, newcomer: nil, authority: nil) }
                }
            }
        case "amended":
            value = note.wholeMatch(of: #/version (\d+): (.*)/#.dotMatchesNewlines()).flatMap { match in
                Int(match.1).map { .amendedVersion(version: $0, reason: String(match.2)) }
            }
        default: value = nil
        }
        // Anything that would not be written back the same is not read as one of these.
        guard let value, value.stored == note else { return nil }
        self = value
    }

    /// What the text would be if it were this field's composite value; `init?(parsing:)` keeps
    /// it only when it is written back byte for byte the same.
    private static func candidate(_ text: String, entity: AuditEntity?, field: String) -> AuditValue? {
        switch (entity, field) {
        case (.assessment, _) where Skill(rawValue: field) != nil:
            guard let match = text.wholeMatch(of: #/(\S+) on (\d{4}-\d\d-\d\d) \((.*)\)/#.dotMatchesNewlines()),
                let level = CEFRLevel(rawValue: String(match.1)), let day = Day.iso(match.2)
            else { return nil }
            return .assessment(level: level, on: day, instrument: String(match.3))
        case (.target, _) where Skill(rawValue: field) != nil:
            if let match = text.wholeMatch(of: #/programme target \((.*)\)/#.dotMatchesNewlines()) {
                return .target(level: nil, reason: String(match.1))
            }
            guard let match = text.wholeMatch(of: #/(\S+): (.*)/#.dotMatchesNewlines()),
                let level = CEFRLevel(rawValue: String(match.1))
            else { return nil }
            return .target(level: level, reason: String(match.2))
        case (.course, "course"):
            guard
                let match = text.wholeMatch(
                    of: #/(\S+) at (.*), (\d+) h from (\d{4}-\d\d-\d\d)/#.dotMatchesNewlines()),
                let level = CEFRLevel(rawValue: String(match.1)), let hours = Int(match.3), let day = Day.iso(match.4)
            else { return nil }
            return .course(level: level, provider: String(match.2), hours: hours, from: day)
        case (.attendance, "attendance"):
            guard let match = text.wholeMatch(of: #/(\d{4}-\d\d-\d\d): (\S+) of (\S+) h(?:, (\S+) h (.+))?/#),
                let day = Day.iso(match.1), let attended = Double(match.2), let scheduled = Double(match.3)
            else { return nil }
            guard let missedText = match.4, let kindText = match.5 else {
                return .attendance(on: day, attended: attended, scheduled: scheduled, missed: nil, absence: nil)
            }
            let kind = Messages.speaking(nil) {
                AbsenceKind.allCases.first { $0.label.lowercased() == kindText }
            }
            guard let kind, let missed = Double(missedText) else { return nil }
            return .attendance(on: day, attended: attended, scheduled: scheduled, missed: missed, absence: kind)
        case (.contract, "status"):
            if let match = text.wholeMatch(of: #/draft from (\S+) v(\d+), (\d+) obligations/#) {
                guard let version = Int(match.2), let count = Int(match.3) else { return nil }
                return .contractDrafted(programme: String(match.1), version: version, obligations: count)
            }
            if let match = text.wholeMatch(of: #/active, version (\d+) signed (\S+) \/ (\S+)/#) {
                guard let version = Int(match.1), let days = both(Day.iso(match.2), Day.iso(match.3)) else {
                    return nil
                }
                return .contractSigned(version: version, newcomer: days.0, authority: days.1)
            }
            return text.wholeMatch(of: #/ended: (.*)/#.dotMatchesNewlines()).map {
                .contractEnded(reason: String($0.1))
            }
        case (.contract, "version"):
            guard let match = text.wholeMatch(of: #/(\d+): (.*)/#.dotMatchesNewlines()), let version = Int(match.1)
            else { return nil }
            return .amendment(version: version, reason: String(match.2))
        case (.obligation, "due_on"):
            guard let match = text.wholeMatch(of: #/(\d{4}-\d\d-\d\d) \((\d+) (\S+) after (.+)\)/#),
                let day = Day.iso(match.1), let amount = Int(match.2)
            else { return nil }
            let (unitText, anchorText) = (String(match.3), String(match.4))
            return Messages.speaking(nil) {
                let units: [TimeSpan.Unit] = [.days, .weeks, .months, .years]
                guard let unit = units.first(where: { TimeSpan(amount, $0).description == "\(amount) \(unitText)" }),
                    let anchor = Anchor.allCases.first(where: { $0.label == anchorText })
                else { return nil }
                return .due(on: day, after: TimeSpan(amount, unit), anchor: anchor)
            }
        case (.obligation, "added"), (.obligation, "terms"):
            guard
                let match = text.wholeMatch(
                    of: #/(\w+): (.*) due (\d{4}-\d\d-\d\d|—)/#.dotMatchesNewlines()),
                let party = Party(rawValue: String(match.1))
            else { return nil }
            let due = Day.iso(match.3)
            guard due != nil || match.3 == "—" else { return nil }
            return .obligation(party: party, description: String(match.2), due: due)
        case (.obligation, "removed"):
            guard let match = text.wholeMatch(of: #/(\w+): (.*)/#.dotMatchesNewlines()),
                let party = Party(rawValue: String(match.1))
            else { return nil }
            return .removedObligation(party: party, description: String(match.2))
        case (.obligation, "status"):
            guard let match = text.wholeMatch(of: #/(\w+) on (\d{4}-\d\d-\d\d)(?:: (.*))?/#.dotMatchesNewlines()),
                let status = ObligationStatus(rawValue: String(match.1)), let day = Day.iso(match.2)
            else { return nil }
            return .settled(status: status, on: day, reason: match.3.map(String.init) ?? "")
        case (.civic, "requirement"):
            return text.wholeMatch(of: #/exempt: (.*)/#.dotMatchesNewlines()).map { .exempt(reason: String($0.1)) }
        case (.civicSession, _):
            guard let match = text.wholeMatch(of: #/(\S+) h on (\d{4}-\d\d-\d\d) in (\S+)/#),
                let hours = Double(match.1), let day = Day.iso(match.2)
            else { return nil }
            return .civicSession(hours: hours, on: day, language: String(match.3))
        case (.civicTest, "result"):
            guard let match = text.wholeMatch(of: #/(?:(\d+)\/(\d+) )?on (\d{4}-\d\d-\d\d): (passed|failed)/#),
                let day = Day.iso(match.3)
            else { return nil }
            let score = match.1.flatMap { Int($0) }
            let questions = match.2.flatMap { Int($0) } ?? 0
            return .civicTest(score: score, questions: questions, on: day, passed: match.4 == "passed")
        case (.note, _) where ContactType(rawValue: field) != nil:
            guard let match = text.wholeMatch(of: #/(\d{4}-\d\d-\d\d)(?:, follow up (\d{4}-\d\d-\d\d))?/#),
                let day = Day.iso(match.1)
            else { return nil }
            return .note(on: day, followUp: match.2.flatMap { Day.iso($0) })
        case (.programme, "import"):
            guard
                let match = text.wholeMatch(
                    of: #/(\S+) version (\d+) from (.*?)(?:, valid from (\d{4}-\d\d-\d\d))?/#.dotMatchesNewlines()),
                let version = Int(match.2)
            else { return nil }
            return .programmeImported(
                programme: String(match.1), version: version, file: String(match.3),
                validFrom: match.4.flatMap { Day.iso($0) })
        case (.enrolment, "programme"):
            guard let match = text.wholeMatch(of: #/(\S+) v(\d+) (\S*)/#), let version = Int(match.2) else {
                return nil
            }
            return .enrolment(programme: String(match.1), version: version, profile: String(match.3))
        case (.participation, _) where ActivityKind(rawValue: field) != nil:
            guard let match = text.wholeMatch(of: #/(\d{4}-\d\d-\d\d)–(\d{4}-\d\d-\d\d)?/#), let from = Day.iso(match.1)
            else { return nil }
            return .period(from: from, to: match.2.flatMap { Day.iso($0) })
        case (.staff, "office"):
            guard let match = text.wholeMatch(of: #/(\d+):(\w+)/#), let office = Int64(match.1),
                let role = Role(rawValue: String(match.2))
            else { return nil }
            return .officeRole(office: office, role: role)
        case (.qualification, "qualification"):
            guard
                let match = text.wholeMatch(
                    of: #/(.*) \((\S+), (\d+), ISCED (\d+)\)(?:, procedure (.+))?/#.dotMatchesNewlines()),
                let year = Int(match.3), let isced = Int(match.4)
            else { return nil }
            return .qualification(
                title: String(match.1), country: String(match.2), year: year, isced: isced,
                procedure: match.5.map(String.init))
        case (.workExperience, "added"):
            guard let match = text.wholeMatch(of: #/(\S+) (.*), (\d+) y, (\S+)/#.dotMatchesNewlines()),
                let years = Int(match.3)
            else { return nil }
            let isco = match.1 == "-" ? nil : String(match.1)
            return .workExperience(isco: isco, title: String(match.2), years: years, country: String(match.4))
        case (.outcome, _) where OutcomeStage(rawValue: field) != nil:
            let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard words.count >= 2, let day = Day.iso(words[0][...]), let activity = MainActivity(rawValue: words[1])
            else { return nil }
            var rest = words.dropFirst(2)
            let workTime = rest.first.flatMap(WorkTime.init(rawValue:))
            if workTime != nil { rest = rest.dropFirst() }
            guard rest.count <= 1 else { return nil }
            return .outcome(on: day, activity: activity, workTime: workTime, iscoMajor: rest.first)
        case (.legalHold, "placed"), (.restriction, "placed"):
            guard let match = text.wholeMatch(of: #/(\d{4}-\d\d-\d\d): (.*)/#.dotMatchesNewlines()),
                let since = Day.iso(match.1)
            else { return nil }
            return .placed(since: since, reason: String(match.2))
        case (.client, "record"):
            guard let match = text.wholeMatch(of: #/import batch (\d+), row (\d+)/#), let batch = Int64(match.1),
                let row = Int(match.2)
            else { return nil }
            return .importedRow(batch: batch, row: row)
        case (_, "removed"):
            return text.wholeMatch(of: #/import batch (\d+)/#).flatMap { Int64($0.1) }.map { .importBatch($0) }
        case (.importBatch, "import"):
            if let match = text.wholeMatch(
                of: #/(.*) sha256 ([0-9a-f]+): (\d+) new, (\d+) present, (\d+) possible duplicates, (\d+) refused/#
                    .dotMatchesNewlines())
            {
                guard let created = Int(match.3), let present = Int(match.4), let duplicates = Int(match.5),
                    let refused = Int(match.6)
                else { return nil }
                return .clientImport(
                    file: String(match.1), sha256: String(match.2), created: created, present: present,
                    duplicates: duplicates, refused: refused)
            }
            guard
                let match = text.wholeMatch(
                    of: #/(\w+) (.*) sha256 ([0-9a-f]+): (\d+) new, (\d+) present, (\d+) refused/#.dotMatchesNewlines()),
                let kind = RecordKind(rawValue: String(match.1)), let created = Int(match.4),
                let present = Int(match.5), let refused = Int(match.6)
            else { return nil }
            return .recordImport(
                kind: kind, file: String(match.2), sha256: String(match.3), created: created, present: present,
                refused: refused)
        case (.importBatch, "undo"):
            guard let match = text.wholeMatch(of: #/(\d+) removed, (\d+) kept, (\d+) already gone/#),
                let removed = Int(match.1), let kept = Int(match.2), let gone = Int(match.3)
            else { return nil }
            return .undo(removed: removed, kept: kept, gone: gone)
        default:
            return nil
        }
    }
}

extension Day {
    /// The day an ISO text names, nil when it names none.
    fileprivate static func iso(_ text: Substring) -> Day? { try? Day(iso: String(text)) }
}

/// Both days, or nil when either is missing.
private func both(_ a: Day?, _ b: Day?) -> (Day, Day)? {
    guard let a, let b else { return nil }
    return (a, b)
}
