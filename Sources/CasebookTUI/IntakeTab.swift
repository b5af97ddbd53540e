import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The Intake tab: the mapping of schooling, literacy, skills and goals at the start, the work
/// experience, the learner profile the mapping suggests, and the main activity at exit and a
/// year later: where the person started from and where they went.
final class IntakeTab: ScrolledTab {
    let id = RecordTabID.intake
    var client: Client
    let shows: Changes = [.intake, .enrolment, .phase]
    var page = PageScroll()
    private(set) var mapping: IntakeMapping?
    private var mappedBy: String = ""
    private var work: [WorkExperience] = []
    private(set) var suggestion: ProfileSuggestion?
    private var enrolled: (programme: Programme, profile: String?)?
    private var exit: (on: Day, reason: ExitReason?)?
    private var outcomes: [Outcome] = []

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        mapping = try app.store.intakeMapping(clientID: client.id, by: app.me.id)
        mappedBy = try mapping.flatMap { try app.store.staff(id: $0.mappedBy)?.displayName } ?? ""
        work = try app.store.workExperience(clientID: client.id, by: app.me.id)
        suggestion = try app.store.profileSuggestion(clientID: client.id, by: app.me.id)
        enrolled = try app.store.programme(forClient: client.id, by: app.me.id)
        exit = try app.store.exit(clientID: client.id, by: app.me.id)
        outcomes = try app.store.outcomes(clientID: client.id, by: app.me.id)
    }

    private var hasClosed: Bool { exit != nil && (client.phase == .closed || client.phase == .archived) }

    static let bindings: [Binding<IntakeTab>] =
        [
            Binding(.mapIntake) { tab, app in
                .push(IntakeForms.mapping(app: app, client: tab.client, current: tab.mapping))
            },
            Binding(.addWorkExperience) { tab, app in .push(IntakeForms.work(app: app, client: tab.client)) },
            Binding(
                .confirmProfile,
                unavailable: { tab, app in
                    guard let suggestion = tab.suggestion else {
                        return tab.mapping == nil
                            ? tr("Record the mapping first: {key} records it.", ["key": app.keys.hint(.mapIntake)])
                            : tr("The client's programme does not set its profiles by schooling.")
                    }
                    return suggestion.profileID == tab.enrolled?.profile
                        ? tr("The client is already enrolled in the suggested profile.") : nil
                }
            ) { tab, app in
                guard let suggestion = tab.suggestion, let programme = tab.enrolled?.programme else { return .none }
                return try TrackForms.enrol(
                    app: app, client: tab.client,
                    proposed: ProgrammeChoice(programme.id, version: programme.version, profile: suggestion.profileID))
            },
            Binding(
                .exitOutcome,
                unavailable: { tab, _ in
                    tab.hasClosed ? nil : tr("The case has not closed; the main activity is recorded at exit.")
                }
            ) { tab, app in
                guard let exit = tab.exit else { return .none }
                return .push(
                    IntakeForms.outcome(
                        app: app, client: tab.client, stage: .exit, exit: exit,
                        current: tab.outcomes.first { $0.stage == .exit }))
            },
            Binding(
                .followUpOutcome,
                unavailable: { tab, app in
                    guard tab.hasClosed, let exit = tab.exit else {
                        return tr("The case has not closed; the follow-up comes twelve months after the exit.")
                    }
                    let due = Outcome.followUpDue(exitOn: exit.on)
                    return app.clock.today < due
                        ? tr("The follow-up is due on {day}, twelve months after the exit.", ["day": due.shown]) : nil
                }
            ) { tab, app in
                guard let exit = tab.exit else { return .none }
                return .push(
                    IntakeForms.outcome(
                        app: app, client: tab.client, stage: .followUp, exit: exit,
                        current: tab.outcomes.first { $0.stage == .followUp }))
            },
        ] + scrolling

    func bindings(app: App) -> [BoundCommand] { IntakeTab.bindings.bound(to: self, app: app) }

    func lines(width: Int, glyphs g: Glyphs, app: App) -> [[(String, TextRole)]] {
        let lines = unpaddedLines(glyphs: g, app: app)
        // Labels take 26 columns; a wide screen gives a language's longer labels ("Alphabetisierung,
        // lateinische Schrift") up to 40. A label cut to its column keeps a space before the value.
        let longest = lines.compactMap { $0.count == 2 && $0[0].1 == .label ? TextWidth.of($0[0].0) : nil }.max() ?? 0
        let label = width >= 110 ? min(40, max(26, longest + 1)) : 26
        return lines.map { line in
            guard line.count == 2, line[0].1 == .label else { return line }
            return [(TextWidth.fit(line[0].0, to: label - 1) + " ", .label), line[1]]
        }
    }

    /// The tab's lines, each field's label (role `.label`) not yet padded to its column.
    private func unpaddedLines(glyphs g: Glyphs, app: App) -> [[(String, TextRole)]] {
        var lines: [[(String, TextRole)]] = []
        func row(_ name: String, _ value: String, _ role: TextRole = .normal) {
            lines.append([(name, .label), (value, role)])
        }
        lines.append([(tr("Intake mapping"), .title)])
        if let m = mapping {
            lines.append([
                (
                    tr(
                        "Mapped on {day} by {name}",
                        ["day": m.mappedOn.shown, "name": mappedBy.isEmpty ? "—" : mappedBy]),
                    .emphasis
                )
            ])
            var schooling = trn("{count} year at school", "{count} years at school", m.schoolingYears)
            if let level = m.highestLevel {
                let country = m.schoolingCountry.map { CodeLabels.country($0) } ?? "—"
                schooling +=
                    " \(g.separator) "
                    + (m.levelCompleted == true
                        ? tr("{level} in {country}, completed", ["level": level.label, "country": country])
                        : tr("{level} in {country}, not completed", ["level": level.label, "country": country]))
            } else {
                schooling += " \(g.separator) " + tr("no formal schooling")
            }
            row(tr("Schooling"), schooling)
            row(tr("Literacy, first language"), m.firstLanguageLiteracy.label)
            row(tr("Literacy, Latin script"), m.latinLiteracy.label)
            row(tr("Digital skills"), m.digitalSkills.label)
            row(tr("Driving licence"), m.drivingLicence.label)
            row(tr("Career goal"), m.careerGoal.isEmpty ? "—" : m.careerGoal)
            row(tr("Training needs"), m.trainingNeeds.isEmpty ? "—" : m.trainingNeeds)
        } else {
            lines.append([
                (tr("Not mapped yet. {key} records the mapping.", ["key": app.keys.hint(.mapIntake)]), .warning)
            ])
        }
        if let suggestion, let (programme, profileID) = enrolled {
            let name = programme.profile(suggestion.profileID)?.name ?? suggestion.profileID
            if suggestion.profileID == profileID {
                lines.append([
                    (
                        g.check + " " + tr("Enrolled in the profile the mapping suggests: {name}", ["name": name]),
                        .success
                    )
                ])
            } else {
                lines.append([
                    (
                        tr(
                            "The mapping suggests {name} ({reason}); {key} enrols after you confirm.",
                            [
                                "name": name, "reason": suggestion.reason, "key": app.keys.hint(.confirmProfile),
                            ]), .warning
                    )
                ])
            }
        }
        lines.append([])
        lines.append([(tr("Work experience"), .title)])
        if work.isEmpty {
            lines.append([(tr("None recorded. {key} adds a job.", ["key": app.keys.hint(.addWorkExperience)]), .dim)])
        }
        for job in work {
            let group = job.isco.map { "\($0) \(ISCO08.title($0) ?? "")" } ?? tr("not placed")
            lines.append([
                (TextWidth.fit(job.title, to: 28) + " ", .normal),
                (TextWidth.fit(trn("{count} year", "{count} years", job.years), to: 10) + " ", .normal),
                (TextWidth.fit(CodeLabels.country(job.country), to: 16) + " ", .normal), ("ISCO-08 " + group, .dim),
            ])
        }
        lines.append([])
        lines.append([(tr("Outcomes"), .title)])
        guard let exit, hasClosed else {
            lines.append([(tr("The main activity is recorded when the case closes, and twelve months later."), .dim)])
            return lines
        }
        for stage in OutcomeStage.allCases {
            if let outcome = outcomes.first(where: { $0.stage == stage }) {
                var text = outcome.activity.label
                if let time = outcome.workTime { text = time.with(activity: text) }
                if let major = outcome.iscoMajor, let title = ISCO08.title(major) { text += " (\(title))" }
                row(stage.label, tr("{activity}, recorded {day}", ["activity": text, "day": outcome.recordedOn.shown]))
            } else if stage == .exit {
                row(stage.label, tr("not recorded; {key} records it", ["key": app.keys.hint(.exitOutcome)]), .warning)
            } else {
                let due = Outcome.followUpDue(exitOn: exit.on)
                let today = app.clock.today
                row(
                    stage.label,
                    today < due
                        ? tr("due {day}", ["day": due.shown])
                        : tr(
                            "due since {day}; {key} records it",
                            ["day": due.shown, "key": app.keys.hint(.followUpOutcome)]),
                    today < due ? .dim : .warning)
            }
        }
        return lines
    }
}

