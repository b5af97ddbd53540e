import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// Bars drawn with eighth blocks (or ASCII when the terminal is not UTF-8).
enum Bars {
    /// A bar `width` cells wide, filled to `fraction` (0...1), empty part as spaces.
    static func horizontal(_ fraction: Double, width: Int, glyphs: Glyphs) -> String {
        let clamped = max(0, min(1, fraction.isFinite ? fraction : 0))
        let eighths = Int((clamped * Double(width * 8)).rounded())
        let full = eighths / 8
        let rest = eighths % 8
        var bar = String(repeating: glyphs.eighths[7], count: full)
        if rest > 0, full < width { bar += glyphs.eighths[rest - 1] }
        return bar + String(repeating: " ", count: max(0, width - TextWidth.of(bar)))
    }
}

func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }

func hours(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value))" : String((value * 10).rounded() / 10)
}

/// The Language tab: a ladder per skill from Pre-A1 to C2 with current level and target, the
/// assessment history, and courses with attendance.
final class LanguageTab: ScrolledTab {
    let id = RecordTabID.language
    var client: Client
    let shows: Changes = [.language, .enrolment]
    var page = PageScroll()
    private var standing = LanguageStanding(assessments: [], targets: [:])
    private var assessments: [LanguageAssessment] = []
    private var courses: [CourseEnrolment] = []
    private var attendance: [Int64: [AttendanceEntry]] = [:]
    private var enrolled: (programme: Programme, profile: String?)?
    private var applied: AppliedProgramme?

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        standing = try app.store.languageStanding(clientID: client.id, by: app.me.id)
        assessments = try app.store.assessments(clientID: client.id, by: app.me.id)
        courses = try app.store.courses(clientID: client.id, by: app.me.id)
        attendance = try app.store.attendance(clientID: client.id, by: app.me.id)
        enrolled = try app.store.programme(forClient: client.id, by: app.me.id)
        applied = try app.store.appliedProgramme(forClient: client.id, by: app.me.id)
    }

    static let bindings: [Binding<LanguageTab>] =
        [
            Binding(.addAssessment) { tab, app in .push(TrackForms.assessment(app: app, client: tab.client)) },
            Binding(.overrideTarget) { tab, app in .push(TrackForms.target(app: app, client: tab.client)) },
            Binding(.addCourse) { tab, app in .push(TrackForms.course(app: app, client: tab.client)) },
            Binding(
                .addAttendance,
                unavailable: { tab, app in
                    tab.courses.isEmpty
                        ? tr("Add a course first: {key} adds one.", ["key": app.keys.hint(.addCourse)]) : nil
                }
            ) { tab, app in .push(TrackForms.attendance(app: app, client: tab.client, courses: tab.courses)) },
        ] + scrolling

    func bindings(app: App) -> [BoundCommand] { LanguageTab.bindings.bound(to: self, app: app) }

    func lines(width: Int, glyphs g: Glyphs, app: App) -> [[(String, TextRole)]] {
        var lines: [[(String, TextRole)]] = []
        let today = app.clock.today
        let attended = attendance.values.flatMap { $0 }.filter { $0.date <= today }.reduce(0) { $0 + $1.attendedHours }
        if let (programme, profileID) = enrolled {
            let profile = programme.profile(profileID)
            let budget = programme.languageBudget(profile: profileID)
            let named =
                profile.map { tr("{programme} · {profile}", ["programme": programme.name, "profile": $0.name]) }
                ?? tr("{programme} · no profile", ["programme": programme.name])
            lines.append([(named, .emphasis)])
            if let applied { lines += ProgrammeLines.version(applied, glyphs: g) }
            switch budget {
            case .notSetByLaw:
                lines.append([
                    (
                        tr(
                            "Hours: not set by law (training runs until the level is reached) · attended {hours}",
                            [
                                "hours": hours(attended)
                            ]), .normal
                    )
                ])
            case .hours(let budgetHours, let basis):
                lines.append([
                    (
                        tr(
                            "Hours: budget {budget} ({basis}) · attended {attended} · left {left}",
                            [
                                "budget": String(budgetHours), "basis": ProgrammeLines.basis(basis),
                                "attended": hours(attended),
                                "left": hours(budget.remaining(after: attended) ?? 0),
                            ]), .normal
                    )
                ])
            }
        } else {
            lines.append([
                (tr("Not enrolled in a programme: no targets. {key} enrols.", ["key": app.keys.hint(.enrol)]), .warning)
            ])
        }
        lines.append([])
        // The ladder.
        let cell = 4
        let levels = CEFRLevel.allCases
        var header: [(String, TextRole)] = [(TextWidth.fit(tr("Skill"), to: 19), .columnHeader)]
        for level in levels {
            header.append((TextWidth.fit(level == .preA1 ? "pA1" : level.rawValue, to: cell), .columnHeader))
        }
        // TRANSLATORS: the language ladder's last columns, 7 and 8 characters wide: the level now, the target.
        header.append((" " + TextWidth.fit(tr("Now"), to: 7) + TextWidth.fit(tr("Target"), to: 8), .columnHeader))
        lines.append(header)
        let skills =
            Skill.core
            + (standing.current[.mediation] != nil || standing.targets[.mediation] != nil ? [.mediation] : [])
        for skill in skills {
            let current = standing.current[skill]
            let target = standing.targets[skill]
            // A skill's name cut to its column keeps a space before the ladder.
            var line: [(String, TextRole)] = [(TextWidth.fit(skill.label, to: 18) + " ", .label)]
            for level in levels {
                let reached = current.map { level <= $0 } ?? false
                let fill = reached ? String(repeating: g.eighths[7], count: 3) : " " + (g.separator) + " "
                var text = fill + " "
                var role: TextRole = reached ? .success : .dim
                if level == target {
                    text = (reached ? g.eighths[7] + "T" + g.eighths[7] : "[T]") + " "
                    role = reached ? .success : .warning
                }
                line.append((text, role))
            }
            let met = standing.isMet(skill)
            let override = standing.overrides[skill].map { " " + tr("(set: {reason})", ["reason": $0.reason]) } ?? ""
            // Pre-A1 is written pA1 here as in the ladder's heading: its six letters would touch the target.
            let now = current.map { $0 == .preA1 ? "pA1" : $0.rawValue } ?? "—"
            line.append((" " + TextWidth.fit(now, to: 6), .emphasis))
            line.append((TextWidth.fit(target?.rawValue ?? "—", to: 7), .normal))
            // TRANSLATORS: beside the check mark at the end of a ladder line: at most 3 letters.
            let metText = g.check + " " + tr("met")
            // TRANSLATORS: at the end of a ladder line, when the level is below the target: at most 5 letters.
            let belowText = tr("below")
            line.append((target == nil ? "" : met ? metText : belowText, met ? .success : .warning))
            if !override.isEmpty { line.append((override, .dim)) }
            lines.append(line)
        }
        let (met, of) = standing.metCount
        lines.append([
            (
                of == 0
                    ? tr("No targets.")
                    : standing.isMet
                        ? trn(
                            "{met} of {count} skill at target — target met",
                            "{met} of {count} skills at target — target met",
                            of, ["met": String(met)])
                        : trn(
                            "{met} of {count} skill at target", "{met} of {count} skills at target", of,
                            ["met": String(met)]),
                standing.isMet ? .success : .emphasis
            )
        ])
        lines.append([])

        // Courses.
        lines.append([(tr("Courses"), .title)])
        if courses.isEmpty {
            lines.append([(tr("None yet. {key} adds a course.", ["key": app.keys.hint(.addCourse)]), .dim)])
        }
        for course in courses {
            let ledger = Attendance(entries: attendance[course.id] ?? [], through: today)
            // TRANSLATORS: a course with no end date yet.
            let period = "\(course.startsOn.shown)–\(course.endsOn?.shown ?? tr("open"))"
            var line: [(String, TextRole)] = [
                (TextWidth.fit("\(course.level.rawValue) \(course.provider)", to: 32) + " ", .normal),
                (period + "  ", .dim),
            ]
            if let rate = ledger.rate {
                line.append((Bars.horizontal(rate, width: 12, glyphs: g), ledger.isBelowMinimum ? .warning : .success))
                line.append(
                    (
                        " "
                            + tr(
                                "{percent} of {hours} h", ["percent": percent(rate), "hours": hours(ledger.scheduled)]),
                        .normal
                    ))
                let missed = AbsenceKind.allCases.compactMap { kind in
                    ledger.missed[kind].map { kind.missed(hours: hours($0)) }
                }
                if !missed.isEmpty {
                    line.append(("  " + tr("missed: {reasons}", ["reasons": missed.joined(separator: ", ")]), .dim))
                }
            } else {
                line.append((tr("no attendance recorded"), .dim))
            }
            lines.append(line)
        }
        lines.append([])

        // Assessment history.
        lines.append([(tr("Assessments"), .title)])
        if assessments.isEmpty {
            lines.append([(tr("None yet. {key} records one.", ["key": app.keys.hint(.addAssessment)]), .dim)])
        }
        for assessment in assessments {
            let certified = assessment.isCertified ? tr("certified") : ""
            lines.append([
                (
                    "\(assessment.date.shown)  \(TextWidth.fit(assessment.skill.label, to: 18)) \(TextWidth.fit(assessment.level.rawValue, to: 6))",
                    .normal
                ),
                (
                    "\(TextWidth.fit(assessment.instrument, to: 20)) \(TextWidth.fit(assessment.provider, to: 26)) \(certified)",
                    .dim
                ),
            ])
        }
        return lines
    }
}

