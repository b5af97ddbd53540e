import CasebookCore
import CasebookStore

/// "My day": what needs doing in the officer's caseload — overdue and due-soon obligations of
/// both sides, follow-ups due, permits expiring, clients not contacted lately.
package final class WorklistScreen: Screen {
    private(set) var items: [WorkItem] = []
    private(set) var selected = 0
    private var top = 0
    private var visibleRows = 10

    package init(app: App) throws {
        try reload(app: app)
    }

    package var contexts: [KeyContext] { [.worklist, .movement] }
    package var title: String { "My day" }

    func reload(app: App) throws {
        let keep = items.indices.contains(selected) ? items[selected] : nil
        items = try app.store.worklist(officerID: app.me.id)
        if let keep, let index = items.firstIndex(of: keep) { selected = index }
        selected = max(0, min(selected, items.count - 1))
    }

    package func handle(_ input: Input, app: App) -> Bool {
        guard case .command(let command) = input else { return false }
        do {
            switch command {
            case .up: selected = max(0, selected - 1)
            case .down: selected = min(max(0, items.count - 1), selected + 1)
            case .pageUp: selected = max(0, selected - visibleRows)
            case .pageDown: selected = min(max(0, items.count - 1), selected + visibleRows)
            case .top: selected = 0
            case .bottom: selected = max(0, items.count - 1)
            case .openWorkItem:
                guard items.indices.contains(selected) else { return true }
                let item = items[selected]
                let tab: String
                switch item.kind {
                case .overdueObligation, .dueSoonObligation: tab = "Contract"
                case .followUp, .noContact: tab = "Notes"
                case .permitExpiring: tab = "Overview"
                }
                app.push(try ClientRecordScreen(app: app, clientID: item.clientID, tab: tab, obligation: item.obligationID))
            default: return false
            }
        } catch { app.report(error) }
        return true
    }

    package func didReturn(app: App) {
        do { try reload(app: app) } catch { app.report(error) }
    }

    static func label(_ kind: WorkItem.Kind) -> String {
        switch kind {
        case .overdueObligation: return "OVERDUE"
        case .dueSoonObligation: return "Due soon"
        case .followUp: return "Follow-up"
        case .permitExpiring: return "Permit"
        case .noContact: return "No contact"
        }
    }

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        let overdue = items.filter { $0.kind == .overdueObligation }
        let newcomer = overdue.filter { $0.party == .newcomer }.count
        let title = "My day \(g.separator) \(app.me.displayName)'s caseload"
        let titleEnd = frame.text(title, in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), .title)
        let counts = "\(items.count) items \(g.separator) overdue: newcomer \(newcomer), authority \(overdue.count - newcomer)"
        let room = area.maxX - 1 - (titleEnd + 2)
        if room > 10 {
            frame.text(counts, in: Rect(x: titleEnd + 2, y: area.y, width: room, height: 1), .emphasis, alignRight: true)
        }
        let wide = area.width >= 110
        let nameWidth = wide ? 26 : 16
        let header = " " + TextWidth.fit("What", to: 11) + TextWidth.fit("Side", to: 10) + TextWidth.fit("Case no.", to: 12)
            + TextWidth.fit("Client", to: nameWidth) + TextWidth.fit("Day", to: 11) + "About"
        frame.text(header, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 1), .columnHeader)
        let table = area.inset(top: 3)
        visibleRows = max(1, table.height)
        if selected < top { top = selected }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        if items.isEmpty {
            frame.text(" Nothing overdue or due soon in your caseload. Esc shows the client list.", in: table.row(0), .dim)
        }
        for row in 0..<visibleRows {
            let index = top + row
            guard items.indices.contains(index) else { break }
            let item = items[index]
            let isSelected = index == selected
            let role: Role = isSelected ? .selected : .normal
            let y = table.y + row
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), role)
            let kindRole: Role = isSelected ? .selected : item.kind == .overdueObligation ? .overdue : item.kind == .dueSoonObligation ? .warning : .normal
            var x = frame.text((isSelected ? ">" : " "), x: area.x, y: y, role)
            x = frame.text(TextWidth.fit(WorklistScreen.label(item.kind), to: 11), x: x, y: y, kindRole)
            let side = item.party.map { $0 == .newcomer ? "Newcomer" : "Authority" } ?? ""
            let text = TextWidth.fit(side, to: 10) + TextWidth.fit(item.caseNumber, to: 12) + TextWidth.fit(item.clientName, to: nameWidth)
                + TextWidth.fit(item.day?.iso ?? "—", to: 11)
            x = frame.text(text, x: x, y: y, role, maxX: area.maxX)
            if area.maxX - x > 1 { frame.text(TextWidth.fit(item.text, to: area.maxX - x - 1), x: x, y: y, role, maxX: area.maxX) }
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
        }
    }
}
