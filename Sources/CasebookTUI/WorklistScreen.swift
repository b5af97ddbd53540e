import CasebookCore
import CasebookL10n
import CasebookStore

/// "My day": what needs doing in the officer's caseload — overdue and due-soon obligations of
/// both sides, follow-ups due, permits expiring, clients not contacted lately.
package final class WorklistScreen: Screen {
    private(set) var items: [WorkItem] = []
    private var viewport = ListViewport()
    var selected: Int { viewport.selected }

    package init(app: App) throws {
        try reload(app: app)
    }

    package var title: String { tr("My day") }

    func reload(app: App) throws {
        let keep = items.indices.contains(selected) ? items[selected] : nil
        items = try app.store.worklist(by: app.me.id)
        if let keep, let index = items.firstIndex(of: keep) {
            viewport.select(index, count: items.count, height: tableHeight(app))
        }
        viewport.clamp(count: items.count)
    }

    /// Rows of the table at the app's terminal size (below the title and the column headers).
    private func tableHeight(_ app: App) -> Int { max(1, app.screenArea.inset(top: 3).height) }

    package func bindings(app: App) -> [BoundCommand] { WorklistScreen.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet(tr("My day"), bindings.commands())] }

    static let bindings: [Binding<WorklistScreen>] =
        [
            Binding(
                .openWorkItem,
                unavailable: { list, _ in list.items.isEmpty ? tr("Nothing to open: My day is empty.") : nil }
            ) {
                list, app in
                guard list.items.indices.contains(list.selected) else { return .none }
                let item = list.items[list.selected]
                return .push(
                    try ClientRecordScreen(
                        app: app, clientID: item.clientID, tab: item.kind.tab, obligation: item.obligationID))
            }
        ]
        + Binding.movement(page: { list, app in list.tableHeight(app) }, all: { list, _ in list.items.count }) {
            list, step, app in list.move(by: step, app: app)
        }

    private func move(by step: Int, app: App) -> Effect {
        viewport.move(by: step, count: items.count, height: tableHeight(app))
        return .none
    }

    package func refresh(_ changes: Changes, app: App) throws { try reload(app: app) }

    static func label(_ kind: WorkItem.Kind) -> String {
        switch kind {
        // TRANSLATORS: My day's first column is 10 characters wide; a longer word is cut.
        case .overdueObligation: return tr("OVERDUE")
        case .dueSoonObligation: return tr("Due soon")
        case .followUp: return tr("Follow-up")
        case .permitExpiring: return tr("Permit")
        case .noContact: return tr("No contact")
        case .outcomeFollowUp: return tr("12 months")
        }
    }

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        let overdue = items.filter { $0.kind == .overdueObligation }
        let newcomer = overdue.filter { $0.party == .newcomer }.count
        let title = tr(
            "My day {separator} {officer}'s caseload", ["separator": g.separator, "officer": app.me.displayName])
        let titleEnd = frame.text(title, in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), .title)
        let counts =
            trn("{count} item", "{count} items", items.count) + " \(g.separator) "
            + tr(
                "overdue: newcomer {newcomer}, authority {authority}",
                ["newcomer": String(newcomer), "authority": String(overdue.count - newcomer)])
        let room = area.maxX - 1 - (titleEnd + 2)
        if room > 10 {
            frame.text(
                counts, in: Rect(x: titleEnd + 2, y: area.y, width: room, height: 1), .emphasis, alignRight: true)
        }
        let wide = area.width >= 110
        let nameWidth = wide ? 26 : 16
        let header =
            " " + TextWidth.fit(tr("What"), to: 10) + " " + TextWidth.fit(tr("Side"), to: 9) + " "
            + TextWidth.fit(tr("Case no."), to: 12) + TextWidth.fit(tr("Client"), to: nameWidth)
            + TextWidth.fit(tr("Day"), to: 11) + tr("About")
        frame.text(header, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 1), .columnHeader)
        let table = area.inset(top: 3)
        let visibleRows = max(1, table.height)
        let top = viewport.firstRow(height: visibleRows)
        if items.isEmpty {
            frame.text(
                " "
                    + tr(
                        "Nothing overdue or due soon in your caseload. {key} shows the client list.",
                        ["key": app.keys.hint(.back)]),
                in: table.row(0), .dim)
        }
        for row in 0..<visibleRows {
            let index = top + row
            guard items.indices.contains(index) else { break }
            let item = items[index]
            let isSelected = index == selected
            let role: TextRole = isSelected ? .selected : .normal
            let y = table.y + row
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), role)
            let kindRole: TextRole =
                isSelected
                ? .selected
                : item.kind == .overdueObligation ? .overdue : item.kind == .dueSoonObligation ? .warning : .normal
            var x = frame.text((isSelected ? ">" : " "), x: area.x, y: y, role)
            // The two word columns keep a space after a long translation, as English's words do.
            x = frame.text(TextWidth.fit(WorklistScreen.label(item.kind), to: 10) + " ", x: x, y: y, kindRole)
            let side = item.party.map { $0 == .newcomer ? tr("Newcomer") : tr("Authority") } ?? ""
            let text =
                TextWidth.fit(side, to: 9) + " " + TextWidth.fit(item.caseNumber, to: 12)
                + TextWidth.fit(item.clientName, to: nameWidth)
                + TextWidth.fit(item.day?.shown ?? "—", to: 11)
            x = frame.text(text, x: x, y: y, role, maxX: area.maxX)
            if area.maxX - x > 1 {
                frame.text(TextWidth.fit(item.text, to: area.maxX - x - 1), x: x, y: y, role, maxX: area.maxX)
            }
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
        }
    }
}

extension WorkItem.Kind {
    /// The tab of the record the item is about.
    var tab: RecordTabID {
        switch self {
        case .overdueObligation, .dueSoonObligation: return .contract
        case .followUp, .noContact: return .notes
        case .permitExpiring: return .overview
        case .outcomeFollowUp: return .intake
        }
    }
}