/// The Qualifications tab: each foreign qualification with its recognition stage, days in
/// stage and the authority's deadline (acknowledgement, decision) under the file's procedure;
/// the selected file's details and steps below.
final class QualificationsTab: SelectingTab {
    let id = RecordTabID.qualifications
    var client: Client
    let shows: Changes = [.qualifications, .enrolment]
    private(set) var files: [Qualification] = []
    /// The client's programme: its procedures and their deadlines.
    private var programme: Programme?
    private var events: [RecognitionEvent] = []
    var viewport = ListViewport()
    var selected: Int { viewport.selected }
    var rowCount: Int { files.count }

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        files = try app.store.qualifications(clientID: client.id, by: app.me.id)
        programme = try app.store.programme(forClient: client.id, by: app.me.id)?.programme
        viewport.clamp(count: files.count)
        try selectionMoved(app: app)
    }

    /// The steps shown are the selected file's.
    func selectionMoved(app: App) throws {
        events =
            try files.indices.contains(selected)
            ? app.store.recognitionEvents(qualificationID: files[selected].id, by: app.me.id) : []
    }

    static let bindings: [Binding<QualificationsTab>] =
        [
            Binding(.addQualification) { tab, app in
                .push(TrackForms.qualification(app: app, client: tab.client, programme: tab.programme))
            },
            Binding(
                .stepQualification,
                unavailable: { tab, app in
                    guard tab.files.indices.contains(tab.selected) else {
                        return tr("No qualification yet; {key} adds one.", ["key": app.keys.hint(.addQualification)])
                    }
                    let file = tab.files[tab.selected]
                    return file.stage.next.isEmpty
                        ? tr("{stage} is final for {title}.", ["stage": file.stage.label, "title": file.title]) : nil
                }
            ) { tab, app in
                guard tab.files.indices.contains(tab.selected) else { return .none }
                return .push(TrackForms.step(app: app, file: tab.files[tab.selected], programme: tab.programme))
            },
            Binding(
                .changeProcedure,
                unavailable: { tab, app in
                    guard tab.files.indices.contains(tab.selected) else {
                        return tr("No qualification yet; {key} adds one.", ["key": app.keys.hint(.addQualification)])
                    }
                    return tab.programme?.recognitionVariants.isEmpty ?? true
                        ? tr("The programme has only the standard procedure.") : nil
                }
            ) { tab, app in
                guard tab.files.indices.contains(tab.selected) else { return .none }
                return .push(TrackForms.procedure(app: app, file: tab.files[tab.selected], programme: tab.programme))
            },
        ] + selecting

    func bindings(app: App) -> [BoundCommand] { QualificationsTab.bindings.bound(to: self, app: app) }

    func render(_ frame: inout Frame, area: Rect, app: App) {
        let today = app.clock.today
        var y = area.y
        // Narrow screens drop country, year and ISCED (the details below show them).
        let wide = area.width >= 110
        let titleWidth = wide ? 29 : 23
        let stageWidth = wide ? 24 : 19
        let header =
            // TRANSLATORS: the Qualifications tab's column headings; Ctry (country) and Year take 4 characters,
            // In stage 9.
            " " + TextWidth.fit(tr("Qualification"), to: titleWidth)
            + (wide ? " " + TextWidth.fit(tr("Ctry"), to: 4) + " " + TextWidth.fit(tr("Year"), to: 4) + " ISCED " : " ")
            + TextWidth.fit(tr("Stage"), to: stageWidth) + " " + TextWidth.fit(tr("In stage"), to: 9) + " "
            + tr("Decision")
        frame.text(header, in: Rect(x: area.x, y: y, width: area.width, height: 1), .columnHeader)
        y += 1
        if files.isEmpty {
            frame.text(
                tr("No foreign qualifications recorded. {key} adds one.", ["key": app.keys.hint(.addQualification)]),
                in: Rect(x: area.x, y: y, width: area.width, height: 1), .dim)
            return
        }
        for (index, file) in files.enumerated() where y < area.maxY {
            let isSelected = index == selected
            let days = file.stageSince.days(until: today)
            var decision = ""
            var role: TextRole = isSelected ? .selected : .normal
            if let left = file.daysToDecision(today: today), let due = file.decisionDue {
                if left < 0 {
                    decision =
                        wide
                        ? tr("OVERDUE {days} d (due {day})", ["days": String(-left), "day": due.shown])
                        : tr("OVERDUE {days} d", ["days": String(-left)])
                    if !isSelected { role = .overdue }
                } else {
                    decision =
                        wide
                        ? tr("due {day}, {days} d left", ["day": due.shown, "days": String(left)])
                        : tr("due in {days} d", ["days": String(left)])
                }
            } else if let decided = file.decidedOn {
                decision =
                    file.decidedInTime == false
                    ? tr("decided {day} (late)", ["day": decided.shown]) : tr("decided {day}", ["day": decided.shown])
            } else if let rule = file.deadlines(under: programme).acknowledgement,
                let due = file.acknowledgementDue(rule: rule)
            {
                let left = today.days(until: due)
                // The authority's overdue item, by the rule My day and the dashboard count with.
                if file.isAcknowledgementLate(today: today, rule: rule) {
                    decision = tr("NOT ACKNOWLEDGED {days} d", ["days": String(-left)])
                    if !isSelected { role = .overdue }
                } else {
                    decision =
                        wide
                        ? tr("acknowledge by {day}, {days} d left", ["day": due.shown, "days": String(left)])
                        : tr("acknowledge in {days} d", ["days": String(left)])
                }
            }
            let facts =
                wide
                ? " " + TextWidth.fit(file.country, to: 4) + " " + TextWidth.fit(String(file.year), to: 4) + " "
                    + TextWidth.fit(String(file.iscedLevel), to: 5) + " "
                : " "
            let text =
                (isSelected ? ">" : " ") + TextWidth.fit(file.title, to: titleWidth) + facts
                + TextWidth.fit(file.stage.label, to: stageWidth) + " "
                + TextWidth.fit(tr("{days} d", ["days": String(days)]), to: 9) + " "
                + decision
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
            y += 1
        }
        y += 1
        guard files.indices.contains(selected), y < area.maxY else { return }
        let file = files[selected]
        var details: [String] = [
            [
                file.title, file.field.isEmpty ? tr("field not given") : file.field,
                file.institution.isEmpty ? tr("institution not given") : file.institution,
                "\(file.country) \(file.year)", "ISCED \(file.iscedLevel)",
            ].joined(separator: " · "),
            ([
                file.hasDocuments ? tr("Documents: available") : tr("Documents: none"),
                file.isRegulatedProfession ? tr("regulated profession") : tr("not regulated"),
            ] + (file.route.map { [tr("route: {route}", ["route": $0.label])] } ?? [])).joined(separator: " · "),
        ]
        details += procedureLines(file)
        if let complete = file.completeOn {
            details.append(
                tr(
                    "File complete {day}; decision due {due}",
                    ["day": complete.shown, "due": file.decisionDue?.shown ?? "—"]))
        }
        if let issued = file.passportIssuedOn {
            let expiry = file.passportExpiresOn
            let expired = expiry.map { $0 < today } ?? false
            let values = ["day": issued.shown, "expiry": expiry?.shown ?? "—"]
            details.append(
                expired
                    ? tr("Qualifications passport issued {day}, valid to {expiry} (EXPIRED)", values)
                    : tr("Qualifications passport issued {day}, valid to {expiry}", values))
        }
        if let measure = file.compensation {
            details.append(
                tr(
                    "{measure} from {start} to {end}",
                    [
                        "measure": measure.label, "start": file.compensationStart?.shown ?? "—",
                        "end": file.compensationEnd?.shown ?? tr("open"),
                    ]))
        }
        for line in details where y < area.maxY {
            frame.text(line, in: Rect(x: area.x, y: y, width: area.width, height: 1), .normal)
            y += 1
        }
        for event in events.reversed() where y < area.maxY {
            let move = (event.from.map { "\($0.label) → " } ?? "") + event.to.label
            let note = event.note.isEmpty ? "" : " · \(event.note)"
            frame.text(
                "  \(event.effectiveOn.shown)  \(move)  " + tr("by {officer}", ["officer": event.recordedBy]) + note,
                in: Rect(x: area.x, y: y, width: area.width, height: 1), .dim)
            y += 1
        }
    }

    /// The file's procedure and the authority's deadlines under it, where the programme has more
    /// than one procedure; nothing where it has only the standard one (nothing to tell apart).
    private func procedureLines(_ file: Qualification) -> [String] {
        guard let programme, !programme.recognitionVariants.isEmpty || file.variant != nil else { return [] }
        let rules = file.deadlines(under: programme)
        let procedure =
            programme.recognitionVariant(file.variant).map {
                tr("Procedure: {name} · {basis}", ["name": $0.name, "basis": $0.legalBasis])
            } ?? tr("Procedure: standard")
        return [
            procedure,
            tr(
                "The authority acknowledges within {acknowledgement} and decides within {decision}.",
                [
                    "acknowledgement": rules.acknowledgement?.description ?? "—",
                    "decision": rules.decision.description,
                ]),
        ]
    }
}

