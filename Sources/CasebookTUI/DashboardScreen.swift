import CasebookCore
import CasebookStore

/// The supervisor's caseload dashboard: every figure of `Store.dashboard`, as bar charts.
/// Each bar (or count) is a cell; `Enter` on a cell opens the client list of exactly the
/// clients behind it.
package final class DashboardScreen: Screen {
    private(set) var board: Dashboard
    private var filter: DashboardFilter
    private let exitTarget: Double
    /// The selected line (of those with cells) and cell on it.
    private(set) var line = 0
    private(set) var cell = 0
    private var scroll = 0
    /// The layout of the last frame, for moving between cells.
    private var lines: [Line] = []
    /// What `lines` was laid out for: the width and glyphs; nil once the figures change.
    private var laidOutFor: (width: Int, check: String)?

    /// One line of the dashboard: text and bars, and the figures on it that open clients.
    struct Line {
        var parts: [(text: String, role: Role, cell: Int?)] = []
        var cells: [(bar: DashboardBar, label: String)] = []
    }

    package init(app: App) throws {
        exitTarget = app.exitTarget
        filter = DashboardFilter.lastTwelveMonths(today: app.clock.today)
        board = try app.store.figures.dashboard(filter, exitTarget: exitTarget)
    }

    package var contexts: [KeyContext] { [.dashboard, .movement] }
    package var title: String { "Dashboard" }

    func reload(app: App) throws {
        board = try app.store.figures.dashboard(filter, exitTarget: exitTarget)
        laidOutFor = nil
        line = 0
        cell = 0
        scroll = 0
    }

    /// The cell selected on the last frame.
    var selectedCell: (bar: DashboardBar, label: String)? {
        guard lines.indices.contains(line), lines[line].cells.indices.contains(cell) else { return nil }
        return lines[line].cells[cell]
    }

    /// The figures on the selected line of the last frame.
    var lastLayoutCells: [DashboardBar]? { lines.indices.contains(line) ? lines[line].cells.map(\.bar) : nil }

    package func handle(_ input: Input, app: App) -> Bool {
        guard case .command(let command) = input else { return false }
        do {
            switch command {
            case .up: move(by: -1)
            case .down: move(by: 1)
            case .pageUp: move(by: -10)
            case .pageDown: move(by: 10)
            case .top: move(by: -lines.count)
            case .bottom: move(by: lines.count)
            case .previousCell: cell = max(0, cell - 1)
            case .nextCell:
                if lines.indices.contains(line) { cell = min(lines[line].cells.count - 1, cell + 1) }
            case .openBar:
                guard let (bar, label) = selectedCell else { return true }
                let ids = board.clients(behind: bar)
                guard !ids.isEmpty else {
                    app.message = .info("No clients behind this figure.")
                    return true
                }
                let cohort = try app.store.clientList.makeCohort(ids, label: label)
                app.push(try ClientListScreen(app: app, cohort: cohort))
            case .programmeFilter:
                let programmes = try app.store.programmeVersions()
                var seen: Set<String> = []
                let options = [Choice("", "All programmes")]
                    + programmes.filter { seen.insert($0.id).inserted }.map { Choice($0.id, "\($0.id) — \($0.name)") }
                app.push(
                    PickListDialog(title: "Programme", options: options, chosen: [filter.programmeID ?? ""]) { [weak self] app, chosen in
                        guard let self else { return }
                        self.filter.programmeID = chosen.first.flatMap { $0.isEmpty ? nil : $0 }
                        do { try self.reload(app: app) } catch { app.report(error) }
                    })
            case .officerFilter:
                let staff = try app.store.allStaff().filter { $0.role == .officer }
                let options = [Choice("", "All officers")] + staff.map { Choice(String($0.id), "\($0.username) — \($0.displayName)") }
                app.push(
                    PickListDialog(title: "Officer", options: options, chosen: [filter.officerID.map(String.init) ?? ""]) { [weak self] app, chosen in
                        guard let self else { return }
                        self.filter.officerID = chosen.first.flatMap { Int64($0) }
                        do { try self.reload(app: app) } catch { app.report(error) }
                    })
            case .periodFilter:
                let fields = [
                    FormField(id: "from", label: "From", kind: .date, isRequired: true),
                    FormField(id: "to", label: "To", kind: .date, isRequired: true),
                ]
                app.push(
                    FormScreen(title: "Period of the flow figures", fields: fields, values: ["from": filter.from.iso, "to": filter.to.iso]) { [weak self] app, values in
                        var problems: [String: String] = [:]
                        let from = TrackFields.day(values, "from", required: true, into: &problems)
                        let to = TrackFields.day(values, "to", required: true, into: &problems)
                        guard problems.isEmpty, let from, let to else { throw FormErrors(problems) }
                        let next = DashboardFilter(programmeID: self?.filter.programmeID, officerID: self?.filter.officerID, from: from, to: to)
                        do { try next.validate() } catch let error as ContractError { throw FormErrors(["to": error.description]) }
                        self?.filter = next
                        try self?.reload(app: app)
                        return FormSaved("Period \(from.iso) to \(to.iso).")
                    })
            case .resetFilters:
                filter = DashboardFilter.lastTwelveMonths(today: app.clock.today)
                try reload(app: app)
                app.message = .info("All programmes, all officers, the last twelve months.")
            default: return false
            }
        } catch { app.report(error) }
        return true
    }

    package func didReturn(app: App) {
        // Figures may have changed while a client was open.
        let keep = (line, cell, scroll)
        do { try reload(app: app) } catch { app.report(error) }
        (line, cell, scroll) = keep
    }

    /// Moves to the next line with cells, `steps` lines on.
    private func move(by steps: Int) {
        let selectable = lines.indices.filter { !lines[$0].cells.isEmpty }
        guard let current = selectable.firstIndex(where: { $0 >= line }) ?? selectable.indices.last else { return }
        let target = max(0, min(selectable.count - 1, current + steps))
        line = selectable[target]
        cell = min(cell, lines[line].cells.count - 1)
    }

    // MARK: Layout

    /// The dashboard as lines for a width: bars fill `barWidth` cells at the section's largest value.
    func layout(width: Int, glyphs g: Glyphs) -> [Line] {
        var lines: [Line] = []
        let barWidth = max(8, min(40, width - 52))
        func heading(_ text: String) {
            if !lines.isEmpty { lines.append(Line()) }
            lines.append(Line(parts: [(" " + text, .title, nil)]))
        }
        func bars(_ label: String, labelWidth: Int = 24, _ items: [(DashboardBar, String, Int)], max scale: Int, note: String = "") {
            var line = Line(parts: [(" " + TextWidth.fit(label, to: labelWidth - 1) + " ", .label, nil)])
            for (bar, name, value) in items {
                let index = line.cells.count
                line.cells.append((bar, name))
                let fraction = scale > 0 ? Double(value) / Double(scale) : 0
                let width = items.count > 1 ? max(4, barWidth / 2 - 2) : barWidth
                line.parts.append((Bars.horizontal(fraction, width: width, glyphs: g) + " " + TextWidth.fit(Numbers.grouped(value), to: 7), .normal, index))
                line.parts.append((" ", .normal, nil))
            }
            if !note.isEmpty { line.parts.append((note, .dim, nil)) }
            lines.append(line)
        }
        func share(_ label: String, _ share: Share, yes: DashboardBar, no: DashboardBar?, noLabel: String = "", target: Double? = nil) {
            var line = Line(parts: [(" " + TextWidth.fit(label, to: 23) + " ", .label, nil)])
            var bar = Bars.horizontal(share.fraction ?? 0, width: barWidth, glyphs: g)
            if let target {
                // The target line, as a bar in the chart.
                var characters = Array(bar)
                let position = min(barWidth - 1, Int((target * Double(barWidth)).rounded()))
                if characters.indices.contains(position) { characters[position] = g.vertical.first ?? "|" }
                bar = String(characters)
            }
            line.cells.append((yes, label))
            line.parts.append((bar + " " + share.text, .normal, 0))
            if let no {
                line.cells.append((no, noLabel))
                line.parts.append(("  " + TextWidth.fit(noLabel, to: 12), .normal, 1))
            }
            if let target { line.parts.append(("  target \(Int((target * 100).rounded()))%", .dim, nil)) }
            lines.append(line)
        }

        heading("Overdue obligations by party")
        let largest = max(1, ([board.overdueNow] + board.overdueByMonth).map { max($0.newcomer, $0.authority) }.max() ?? 1)
        lines.append(Line(parts: [(" " + TextWidth.fit("", to: 24) + TextWidth.fit("Newcomer", to: max(4, barWidth / 2 - 2) + 9) + "Authority", .columnHeader, nil)]))
        bars(
            "Now (\(board.today.iso))",
            [(.overdueNow(.newcomer), "Overdue now, newcomer side", board.overdueNow.newcomer), (.overdueNow(.authority), "Overdue now, authority side", board.overdueNow.authority)],
            max: largest)
        for point in board.overdueByMonth {
            bars(
                "  at \(point.day.iso)",
                [(.overdueOn(point.day, .newcomer), "Overdue at \(point.day.iso), newcomer side", point.newcomer), (.overdueOn(point.day, .authority), "Overdue at \(point.day.iso), authority side", point.authority)],
                max: largest)
        }

        heading("Cases per phase")
        let phases = CasePhase.allCases.filter { board.phases[$0, default: 0] > 0 }
        let phaseMax = phases.map { board.phases[$0, default: 0] }.max() ?? 1
        for phase in phases { bars(phase.label, [(.phase(phase), "Phase: \(phase.label)", board.phases[phase, default: 0])], max: phaseMax) }
        if phases.isEmpty { lines.append(Line(parts: [(" No clients.", .dim, nil)])) }

        heading("Language: open, enrolled clients at or above target")
        for skill in Skill.core {
            share(skill.label, board.language[skill] ?? Share(0, of: 0), yes: .skillAtTarget(skill), no: nil)
            lines[lines.count - 1].cells[0].label = "At or above target in \(skill.label.lowercased())"
        }
        lines.append(Line(parts: [(" Lowest current level over the five skills", .dim, nil)]))
        let levelMax = board.levels.values.max() ?? 1
        for level in CEFRLevel.allCases where board.levels[level.rank, default: 0] > 0 {
            bars(level.rawValue, [(.level(level.rank), "Lowest level \(level.rawValue)", board.levels[level.rank, default: 0])], max: levelMax)
        }
        if board.levels[nil, default: 0] > 0 {
            bars("Not all five assessed", [(.level(nil), "Not yet assessed in all five skills", board.levels[nil, default: 0])], max: levelMax)
        }

        heading("Recognition of qualifications (open cases)")
        let stages = RecognitionStage.allCases.filter { board.recognitionStages[$0, default: 0] > 0 }
        let stageMax = stages.map { board.recognitionStages[$0, default: 0] }.max() ?? 1
        for stage in stages {
            bars(stage.label, [(.recognitionStage(stage), "Recognition: \(stage.label)", board.recognitionStages[stage, default: 0])], max: stageMax)
        }
        share("Decided within deadline", board.decidedInTime, yes: .decidedInTime, no: .decidedLate, noLabel: "late: \(board.decidedInTime.of - board.decidedInTime.count)")
        lines[lines.count - 1].cells[0].label = "Decided within the deadline"
        lines[lines.count - 1].cells[1].label = "Decided after the deadline"
        lines.append(Line(parts: [(" " + TextWidth.fit("File to decision", to: 24) + (board.medianDaysToDecision.map { "median \(Numbers.decimal($0)) days" } ?? "no decisions in the period"), .normal, nil)]))

        heading("Civic orientation")
        share("Completed", board.civic, yes: .civicComplete, no: .civicIncomplete, noLabel: "not yet: \(board.civic.of - board.civic.count)")
        lines[lines.count - 1].cells[0].label = "Civic orientation completed"
        lines[lines.count - 1].cells[1].label = "Civic orientation not completed"

        heading("Exits in the period")
        let exitMax = board.exits.values.max() ?? 1
        for reason in ExitReason.allCases where board.exits[reason, default: 0] > 0 {
            bars(reason.label, [(.exit(reason), "Exit: \(reason.label.lowercased())", board.exits[reason, default: 0])], max: exitMax)
        }
        let outcome = board.workOrEducation
        var outcomeLine = Line(parts: [(" " + TextWidth.fit("Work or education", to: 24), .label, nil)])
        var chart = Array(Bars.horizontal(outcome.fraction ?? 0, width: barWidth, glyphs: g))
        let mark = min(barWidth - 1, Int((board.exitTarget * Double(barWidth)).rounded()))
        if chart.indices.contains(mark) { chart[mark] = g.vertical.first ?? "|" }
        outcomeLine.parts.append((String(chart) + " " + outcome.text, .normal, nil))
        outcomeLine.parts.append(("  target \(Int((board.exitTarget * 100).rounded()))%", (outcome.fraction ?? 0) < board.exitTarget ? .warning : .success, nil))
        lines.append(outcomeLine)

        heading("Programme starts in the period")
        lines.append(Line(parts: [(" " + TextWidth.fit("Offer to start", to: 24) + (board.medianDaysOfferToStart.map { "median \(Numbers.decimal($0)) days over \(board.starts) starts" } ?? "no starts in the period"), .normal, nil)]))

        heading("Caseload per officer (open cases)")
        lines.append(Line(parts: [(" " + TextWidth.fit("Officer", to: 18) + TextWidth.fit("Open cases", to: barWidth / 2 + 8) + "Overdue: newcomer  authority   No contact 30+ d", .columnHeader, nil)]))
        let loadMax = board.officers.map(\.openCases).max() ?? 1
        for officer in board.officers {
            var line = Line(parts: [(" " + TextWidth.fit(officer.username, to: 18), .label, nil)])
            let cells: [(DashboardBar, String, Int, Int)] = [
                (.officerOpen(officer.officerID), "Open cases of \(officer.username)", officer.openCases, barWidth / 2),
                (.officerOverdue(officer.officerID, .newcomer), "\(officer.username): overdue, newcomer side", officer.overdueNewcomer, 0),
                (.officerOverdue(officer.officerID, .authority), "\(officer.username): overdue, authority side", officer.overdueAuthority, 0),
                (.officerNoContact(officer.officerID), "\(officer.username): no contact for 30 days or more", officer.noContact, 0),
            ]
            for (index, item) in cells.enumerated() {
                line.cells.append((item.0, item.1))
                let text: String
                if item.3 > 0 {
                    text = Bars.horizontal(Double(item.2) / Double(max(1, loadMax)), width: item.3, glyphs: g) + " " + TextWidth.fit(Numbers.grouped(item.2), to: 6)
                } else {
                    text = TextWidth.fit(Numbers.grouped(item.2), to: index == 1 ? 9 : 10)
                }
                line.parts.append((text, .normal, index))
                line.parts.append((index == 0 ? "  " : " ", .normal, nil))
            }
            lines.append(line)
        }
        if board.officers.isEmpty { lines.append(Line(parts: [(" No open cases.", .dim, nil)])) }
        return lines
    }

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        // Moving between figures only redraws; the lines are laid out again for new figures or a new size.
        if laidOutFor?.width != area.width || laidOutFor?.check != g.check {
            lines = layout(width: area.width, glyphs: g)
            laidOutFor = (area.width, g.check)
        }
        if !lines.indices.contains(line) || lines[line].cells.isEmpty {
            line = lines.firstIndex { !$0.cells.isEmpty } ?? 0
        }
        if lines.indices.contains(line) { cell = max(0, min(cell, lines[line].cells.count - 1)) }

        var scope = [filter.programmeID.map { "programme \($0)" } ?? "all programmes"]
        if let officer = filter.officerID {
            scope.append("officer " + (board.officers.first { $0.officerID == officer }?.username ?? "#\(officer)"))
        } else {
            scope.append("all officers")
        }
        scope.append("\(filter.from.iso) – \(filter.to.iso)")
        frame.text("Dashboard \(g.separator) " + scope.joined(separator: " \(g.separator) "), in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), .title)
        let selected = selectedCell?.label ?? ""
        frame.text(selected.isEmpty ? "" : "Enter lists: \(selected)", in: Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: 1), .dim)

        let body = area.inset(top: 2)
        if line < scroll { scroll = line }
        if line >= scroll + body.height { scroll = line - body.height + 1 }
        scroll = max(0, min(scroll, max(0, lines.count - body.height)))
        for row in 0..<body.height {
            let index = scroll + row
            guard lines.indices.contains(index) else { break }
            var x = body.x
            let y = body.y + row
            for part in lines[index].parts where x < body.maxX {
                let isSelected = index == line && part.cell == cell
                let role: Role = isSelected ? .selected : part.role
                if isSelected { frame.cursor = Point(x: x, y: y) }
                x = frame.text(TextWidth.truncate(part.text, to: body.maxX - x), x: x, y: y, role, maxX: body.maxX)
            }
        }
    }
}