/// The Participation tab: the client's activities in the receiving society, with the partner
/// organisation, period and hours.
final class ParticipationTab: ScrolledTab {
    let id = RecordTabID.participation
    var client: Client
    let shows: Changes = [.participation, .partners]
    var page = PageScroll()
    private(set) var activities: [ParticipationActivity] = []
    private var partners: [PartnerOrganisation] = []

    init(client: Client) { self.client = client }

    func load(app: App) throws {
        activities = try app.store.activities(clientID: client.id, by: app.me.id)
        partners = try app.store.clientPartners(clientID: client.id, actor: app.me.id)
    }

    static let bindings: [Binding<ParticipationTab>] =
        [
            Binding(.addActivity) { tab, app in
                .push(IntakeForms.activity(app: app, client: tab.client, partners: tab.partners))
            }
        ] + scrolling

    func bindings(app: App) -> [BoundCommand] { ParticipationTab.bindings.bound(to: self, app: app) }

    func lines(width: Int, glyphs g: Glyphs, app: App) -> [[(String, TextRole)]] {
        var lines: [[(String, TextRole)]] = []
        let today = app.clock.today
        let current = activities.filter { $0.overlaps(from: today, to: today) }.count
        lines.append([
            (
                trn("{count} activity", "{count} activities", activities.count) + " \(g.separator) "
                    + trn("{count} going on today", "{count} going on today", current), .emphasis
            )
        ])
        lines.append([])
        lines.append([
            (
                TextWidth.fit(tr("Kind"), to: 16) + " " + TextWidth.fit(tr("Partner"), to: 24) + " "
                    + TextWidth.fit(tr("Period"), to: 23) + " " + TextWidth.fit(tr("Hours"), to: 6) + " " + tr("Note"),
                .columnHeader
            )
        ])
        if activities.isEmpty {
            lines.append([(tr("None yet. {key} records an activity.", ["key": app.keys.hint(.addActivity)]), .dim)])
        }
        for activity in activities {
            let period = "\(activity.startsOn.shown)–\(activity.endsOn?.shown ?? tr("open"))"
            lines.append([
                (TextWidth.fit(activity.kind.shortLabel, to: 16) + " ", .normal),
                (TextWidth.fit(activity.partnerName ?? "—", to: 24) + " ", .normal),
                (TextWidth.fit(period, to: 23) + " ", activity.overlaps(from: today, to: today) ? .success : .dim),
                (TextWidth.fit(activity.hours.map(hours) ?? "—", to: 6) + " ", .normal), (activity.note, .dim),
            ])
        }
        return lines
    }
}
