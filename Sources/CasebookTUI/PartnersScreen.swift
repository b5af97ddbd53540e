import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The registers of local partner organisations of the person's offices: their staff read them
/// (officers choose from them on the Participation tab); the office's supervisors and admins add
/// and change entries. Another office's partners are not shown.
package final class PartnersScreen: Screen {
    private(set) var partners: [PartnerOrganisation] = []
    /// The offices whose register the person keeps.
    private var managed: [Office] = []
    /// Office codes by id, shown where the person sees several registers.
    private var codes: [Office.ID: String] = [:]
    private var viewport = ListViewport()
    var selected: Int { viewport.selected }

    package init(app: App) throws { try reload(app: app) }

    package var title: String { tr("Partner organisations") }

    private func reload(app: App) throws {
        partners = try app.store.partners(actor: app.me.id)
        managed = try app.store.partnerOffices(actor: app.me.id)
        codes = Dictionary(try app.store.offices().map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
        viewport.clamp(count: partners.count)
    }

    private func tableHeight(_ app: App) -> Int { max(1, app.screenArea.inset(top: 3).height) }

    package func bindings(app: App) -> [BoundCommand] { PartnersScreen.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet(tr("Partner organisations"), bindings.commands())] }

    /// Why no register can be changed by the one looking at it.
    private func notManager() -> String? {
        managed.isEmpty
            ? tr("Only a supervisor or an admin can change the register of partner organisations; ask one of them.")
            : nil
    }

    /// Why the selected organisation cannot be changed by the one looking at it.
    private func notManagerOfSelected() -> String? {
        guard partners.indices.contains(selected) else { return notManager() }
        let office = partners[selected].officeID
        return managed.contains { $0.id == office }
            ? nil
            : tr(
                "Only a supervisor or an admin of {office} can change its partner organisations; ask one of them.",
                ["office": codes[office] ?? ""])
    }

    /// True when the person sees the registers of several offices: each row names its office.
    private var showsOffice: Bool { Set(partners.map(\.officeID)).count > 1 || managed.count > 1 }

    static let bindings: [Binding<PartnersScreen>] =
        [
            Binding(.addPartner, unavailable: { screen, _ in screen.notManager() }) { screen, app in
                let office =
                    screen.partners.indices.contains(screen.selected) ? screen.partners[screen.selected].officeID : nil
                return .push(
                    IntakeForms.partner(
                        app: app, partner: nil, offices: screen.managed,
                        office: screen.managed.contains { $0.id == office } ? office : nil))
            },
            Binding(
                .editPartner,
                unavailable: { screen, app in
                    screen.notManagerOfSelected()
                        ?? (screen.partners.isEmpty
                            ? tr(
                                "The register is empty; {key} adds an organisation.",
                                ["key": app.keys.hint(.addPartner)])
                            : nil)
                }
            ) { screen, app in
                guard screen.partners.indices.contains(screen.selected) else { return .none }
                return .push(IntakeForms.partner(app: app, partner: screen.partners[screen.selected]))
            },
        ]
        + Binding.movement(
            page: { screen, app in screen.tableHeight(app) }, all: { screen, _ in screen.partners.count }
        ) {
            screen, step, app in
            screen.viewport.move(by: step, count: screen.partners.count, height: screen.tableHeight(app))
            return .none
        }

    package func refresh(_ changes: Changes, app: App) throws {
        if changes.contains(.partners) { try reload(app: app) }
    }

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        frame.text(
            tr("Partner organisations") + " \(frame.glyphs.separator) "
                + trn("{count} in the register", "{count} in the register", partners.count),
            in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), .title)
        let nameWidth = area.width >= 110 ? 40 : 28
        let kindWidth = area.width >= 110 ? 34 : 22
        let officeWidth = showsOffice ? 8 : 0
        let officeHeader = showsOffice ? TextWidth.fit(tr("Office"), to: officeWidth) + " " : ""
        let header =
            " " + officeHeader + TextWidth.fit(tr("Name"), to: nameWidth) + " "
            + TextWidth.fit(tr("Kind"), to: kindWidth) + " " + tr("Contact")
        frame.text(header, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 1), .columnHeader)
        let table = area.inset(top: 3)
        if partners.isEmpty {
            let hint =
                !managed.isEmpty
                ? tr("The register is empty. {key} adds an organisation.", ["key": app.keys.hint(.addPartner)])
                : tr("The register is empty; a supervisor adds the office's partner organisations.")
            frame.text(" " + hint, in: table.row(0), .dim)
            return
        }
        let top = viewport.firstRow(height: table.height)
        for row in 0..<table.height {
            let index = top + row
            guard partners.indices.contains(index) else { break }
            let partner = partners[index]
            let isSelected = index == selected
            let role: TextRole = isSelected ? .selected : .normal
            let y = table.y + row
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), role)
            let office = showsOffice ? TextWidth.fit(codes[partner.officeID] ?? "", to: officeWidth) + " " : ""
            let text =
                (isSelected ? ">" : " ") + office + TextWidth.fit(partner.name, to: nameWidth) + " "
                + TextWidth.fit(partner.kind.label, to: kindWidth) + " " + partner.contact
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
        }
    }
}