/// The Civic tab: the requirement, progress against the programme's modules, attestation,
/// tests and sessions.
final class CivicTab: ScrolledTab {
    let id = RecordTabID.civic
    var client: Client
    let shows: Changes = [.civic, .enrolment]
    var page = PageScroll()
    private var progress: CivicProgress?
    private var sessions: [CivicSession] = []
    private var programme: Programme?

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        progress = try app.store.civicProgress(clientID: client.id, by: app.me.id)
        sessions = try app.store.civicSessions(clientID: client.id, by: app.me.id)
        programme = try app.store.programme(forClient: client.id, by: app.me.id)?.programme
    }

    static let bindings: [Binding<CivicTab>] =
        [
            Binding(.civicRequirement) { tab, app in
                guard let progress = tab.progress else { return .none }
                return .push(TrackForms.requirement(app: app, client: tab.client, current: progress))
            },
            Binding(
                .addCivicSession,
                unavailable: { tab, app in
                    guard tab.programme?.civicModules.isEmpty ?? true else { return nil }
                    return tr(
                        "Enrol the client in a programme with civic modules first: {key} enrols.",
                        ["key": app.keys.hint(.enrol)])
                }
            ) { tab, app in
                guard let programme = tab.programme else { return .none }
                return .push(TrackForms.session(app: app, client: tab.client, programme: programme))
            },
            Binding(
                .addCivicTest,
                unavailable: { tab, _ in
                    tab.programme?.civicTest == nil ? tr("The client's programme has no civic test.") : nil
                }
            ) { tab, app in
                guard let rule = tab.programme?.civicTest else { return .none }
                return .push(TrackForms.test(app: app, client: tab.client, rule: rule))
            },
            Binding(.attestCivic) { tab, app in .push(TrackForms.attest(app: app, client: tab.client)) },
        ] + scrolling

    func bindings(app: App) -> [BoundCommand] { CivicTab.bindings.bound(to: self, app: app) }

    /// The programme's exemption in words.
    static func describe(_ exemption: CivicTestExemption) -> String {
        switch exemption {
        case .residence(let category) where category == .refugee || category == .subsidiaryProtection:
            return tr(
                "Exempt from the civic test: beneficiary of international protection ({category}).",
                ["category": category.label])
        case .residence(let category):
            return tr("Exempt from the civic test: residence {category}.", ["category": category.label])
        case .age(let age):
            // Ages of an exemption start at 16 (`ProgrammeFile`): never a singular.
            return tr("Exempt from the civic test: aged {age} or more.", ["age": String(age)])
        }
    }

    func lines(width: Int, glyphs g: Glyphs, app: App) -> [[(String, TextRole)]] {
        guard let progress else { return [] }
        var lines: [[(String, TextRole)]] = []
        var requirement = tr("Civic orientation: {requirement}", ["requirement": progress.requirement.label])
        if progress.requirement == .exempt { requirement += " — \(progress.exemptReason)" }
        lines.append([
            (requirement, .emphasis),
            (
                "   \(progress.stage.label)",
                progress.isComplete(hasTest: programme?.civicTest != nil) ? .success : .normal
            ),
        ])
        if let programme {
            var rule = "\(programme.name)"
            if let test = programme.civicTest {
                rule += " · " + tr("test: {test}", ["test": test.name])
                if let questions = test.questions, let mark = test.passMark {
                    rule +=
                        " "
                        + tr("({mark} of {questions} to pass)", ["mark": String(mark), "questions": String(questions)])
                }
            }
            lines.append([(rule, .dim)])
            if let exemption = progress.presetExemption {
                lines.append([(CivicTab.describe(exemption), .success)])
                lines.append([
                    (
                        tr(
                            "Source: the rule of {programme} version {version}, from the client's residence and date of birth; nobody types it.",
                            ["programme": programme.id, "version": String(programme.version)]), .dim
                    )
                ])
            }
        } else {
            lines.append([(tr("Not enrolled in a programme; {key} enrols.", ["key": app.keys.hint(.enrol)]), .warning)])
        }
        lines.append([])
        // Module names take 43 columns; a wide screen gives a preset's longer names up to 70.
        let longestModule = (programme?.civicModules ?? []).map { TextWidth.of($0.name) }.max() ?? 0
        let moduleWidth = width >= 110 ? min(70, max(43, longestModule)) : 43
        lines.append([
            (
                TextWidth.fit(tr("Module"), to: moduleWidth + 1) + TextWidth.fit(tr("Hours"), to: 14) + tr("Progress"),
                .columnHeader
            )
        ])
        for module in programme?.civicModules ?? [] {
            let attended = progress.hoursByModule[module.id] ?? 0
            var line: [(String, TextRole)] = [(TextWidth.fit(module.name, to: moduleWidth) + " ", .label)]
            if let total = module.hours, let done = progress.completion(of: module) {
                line.append(
                    (
                        TextWidth.fit(
                            tr("{hours} of {total} h", ["hours": hours(attended), "total": String(total)]), to: 13)
                            + " ",
                        .normal
                    ))
                line.append((Bars.horizontal(done, width: 16, glyphs: g), done >= 1 ? .success : .warning))
                line.append((" " + percent(done), .normal))
            } else {
                line.append((TextWidth.fit(tr("{hours} h", ["hours": hours(attended)]), to: 13) + " ", .normal))
                line.append((tr("no hours set by the programme"), .dim))
            }
            lines.append(line)
        }
        lines.append([(tr("Attested: {day}", ["day": progress.attestedOn?.shown ?? tr("not yet")]), .normal)])
        lines.append([])
        lines.append([(tr("Tests"), .title)])
        if progress.tests.isEmpty { lines.append([(tr("None yet."), .dim)]) }
        for (index, test) in progress.tests.enumerated() {
            let score =
                test.score.map { s in
                    tr(
                        "{score}/{questions} (pass mark {mark})",
                        [
                            "score": String(s), "questions": programme?.civicTest?.questions.map(String.init) ?? "?",
                            "mark": String(test.passMark ?? 0),
                        ])
                } ?? ""
            let label = index == 0 ? tr("first sitting") : tr("retake {number}", ["number": String(index)])
            lines.append([
                ("\(test.date.shown)  \(TextWidth.fit(score, to: 26)) ", .normal),
                (test.passed ? tr("passed") : tr("failed"), test.passed ? .success : .warning), ("  \(label)", .dim),
            ])
        }
        lines.append([])
        lines.append([(tr("Sessions"), .title)])
        if sessions.isEmpty {
            lines.append([(tr("None yet. {key} records one.", ["key": app.keys.hint(.addCivicSession)]), .dim)])
        }
        for session in sessions {
            let module = programme?.civicModules.first { $0.id == session.moduleID }?.name ?? session.moduleID
            lines.append([
                (
                    "\(session.date.shown)  \(TextWidth.fit(module, to: 40)) "
                        + TextWidth.fit(tr("{hours} h", ["hours": hours(session.hours)]), to: 7) + " "
                        + tr("in {language}", ["language": CodeLabels.language(session.language)]),
                    .normal
                )
            ])
        }
        return lines
    }
}

