import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// "My day": what needs doing in the officer's caseload — overdue and due-soon obligations of
/// both sides, follow-ups due, permits expiring, clients not contacted lately.
package final class WorklistScreen: Screen {
    private(set) var items: [WorkItem] = []
    /// Transfers waiting in the supervisor's offices, listed before the items: each opens the
    /// transfers screen at it.
    private(set) var transfers: [Transfer] = []
    private var officeNames: [Office.ID: String] = [:]
    /// Obligations' descriptions in the officer's language (the presets' `description.<language>`),
    /// by their English text, as the Contract tab shows them.
    private var texts: [String: String] = [:]
    /// The rows: transfers, then the items.
    private var rowCount: Int { transfers.count + items.count }
    private var viewport = ListViewport()
    var selected: Int { viewport.selected }

    package init(app: App) throws {
        try reload(app: app)
    }

    package var title: String { tr("My day") }

    func reload(app: App) throws {
        let keep = item(at: selected)
        items = try app.store.worklist(by: app.me.id)
        if Messages.language != Catalogue.english, texts.isEmpty {
            for programme in try app.store.latestProgrammes() {
                texts.merge(try app.store.obligationTexts(programmeID: programme.id, language: Messages.language)) {
                    first, _ in first
                }
            }
        }
        transfers = try app.store.pendingTransfers(for: app.me.id)
        if !transfers.isEmpty {
            officeNames = Dictionary(
                try app.store.offices().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }
        if let keep, let index = items.firstIndex(of: keep) {
            viewport.select(transfers.count + index, count: rowCount, height: tableHeight(app))
        }
        viewport.clamp(count: rowCount)
    }

    private func item(at row: Int) -> WorkItem? {
        items.indices.contains(row - transfers.count) ? items[row - transfers.count] : nil
    }

    /// Rows of the table at the app's terminal size (below the title and the column headers).
    private func tableHeight(_ app: App) -> Int { max(1, app.screenArea.inset(top: 3).height) }

    package func bindings(app: App) -> [BoundCommand] { WorklistScreen.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet(tr("My day"), bindings.commands())] }

    static let bindings: [Binding<WorklistScreen>] =
        [
            Binding(
                .openWorkItem,
                unavailable: { list, _ in list.rowCount == 0 ? tr("Nothing to open: My day is empty.") : nil }
            ) {
                list, app in
                if list.transfers.indices.contains(list.selected) {
                    return .push(try TransfersScreen(app: app, selecting: list.transfers[list.selected].id))
                }
                guard let item = list.item(at: list.selected) else { return .none }
                return .push(
                    try ClientRecordScreen(
                        app: app, clientID: item.clientID, tab: item.kind.tab, obligation: item.obligationID))
            }
        ]
        + Binding.movement(page: { list, app in list.tableHeight(app) }, all: { list, _ in list.rowCount }) {
            list, step, app in list.move(by: step, app: app)
        }

    private func move(by step: Int, app: App) -> Effect {
        viewport.move(by: step, count: rowCount, height: tableHeight(app))
        return .none
    }

    package func refresh(_ changes: Changes, app: App) throws { try reload(app: app) }

    // TRANSLATORS: My day's first column is 10 characters wide, up to 12 where a language needs them; a longer word is cut.
    static var transferLabel: String { tr("Transfer") }

    /// The widths of the What, Side and Client columns: the first two as wide as their longest
    /// word in the officer's language (10 and 9 in English, at most 12 each), taken from the
    /// client's name. At 80 columns only What grows (what the item is matters most; a side
    /// cut to "Teilnehm…" still reads), so that the name keeps 14.
    private func columnWidths(_ width: Int) -> (kind: Int, side: Int, name: Int) {
        let kinds: [WorkItem.Kind] = [
            .overdueObligation, .dueSoonObligation, .followUp, .permitExpiring, .noContact, .outcomeFollowUp,
        ]
        let longestKind =
            (kinds.map { TextWidth.of(WorklistScreen.label($0)) } + [TextWidth.of(WorklistScreen.transferLabel)]).max()
            ?? 0
        let longestSide = max(TextWidth.of(tr("Newcomer")), TextWidth.of(tr("Authority")))
        let wide = width >= 110
        let kind = min(12, max(10, longestKind))
        let side = wide ? min(12, max(9, longestSide)) : 9
        let name = (wide ? 26 : 16) - (kind - 10) - (side - 9)
        return (kind, side, name)
    }

    static func label(_ kind: WorkItem.Kind) -> String {
        switch kind {
        // TRANSLATORS: My day's first column is 10 characters wide, up to 12 where a language needs them; a longer word is cut.
        case .overdueObligation, .lateAcknowledgement: return tr("OVERDUE")
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
        let overdue = items.filter(\.kind.isOverdue)
        let newcomer = overdue.filter { $0.party == .newcomer }.count
        let title = tr(
            "My day {separator} {officer}'s caseload", ["separator": g.separator, "officer": app.me.displayName])
        let titleEnd = frame.text(title, in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), .title)
        let overdueCounts = tr(
            "overdue: newcomer {newcomer}, authority {authority}",
            ["newcomer": String(newcomer), "authority": String(overdue.count - newcomer)])
        let room = area.maxX - 1 - (titleEnd + 2)
        // The overdue counts matter more than the number of items: where a language's words
        // leave no room for both, the number of items goes rather than the counts being cut.
        let allCounts = trn("{count} item", "{count} items", rowCount) + " \(g.separator) " + overdueCounts
        let counts = TextWidth.of(allCounts) <= room ? allCounts : overdueCounts
        if room > 10 {
            frame.text(
                counts, in: Rect(x: titleEnd + 2, y: area.y, width: room, height: 1), .emphasis, alignRight: true)
        }
        let (kindWidth, sideWidth, nameWidth) = columnWidths(area.width)
        let header =
            " " + TextWidth.fit(tr("What"), to: kindWidth) + " " + TextWidth.fit(tr("Side"), to: sideWidth) + " "
            + TextWidth.fit(tr("Case no."), to: 12) + TextWidth.fit(tr("Client"), to: nameWidth - 1) + " "
            + TextWidth.fit(tr("Day"), to: 11) + tr("About")
        frame.text(header, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 1), .columnHeader)
        let table = area.inset(top: 3)
        let visibleRows = max(1, table.height)
        let top = viewport.firstRow(height: visibleRows)
        if rowCount == 0 {
            frame.text(
                " "
                    + tr(
                        "Nothing overdue or due soon in your caseload. {key} shows the client list.",
                        ["key": app.keys.hint(.back)]),
                in: table.row(0), .dim)
        }
        for row in 0..<visibleRows {
            let index = top + row
            guard index < rowCount else { break }
            let isSelected = index == selected
            let role: TextRole = isSelected ? .selected : .normal
            let y = table.y + row
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), role)
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
            guard let item = item(at: index) else {
                drawTransfer(
                    transfers[index], frame: &frame, y: y, widths: (kindWidth, sideWidth, nameWidth),
                    selected: isSelected)
                continue
            }
            let kindRole: TextRole =
                isSelected
                ? .selected
                : item.kind.isOverdue ? .overdue : item.kind == .dueSoonObligation ? .warning : .normal
            var x = frame.text((isSelected ? ">" : " "), x: area.x, y: y, role)
            // The two word columns keep a space after a long translation, as English's words do.
            x = frame.text(TextWidth.fit(WorklistScreen.label(item.kind), to: kindWidth) + " ", x: x, y: y, kindRole)
            let side = item.party.map { $0 == .newcomer ? tr("Newcomer") : tr("Authority") } ?? ""
            let text =
                TextWidth.fit(side, to: sideWidth) + " " + TextWidth.fit(item.caseNumber, to: 12)
                + TextWidth.fit(item.clientName, to: nameWidth - 1) + " "
                + TextWidth.fit(item.day?.shown ?? "—", to: 11)
            x = frame.text(text, x: x, y: y, role, maxX: area.maxX)
            if area.maxX - x > 1 {
                let about = item.obligationID == nil ? item.text : texts[item.text] ?? item.text
                frame.text(TextWidth.fit(about, to: area.maxX - x - 1), x: x, y: y, role, maxX: area.maxX)
            }
        }
    }
}

