import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The supervisor's caseload dashboard: every figure of `Store.dashboard`, as bar charts.
/// Each bar (or count) is a cell; `Enter` on a cell opens the client list of exactly the
/// clients behind it.
package final class DashboardScreen: Screen {
    private(set) var board: Dashboard
    private var filter: DashboardFilter
    private let exitTarget: Double?
    /// Figures a report would hide (`[report] suppress_below`) are marked, shown exactly.
    private let suppressBelow: Int
    /// The selected line (one with figures) and the first line shown.
    private var viewport = ListViewport()
    /// The selected figure on the line.
    private(set) var cell = 0
    /// The figures laid out for a width and glyphs, kept until they or the figures change.
    private var laidOut: (width: Int, check: String, lines: [Line])?
    /// A dialog this screen opened and waits for.
    private var asking: Question?
    /// The offices the figures cover (the viewer's, or the one chosen), for the title line.
    private(set) var offices: [Office] = []
    /// The office filter `offices` was read for.
    private var officesChosen: Office.ID?
    /// Every office whose figures the viewer may see, read once when the screen opens: the office
    /// filter cycles through them, and the bar asks their number on every frame.
    private var officeChoices: [Office] = []

    private enum Question { case programme, officer, period }

    /// One line of the dashboard: text and bars, and the figures on it that open clients.
    struct Line {
        var parts: [(text: String, role: TextRole, cell: Int?)] = []
        var cells: [(bar: DashboardBar, label: String)] = []
    }

    package init(app: App) throws {
        exitTarget = app.exitTarget
        suppressBelow = app.suppressBelow
        filter = DashboardScreen.initialFilter(app: app)
        board = try app.store.figures.dashboard(filter, siteTarget: exitTarget)
        offices = try app.store.figures.offices(of: filter)
        officeChoices = offices
        selectFirstFigure(app: app)
    }

    package var title: String { tr("Dashboard") }

    /// The last twelve months of every office the person may see the dashboard of.
    private static func initialFilter(app: App) -> DashboardFilter {
        var filter = DashboardFilter.lastTwelveMonths(today: app.clock.today)
        filter.viewer = app.me.id
        return filter
    }
    var line: Int { viewport.selected }

    /// Reads the figures again; `keepingPlace` stays on the same line and figure.
    func reload(app: App, keepingPlace: Bool = false) throws {
        board = try app.store.figures.dashboard(filter, siteTarget: exitTarget)
        // The offices covered change only with the office filter.
        if officesChosen != filter.officeID {
            offices = try app.store.figures.offices(of: filter)
            officesChosen = filter.officeID
        }
        laidOut = nil
        guard keepingPlace else { return selectFirstFigure(app: app) }
        let lines = self.lines(app: app)
        if !lines.indices.contains(line) || lines[line].cells.isEmpty { return selectFirstFigure(app: app) }
        cell = min(cell, lines[line].cells.count - 1)
    }

    /// The lines for the app's terminal, laid out once per width and set of figures.
    private func lines(app: App) -> [Line] {
        let width = app.screenArea.width
        if let laidOut, laidOut.width == width, laidOut.check == app.glyphs.check { return laidOut.lines }
        let lines = layout(width: width, glyphs: app.glyphs)
        laidOut = (width, app.glyphs.check, lines)
        return lines
    }

    private func bodyHeight(_ app: App) -> Int { max(1, app.screenArea.inset(top: 2).height) }

    private func selectFirstFigure(app: App) {
        let lines = self.lines(app: app)
        viewport = ListViewport()
        viewport.select(lines.firstIndex { !$0.cells.isEmpty } ?? 0, count: lines.count, height: bodyHeight(app))
        cell = 0
    }

    /// The cell selected, in the layout for the last terminal size seen.
    var selectedCell: (bar: DashboardBar, label: String)? {
        guard let lines = laidOut?.lines, lines.indices.contains(line), lines[line].cells.indices.contains(cell) else {
            return nil
        }
        return lines[line].cells[cell]
    }

    /// The figures on the selected line.
    var lastLayoutCells: [DashboardBar]? {
        guard let lines = laidOut?.lines, lines.indices.contains(line) else { return nil }
        return lines[line].cells.map(\.bar)
    }

    // MARK: Bindings

    package func bindings(app: App) -> [BoundCommand] { DashboardScreen.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet(tr("the dashboard"), bindings.commands())] }

    static let bindings: [Binding<DashboardScreen>] =
        [
            Binding(
                .openBar,
                unavailable: { board, _ in
                    guard let (bar, _) = board.selectedCell else { return tr("No figure selected.") }
                    return board.board.clients(behind: bar).isEmpty ? tr("No clients behind this figure.") : nil
                }
            ) { board, app in
                guard let (bar, label) = board.selectedCell else { return .none }
                let cohort = try app.store.clientList.makeCohort(board.board.clients(behind: bar), label: label)
                return .push(try ClientListScreen(app: app, cohort: cohort))
            },
            Binding(.previousCell) { board, _ in
                board.cell = max(0, board.cell - 1)
                return .none
            },
            Binding(.nextCell) { board, app in
                let lines = board.lines(app: app)
                if lines.indices.contains(board.line) {
                    board.cell = min(lines[board.line].cells.count - 1, board.cell + 1)
                }
                return .none
            },
            Binding(.programmeFilter) { board, app in
                let programmes = try app.store.programmeVersions()
                var seen: Set<String> = []
                let options =
                    [Choice("", tr("All programmes"))]
                    + programmes.filter { seen.insert($0.id).inserted }.map { Choice($0.id, "\($0.id) — \($0.name)") }
                board.asking = .programme
                return .push(
                    PickListDialog(title: tr("Programme"), options: options, chosen: [board.filter.programmeID ?? ""]))
            },
            Binding(
                .officeFilter,
                unavailable: { board, _ in
                    board.officeChoices.count < 2 ? tr("The dashboard already shows your only office.") : nil
                }
            ) { board, app in
                // Cycles through the viewer's offices, then all of them again.
                let mine = board.officeChoices
                let next: Office?
                if let current = board.filter.officeID, let index = mine.firstIndex(where: { $0.id == current }) {
                    next = mine.indices.contains(index + 1) ? mine[index + 1] : nil
                } else {
                    next = mine.first
                }
                board.filter.officeID = next?.id
                try board.reload(app: app)
                guard let next else { return .info(tr("All your offices.")) }
                return .info(tr("Office {office} only.", ["office": next.name]))
            },
            Binding(.officerFilter) { board, app in
                // The officers of the offices the figures cover: nobody else has clients in them.
                var covered = Set<Staff.ID>()
                for office in board.offices {
                    for (member, role) in try app.store.staff(inOffice: office.id) where role == .officer {
                        covered.insert(member.id)
                    }
                }
                let staff = try app.store.allStaff().filter { $0.role == .officer && covered.contains($0.id) }
                let options =
                    [Choice("", tr("All officers"))]
                    + staff.map { Choice(String($0.id), "\($0.username) — \($0.displayName)") }
                board.asking = .officer
                return .push(
                    PickListDialog(
                        title: tr("Officer"), options: options, chosen: [board.filter.officerID.map(String.init) ?? ""])
                )
            },
            Binding(.periodFilter) { board, _ in
                board.asking = .period
                return .push(DashboardScreen.periodForm(filter: board.filter))
            },
            Binding(.resetFilters) { board, app in
                board.filter = DashboardScreen.initialFilter(app: app)
                try board.reload(app: app)
                return .info(tr("All programmes, all officers, the last twelve months."))
            },
        ]
        + Binding.movement(page: { _, _ in 10 }, all: { board, app in board.lines(app: app).count }) {
            board, step, app in
            board.move(by: step, app: app)
        }

    /// The period of the flow figures; it stores nothing, and answers the period chosen.
    private static func periodForm(filter: DashboardFilter) -> FormScreen<PeriodDraft> {
        FormScreen(
            title: tr("Period of the flow figures"),
            fields: [.date(.from, tr("From"), \.from), .date(.to, tr("To"), \.to)],
            draft: PeriodDraft(from: filter.from, to: filter.to), changes: [],
            validate: { draft, _ in _ = try draft.validated() }
        ) { _, draft in
            let (from, to) = try draft.validated()
            var next = filter
            next.from = from
            next.to = to
            return FormSaved(tr("Period {from} to {to}.", ["from": from.shown, "to": to.shown]), answer: .value(next))
        }
    }

    package func didReturn(_ returned: Returned, app: App) throws -> Effect {
        defer { asking = nil }
        switch (asking, returned.answer) {
        case (.programme, .chose(let chosen)?):
            filter.programmeID = chosen.first.flatMap { $0.isEmpty ? nil : $0 }
        case (.officer, .chose(let chosen)?):
            filter.officerID = chosen.first.flatMap { Int64($0) }
        case (.period, .value(let period as DashboardFilter)?):
            filter = period
        default:
            return .none
        }
        try reload(app: app)
        return .none
    }

    package func refresh(_ changes: Changes, app: App) throws {
        // Figures may have changed while a client was open.
        try reload(app: app, keepingPlace: true)
    }

    /// Moves to the next line with cells, `steps` lines on.
    private func move(by steps: Int, app: App) -> Effect {
        let lines = self.lines(app: app)
        let selectable = lines.indices.filter { !lines[$0].cells.isEmpty }
        guard let current = selectable.firstIndex(where: { $0 >= line }) ?? selectable.indices.last else {
            return .none
        }
        let target = selectable[max(0, min(selectable.count - 1, current + steps))]
        viewport.select(target, count: lines.count, height: bodyHeight(app))
        cell = min(cell, lines[target].cells.count - 1)
        return .none
    }

    // MARK: Layout

    /// The dashboard as lines for a width: bars fill `barWidth` cells at the section's largest value.
    func layout(width: Int, glyphs g: Glyphs) -> [Line] {
        // Labels take 24 columns; a wide screen gives a language's longer labels ("Prüfung der
        // Berechtigung") up to 36, measured on a first layout with room for any label.
        guard width >= 110 else { return layout(width: width, glyphs: g, labelWidth: 24) }
        let probe = layout(width: width, glyphs: g, labelWidth: 100)
        let longest =
            probe.compactMap { line in
                line.parts.first.flatMap { part in
                    part.role == .label ? TextWidth.of(String(part.text.reversed().drop { $0 == " " }.reversed())) : nil
                }
            }.max() ?? 0
        return layout(width: width, glyphs: g, labelWidth: min(36, max(24, longest)))
    }

    private func layout(width: Int, glyphs g: Glyphs, labelWidth: Int) -> [Line] {
        var lines: [Line] = []
        let barWidth = max(8, min(40, width - 52))
        // Supervisors see the exact figures (they may see these clients); a report would not.
        let report = DashboardReport(board: board, scope: "", suppressBelow: suppressBelow)
        let hidden = report.suppressedKeys
        func hiddenMark(_ key: FigureKey?) -> String { key.map { hidden.contains($0) } == true ? "*" : "" }
        func hiddenMark(_ bar: DashboardBar) -> String { hiddenMark(report.key(for: bar)) }
        if !hidden.isEmpty {
            lines.append(
                Line(parts: [
                    (
                        TextWidth.truncate(
                            " * "
                                + tr(
                                    "hidden in reports that leave the office: fewer than {threshold}, or it would give one away",
                                    ["threshold": String(suppressBelow)]),
                            to: width), .dim, nil
                    )
                ]))
        }
        func heading(_ text: String) {
            if !lines.isEmpty { lines.append(Line()) }
            lines.append(Line(parts: [(" " + text, .title, nil)]))
        }
        func bars(
            _ label: String, _ items: [(DashboardBar, String, Int)], max scale: Int,
            note: String = ""
        ) {
            var line = Line(parts: [(" " + TextWidth.fit(label, to: labelWidth - 1) + " ", .label, nil)])
            for (bar, name, value) in items {
                let index = line.cells.count
                line.cells.append((bar, name))
                let fraction = scale > 0 ? Double(value) / Double(scale) : 0
                let width = items.count > 1 ? max(4, barWidth / 2 - 2) : barWidth
                line.parts.append(
                    (
                        Bars.horizontal(fraction, width: width, glyphs: g) + " "
                            + TextWidth.fit(Numbers.grouped(value) + hiddenMark(bar), to: 7), .normal, index
                    ))
                line.parts.append((" ", .normal, nil))
            }
            if !note.isEmpty { line.parts.append((note, .dim, nil)) }
            lines.append(line)
        }
        func share(
            _ label: String, _ share: Share, yes: DashboardBar, no: DashboardBar?, noLabel: String = "",
            heldToTarget: Bool = false, target: OutcomeTarget? = nil
        ) {
            var line = Line(parts: [(" " + TextWidth.fit(label, to: labelWidth - 1) + " ", .label, nil)])
            var bar = Bars.horizontal(share.fraction ?? 0, width: barWidth, glyphs: g)
            if let target {
                // The target line, as a bar in the chart.
                var characters = Array(bar)
                let position = min(barWidth - 1, Int((target.share * Double(barWidth)).rounded()))
                if characters.indices.contains(position) { characters[position] = g.vertical.first ?? "|" }
                bar = String(characters)
            }
            line.cells.append((yes, label))
            line.parts.append((bar + " " + DashboardScreen.text(of: share) + hiddenMark(yes), .normal, 0))
            if let no {
                line.cells.append((no, noLabel))
                line.parts.append(("  " + TextWidth.fit(noLabel, to: 12), .normal, 1))
            }
            if let target {
                line.parts.append(("  " + tr("target {target}", ["target": target.percent]), .dim, nil))
            } else if heldToTarget {
                line.parts.append(("  " + tr("no target set"), .dim, nil))
            }
            lines.append(line)
        }

        heading(tr("Overdue obligations by party"))
        let largest = max(
            1, ([board.overdueNow] + board.overdueByMonth).map { max($0.newcomer, $0.authority) }.max() ?? 1)
        lines.append(
            Line(parts: [
                (
                    " " + TextWidth.fit("", to: labelWidth)
                        + TextWidth.fit(tr("Newcomer"), to: max(4, barWidth / 2 - 2) + 9)
                        + tr("Authority"), .columnHeader, nil
                )
            ]))
        bars(
            tr("Now ({day})", ["day": board.today.shown]),
            [
                (.overdueNow(.newcomer), tr("Overdue now, newcomer side"), board.overdueNow.newcomer),
                (.overdueNow(.authority), tr("Overdue now, authority side"), board.overdueNow.authority),
            ],
            max: largest)
        for point in board.overdueByMonth {
            bars(
                "  " + tr("at {day}", ["day": point.day.shown]),
                [
                    (
                        .overdueOn(point.day, .newcomer),
                        tr("Overdue at {day}, newcomer side", ["day": point.day.shown]),
                        point.newcomer
                    ),
                    (
                        .overdueOn(point.day, .authority),
                        tr("Overdue at {day}, authority side", ["day": point.day.shown]),
                        point.authority
                    ),
                ],
                max: largest)
        }

        heading(tr("Cases per phase"))
        let phases = CasePhase.allCases.filter { board.phases[$0, default: 0] > 0 }
        let phaseMax = phases.map { board.phases[$0, default: 0] }.max() ?? 1
        for phase in phases {
            bars(
                phase.label,
                [(.phase(phase), tr("Phase: {phase}", ["phase": phase.label]), board.phases[phase, default: 0])],
                max: phaseMax)
        }
        if phases.isEmpty { lines.append(Line(parts: [(" " + tr("No clients."), .dim, nil)])) }

        heading(tr("Language: open, enrolled clients at or above target"))
        for skill in Skill.core {
            share(skill.label, board.language[skill] ?? Share(0, of: 0), yes: .skillAtTarget(skill), no: nil)
            lines[lines.count - 1].cells[0].label = skill.atOrAboveTarget
        }
        lines.append(Line(parts: [(" " + tr("Lowest current level over the five skills"), .dim, nil)]))
        let levelMax = board.levels.values.max() ?? 1
        for level in CEFRLevel.allCases where board.levels[level.rank, default: 0] > 0 {
            bars(
                level.rawValue,
                [
                    (
                        .level(level.rank), tr("Lowest level {level}", ["level": level.rawValue]),
                        board.levels[level.rank, default: 0]
                    )
                ],
                max: levelMax)
        }
        if board.levels[nil, default: 0] > 0 {
            bars(
                tr("Not all five assessed"),
                [(.level(nil), tr("Not yet assessed in all five skills"), board.levels[nil, default: 0])],
                max: levelMax)
        }

        heading(tr("Recognition of qualifications (open cases)"))
        let stages = RecognitionStage.allCases.filter { board.recognitionStages[$0, default: 0] > 0 }
        let stageMax = stages.map { board.recognitionStages[$0, default: 0] }.max() ?? 1
        for stage in stages {
            bars(
                stage.label,
                [
                    (
                        .recognitionStage(stage), tr("Recognition: {stage}", ["stage": stage.label]),
                        board.recognitionStages[stage, default: 0]
                    )
                ],
                max: stageMax)
        }
        share(
            tr("Decided within deadline"), board.decidedInTime, yes: .decidedInTime, no: .decidedLate,
            // TRANSLATORS: beside a bar of the dashboard, at most 12 characters with the number.
            noLabel: tr("late: {count}", ["count": String(board.decidedInTime.of - board.decidedInTime.count)]))
        lines[lines.count - 1].cells[0].label = tr("Decided within the deadline")
        lines[lines.count - 1].cells[1].label = tr("Decided after the deadline")
        bars(
            tr("Acknowledgements late"),
            [
                (
                    .acknowledgementLate, tr("Acknowledgement late: not acknowledged by its day"),
                    board.acknowledgementsLate
                )
            ],
            max: max(1, board.acknowledgementsLate))
        lines.append(
            Line(parts: [
                (
                    " " + TextWidth.fit(tr("File to decision"), to: labelWidth)
                        + (board.medianDaysToDecision.map { tr("median {days} days", ["days": Numbers.decimal($0)]) }
                            ?? tr("no decisions in the period"))
                        + hiddenMark(FigureKey("recognition_decisions", "days_complete_to_decision", "median")),
                    .normal, nil
                )
            ]))

        heading(tr("Civic orientation"))
        share(
            tr("Completed"), board.civic, yes: .civicComplete, no: .civicIncomplete,
            // TRANSLATORS: beside a bar of the dashboard, at most 12 characters with the number.
            noLabel: tr("not yet: {count}", ["count": String(board.civic.of - board.civic.count)]))
        lines[lines.count - 1].cells[0].label = tr("Civic orientation completed")
        lines[lines.count - 1].cells[1].label = tr("Civic orientation not completed")

        heading(tr("Exits in the period"))
        let exitMax = board.exits.values.max() ?? 1
        for reason in ExitReason.allCases where board.exits[reason, default: 0] > 0 {
            bars(
                reason.label,
                [
                    (
                        .exit(reason), reason.exitLegend,
                        board.exits[reason, default: 0]
                    )
                ],
                max: exitMax)
        }
        let outcome = board.workOrEducation
        var outcomeLine = Line(parts: [(" " + TextWidth.fit(tr("Work or education"), to: labelWidth), .label, nil)])
        var chart = Array(Bars.horizontal(outcome.fraction ?? 0, width: barWidth, glyphs: g))
        if let target = board.target {
            let mark = min(barWidth - 1, Int((target.share * Double(barWidth)).rounded()))
            if chart.indices.contains(mark) { chart[mark] = g.vertical.first ?? "|" }
        }
        outcomeLine.parts.append(
            (
                String(chart) + " " + DashboardScreen.text(of: outcome)
                    + hiddenMark(FigureKey("exits", "work_or_education", "share")),
                .normal, nil
            ))
        if let target = board.target {
            outcomeLine.parts.append(
                (
                    "  " + tr("target {target}", ["target": target.percent]),
                    (outcome.fraction ?? 0) < target.share ? .warning : .success, nil
                ))
        } else {
            outcomeLine.parts.append(("  " + tr("no target set"), .dim, nil))
        }
        lines.append(outcomeLine)

        heading(tr("Main activity at exit and twelve months after (recorded in the period)"))
        for stage in OutcomeStage.allCases {
            share(
                stage.label, board.outcomes[stage] ?? Share(0, of: 0), yes: .outcomeInWorkOrEducation(stage), no: nil,
                heldToTarget: true, target: board.target)
            // The figure's detail says what it is held to, and on whose authority.
            lines[lines.count - 1].cells[0].label =
                tr("{stage}: in work or education", ["stage": stage.label]) + "; "
                + (board.target.map { tr("target {target}: {source}", ["target": $0.percent, "source": $0.source]) }
                    ?? tr("no target set"))
        }
        lines.append(
            Line(parts: [(TextWidth.truncate(DashboardReport.targetLine(board.target), to: width), .dim, nil)]))

        heading(tr("Active citizenship: open cases with an activity in the period"))
        share(tr("Any activity"), board.participation, yes: .participating(nil), no: nil)
        lines[lines.count - 1].cells[0].label = tr("Open cases with an interaction activity in the period")
        for kind in ActivityKind.allCases where board.participationByKind[kind, default: Share(0, of: 0)].count > 0 {
            share(
                "  " + kind.shortLabel, board.participationByKind[kind] ?? Share(0, of: 0), yes: .participating(kind),
                no: nil)
            lines[lines.count - 1].cells[0].label = tr("Open cases with an activity: {kind}", ["kind": kind.label])
        }

        heading(tr("Programme starts in the period"))
        lines.append(
            Line(parts: [
                (
                    " " + TextWidth.fit(tr("Offer to start"), to: labelWidth)
                        + (board.medianDaysOfferToStart.map {
                            trn(
                                "median {days} days over {count} start", "median {days} days over {count} starts",
                                board.starts, ["days": Numbers.decimal($0)])
                        } ?? tr("no starts in the period")) + hiddenMark(FigureKey("offer_to_start", "days", "median")),
                    .normal, nil
                )
            ]))

        heading(tr("Caseload per officer (open cases)"))
        lines.append(
            Line(parts: [
                (
                    " " + TextWidth.fit(tr("Officer"), to: 18) + TextWidth.fit(tr("Open cases"), to: barWidth / 2 + 8)
                        // TRANSLATORS: the heading over two columns of 10 characters each (keep it within 30).
                        + TextWidth.fit(tr("Overdue: newcomer  authority"), to: 31)
                        // TRANSLATORS: a column heading of 10 characters or so: no contact for 30 days or more.
                        + tr("No contact 30+ d"), .columnHeader, nil
                )
            ]))
        let loadMax = board.officers.map(\.openCases).max() ?? 1
        for officer in board.officers {
            var line = Line(parts: [(" " + TextWidth.fit(officer.username, to: 18), .label, nil)])
            let cells: [(DashboardBar, String, Int, Int)] = [
                (
                    .officerOpen(officer.officerID), tr("Open cases of {officer}", ["officer": officer.username]),
                    officer.openCases, barWidth / 2
                ),
                (
                    .officerOverdue(officer.officerID, .newcomer),
                    tr("{officer}: overdue, newcomer side", ["officer": officer.username]), officer.overdueNewcomer, 0
                ),
                (
                    .officerOverdue(officer.officerID, .authority),
                    tr("{officer}: overdue, authority side", ["officer": officer.username]), officer.overdueAuthority, 0
                ),
                (
                    .officerNoContact(officer.officerID),
                    tr("{officer}: no contact for 30 days or more", ["officer": officer.username]),
                    officer.noContact, 0
                ),
            ]
            for (index, item) in cells.enumerated() {
                line.cells.append((item.0, item.1))
                let text: String
                if item.3 > 0 {
                    text =
                        Bars.horizontal(Double(item.2) / Double(max(1, loadMax)), width: item.3, glyphs: g) + " "
                        + TextWidth.fit(Numbers.grouped(item.2) + hiddenMark(item.0), to: 6)
                } else {
                    text = TextWidth.fit(Numbers.grouped(item.2) + hiddenMark(item.0), to: index == 1 ? 9 : 10)
                }
                line.parts.append((text, .normal, index))
                line.parts.append((index == 0 ? "  " : " ", .normal, nil))
            }
            lines.append(line)
        }
        if board.officers.isEmpty { lines.append(Line(parts: [(" " + tr("No open cases."), .dim, nil)])) }
        return lines
    }

    /// The target beside a share's bar, in percent.
    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        // The handlers lay the figures out for the terminal; a frame of another size lays them out afresh.
        let lines =
            laidOut.flatMap { $0.width == area.width && $0.check == g.check ? $0.lines : nil }
            ?? layout(width: area.width, glyphs: g)
        var scope: [String] = []
        if offices.count == 1, let office = offices.first {
            scope.append(office.code)
        } else {
            scope.append(tr("all my offices"))
        }
        scope.append(filter.programmeID.map { tr("programme {programme}", ["programme": $0]) } ?? tr("all programmes"))
        if let officer = filter.officerID {
            let name = board.officers.first { $0.officerID == officer }?.username ?? "#\(officer)"
            scope.append(tr("officer {officer}", ["officer": name]))
        } else {
            scope.append(tr("all officers"))
        }
        scope.append("\(filter.from.shown) – \(filter.to.shown)")
        frame.text(
            ([tr("Dashboard")] + scope).joined(separator: " \(g.separator) "),
            in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), .title)
        let selected =
            lines.indices.contains(line) && lines[line].cells.indices.contains(cell)
            ? lines[line].cells[cell].label : ""
        frame.text(
            selected.isEmpty ? "" : tr("{key} lists: {figure}", ["key": app.keys.hint(.openBar), "figure": selected]),
            in: Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: 1), .dim)

        let body = area.inset(top: 2)
        let first = max(0, min(viewport.firstRow(height: body.height), max(0, lines.count - body.height)))
        for row in 0..<body.height {
            let index = first + row
            guard lines.indices.contains(index) else { break }
            var x = body.x
            let y = body.y + row
            for part in lines[index].parts where x < body.maxX {
                let isSelected = index == line && part.cell == cell
                let role: TextRole = isSelected ? .selected : part.role
                if isSelected { frame.cursor = Point(x: x, y: y) }
                x = frame.text(TextWidth.truncate(part.text, to: body.maxX - x), x: x, y: y, role, maxX: body.maxX)
            }
        }
    }
}

extension DashboardScreen {
    /// "62% (31 of 50)", or "— (0 of 0)", in the officer's language (Core's `Share.text` is English).
    static func text(of share: Share) -> String {
        let percent = share.fraction.map { String(Int(($0 * 100).rounded())) + "%" } ?? "—"
        // TRANSLATORS: a share on the dashboard: "62% (31 of 50)"; {share} is "62%" or "—".
        return tr(
            "{share} ({count} of {total})",
            ["share": percent, "count": Numbers.grouped(share.count), "total": Numbers.grouped(share.of)])
    }
}