/// What the presets carry beside the rules: which version applies and from when, and the
/// warnings (an admission stop, a discontinued course type) that concern the client.
enum ProgrammeLines {
    static func basis(_ basis: RuleBasis) -> String {
        switch basis {
        case .law: return tr("set by law")
        case .norm: return tr("an international norm, not national law")
        case .guidance: return tr("guidance, not binding")
        }
    }

    static func version(_ applied: AppliedProgramme, glyphs g: Glyphs) -> [[(String, TextRole)]] {
        var lines: [[(String, TextRole)]] = []
        let since =
            applied.validFrom.map { tr("in force from {day}", ["day": $0.shown]) }
            ?? tr("date of effect not recorded")
        var text = tr("Version {version}, {since}", ["version": String(applied.programme.version), "since": since])
        if let newer = applied.newer {
            text +=
                " \(g.separator) "
                + tr(
                    "version {version} applies to new enrolments from {day}",
                    [
                        "version": String(newer.version), "day": newer.validFrom?.shown ?? "—",
                    ])
        }
        lines.append([(text, .dim)])
        for warning in applied.warnings {
            switch warning {
            case .admissionStopped(let stop):
                lines.append([
                    (
                        tr(
                            "Admission stopped: {what} ({basis})", ["what": stop.description, "basis": stop.legalBasis]),
                        .warning
                    )
                ])
            case .profileDiscontinued(let profile, let since):
                let name = applied.programme.profile(profile)?.name ?? profile
                lines.append([
                    (
                        tr(
                            "{profile} is discontinued since {day}: only courses begun before run on.",
                            [
                                "profile": name, "day": since.shown,
                            ]), .warning
                    )
                ])
            }
        }
        return lines
    }
}