extension WorklistScreen {
    /// A transfer as a row of My day: incoming ones ask for a decision, outgoing ones wait.
    private func drawTransfer(
        _ transfer: Transfer, frame: inout Frame, y: Int, widths: (kind: Int, side: Int, name: Int), selected: Bool
    ) {
        let area = frame.area
        let role: TextRole = selected ? .selected : .normal
        var x = frame.text(selected ? ">" : " ", x: area.x, y: y, role)
        x = frame.text(
            TextWidth.fit(WorklistScreen.transferLabel, to: widths.kind) + " ", x: x, y: y, selected ? role : .warning)
        let from = officeNames[transfer.fromOffice] ?? ""
        let to = officeNames[transfer.toOffice] ?? ""
        let text =
            TextWidth.fit("", to: widths.side) + " " + TextWidth.fit(transfer.client.caseNumber, to: 12)
            + TextWidth.fit("", to: widths.name) + TextWidth.fit(transfer.proposedAt.utcDay.shown, to: 11)
            + tr(
                "From {from} to {to}: {reason}", ["from": from, "to": to, "reason": Sanitized.inline(transfer.reason)])
        frame.text(TextWidth.fit(text, to: max(0, area.maxX - x - 1)), x: x, y: y, role, maxX: area.maxX)
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
        case .lateAcknowledgement: return .qualifications
        }
    }
}
