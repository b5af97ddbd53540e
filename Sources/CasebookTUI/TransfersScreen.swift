import CasebookCore
import CasebookL10n
import CasebookStore

/// The transfers waiting for the viewer: incoming ones (to an office where they may transfer
/// clients) to accept or decline, and outgoing ones still pending. A transfer names the client by
/// case number only: the receiving office does not see the client until it accepts.
package final class TransfersScreen: Screen {
    private(set) var transfers: [Transfer] = []
    private var names: [Office.ID: String] = [:]
    /// Offices where the viewer decides transfers.
    private var deciding: Set<Office.ID> = []
    private var viewport = ListViewport()
    /// The decision the open confirmation asks about.
    private var asking: (transfer: Transfer, accept: Bool)?

    package init(app: App, selecting id: Int64? = nil) throws {
        try reload(app: app)
        if let id, let index = transfers.firstIndex(where: { $0.id == id }) {
            viewport.select(index, count: transfers.count, height: transfers.count)
        }
    }

    package var title: String { tr("Transfers") }

    var selected: Transfer? { transfers.indices.contains(viewport.selected) ? transfers[viewport.selected] : nil }

    func isIncoming(_ transfer: Transfer) -> Bool { deciding.contains(transfer.toOffice) }

    private func reload(app: App) throws {
        let actor = try app.store.actor(app.me.id)
        deciding = Set(actor.offices(for: .transfer, policy: app.store.policy).whole)
        names = Dictionary(try app.store.offices().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        // Incoming first: they wait for this person's decision.
        transfers = try app.store.pendingTransfers(for: app.me.id).sorted {
            (isIncoming($0) ? 0 : 1, $0.id) < (isIncoming($1) ? 0 : 1, $1.id)
        }
        viewport.clamp(count: transfers.count)
    }

    func name(_ office: Office.ID) -> String { names[office] ?? "#\(office)" }

    private func tableHeight(_ app: App) -> Int { max(1, app.screenArea.inset(top: 3).height) }

    package func bindings(app: App) -> [BoundCommand] { TransfersScreen.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet(tr("Transfers"), bindings.commands())] }

    /// Why the selected transfer is not the viewer's to decide (nil: it is).
    private func notMine() -> String? {
        guard let transfer = selected else { return tr("No transfer is waiting.") }
        guard isIncoming(transfer) else {
            return tr(
                "Only supervisors of {office} decide this transfer; it waits for them.",
                ["office": name(transfer.toOffice)])
        }
        return nil
    }

    static let bindings: [Binding<TransfersScreen>] =
        [
            Binding(.acceptTransfer, unavailable: { screen, _ in screen.notMine() }) { screen, _ in
                screen.ask(accept: true)
            },
            Binding(.declineTransfer, unavailable: { screen, _ in screen.notMine() }) { screen, _ in
                screen.ask(accept: false)
            },
        ]
        + Binding.movement(
            page: { screen, app in screen.tableHeight(app) }, all: { screen, _ in screen.transfers.count }
        ) { screen, step, app in
            screen.viewport.move(by: step, count: screen.transfers.count, height: screen.tableHeight(app))
            return .none
        }

    /// Asks before deciding, saying what the decision changes.
    private func ask(accept: Bool) -> Effect {
        guard let transfer = selected else { return .none }
        asking = (transfer, accept)
        let values = [
            "case": transfer.client.caseNumber, "from": name(transfer.fromOffice), "to": name(transfer.toOffice),
        ]
        if accept {
            return .push(
                ConfirmDialog(
                    title: tr("Accept the transfer?"),
                    question: tr(
                        "{case} then belongs to {to}, with their tracks, contract and history; {from} no longer sees them, and the client has no officer until one of {to} is given the case.",
                        values),
                    yesLabel: tr("Accept")))
        }
        return .push(
            ConfirmDialog(
                title: tr("Decline the transfer?"),
                question: tr("{case} stays with {from}; {from} may propose a transfer again.", values),
                yesLabel: tr("Decline")))
    }

    package func didReturn(_ returned: Returned, app: App) throws -> Effect {
        guard let question = asking else { return .none }
        let (transfer, accept) = question
        asking = nil
        guard case .confirmed? = returned.answer else { return .none }
        try app.store.decideTransfer(transfer.id, accept: accept, by: app.me.id)
        try reload(app: app)
        let values = ["case": transfer.client.caseNumber, "to": name(transfer.toOffice)]
        return .all([
            .changed(.client),
            .success(
                accept
                    ? tr("{case} now belongs to {to}; give the case to one of its officers.", values)
                    : tr("Declined the transfer of {case}.", values)),
        ])
    }

    package func refresh(_ changes: Changes, app: App) throws { try reload(app: app) }

    // MARK: Drawing

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        let incoming = transfers.filter(isIncoming).count
        frame.text(
            tr("Transfers") + " \(g.separator) "
                + trn("{count} waiting for my decision", "{count} waiting for my decision", incoming)
                + " \(g.separator) "
                + trn("{count} outgoing", "{count} outgoing", transfers.count - incoming),
            in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), .title)
        let officeWidth = area.width >= 110 ? 20 : 12
        let header =
            " " + TextWidth.fit(tr("Way"), to: 9) + TextWidth.fit(tr("Case no."), to: 12)
            + TextWidth.fit(tr("From"), to: officeWidth + 1) + TextWidth.fit(tr("To"), to: officeWidth + 1)
            + TextWidth.fit(tr("Proposed"), to: 11) + tr("Reason")
        frame.text(header, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 1), .columnHeader)
        let table = area.inset(top: 3)
        if transfers.isEmpty {
            frame.text(" " + tr("No transfer is waiting for you or your office."), in: table.row(0), .dim)
            return
        }
        let top = viewport.firstRow(height: table.height)
        for row in 0..<table.height {
            let index = top + row
            guard transfers.indices.contains(index) else { break }
            let transfer = transfers[index]
            let isSelected = index == viewport.selected
            let role: TextRole = isSelected ? .selected : .normal
            let y = table.y + row
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), role)
            let way = isIncoming(transfer) ? tr("In") : tr("Out")
            let text =
                (isSelected ? ">" : " ") + TextWidth.fit(way, to: 8) + " "
                + TextWidth.fit(transfer.client.caseNumber, to: 12)
                + TextWidth.fit(name(transfer.fromOffice), to: officeWidth) + " "
                + TextWidth.fit(name(transfer.toOffice), to: officeWidth) + " "
                + TextWidth.fit(transfer.proposedAt.utcDay.shown, to: 11)
                + tr("{reason} ({user})", ["reason": Sanitized.inline(transfer.reason), "user": transfer.proposedBy])
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
        }
    }
}

/// The record's transfer form: the office that is to take the client, and why.
enum TransferForms {
    static func propose(app: App, client: Client, office: Office.ID) throws -> FormScreen<TransferDraft> {
        let others = try app.store.offices().filter { $0.id != office }.map { ($0.id, "\($0.name) (\($0.code))") }
        return FormScreen(
            title: tr("Transfer {case} to another office", ["case": client.caseNumber.text]),
            fields: [
                .choice(.office, tr("To office"), \.office, others),
                .text(.reason, tr("Reason (the receiving office reads it)"), \.reason),
            ], draft: TransferDraft(office: others.count == 1 ? others[0].0 : nil), changes: .client,
            validate: { draft, _ in try draft.validated(from: office) }
        ) { app, draft in
            try app.store.proposeTransfer(client: client.id, draft, by: app.me.id)
            let to = try draft.office.flatMap { try app.store.office(id: $0)?.name } ?? ""
            return FormSaved(
                tr(
                    "Proposed the transfer of {case} to {office}; it waits for their supervisor.",
                    ["case": client.caseNumber.text, "office": to]))
        }
    }
}
