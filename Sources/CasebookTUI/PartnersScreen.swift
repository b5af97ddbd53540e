import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The register of local partner organisations: everyone reads it (officers choose from it on
/// the Participation tab); supervisors and admins add and change entries.
package final class PartnersScreen: Screen {
    private(set) var partners: [PartnerOrganisation] = []
    private var viewport = ListViewport()
    var selected: Int { viewport.selected }

    package init(app: App) throws { try reload(app: app) }

    package var title: String { tr("Partner organisations") }

    private func reload(app: App) throws {
        partners = try app.store.partners()
        viewport.clamp(count: partners.count)
    }

    private func tableHeight(_ app: App) -> Int { max(1, app.screenArea.inset(top: 3).height) }

    package func bindings(app: App) -> [BoundCommand] { PartnersScreen.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet(tr("Partner organisations"), bindings.commands())] }

    /// Why the register cannot be changed by the one looking at it.
    private static func notManager(_ app: App) -> String? {
        app.me.role.managesPartners
            ? nil
            : tr("Only a supervisor or an admin can change the register of partner organisations; ask one of them.")
    }

    static let bindings: [Binding<PartnersScreen>] =
        [
            Binding(.addPartner, unavailable: { _, app in PartnersScreen.notManager(app) }) { _, app in
                .push(IntakeForms.partner(app: app, partner: nil))
            },
            Binding(
                .editPartner,
                unavailable: { screen, app in
                    PartnersScreen.notManager(app)
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
        let header =
            " " + TextWidth.fit(tr("Name"), to: nameWidth) + " " + TextWidth.fit(tr("Kind"), to: kindWidth) + " "
            + tr("Contact")
        frame.text(header, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 1), .columnHeader)
        let table = area.inset(top: 3)
        if partners.isEmpty {
            let hint =
                app.me.role.managesPartners
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
            let text =
                (isSelected ? ">" : " ") + TextWidth.fit(partner.name, to: nameWidth) + " "
                + TextWidth.fit(partner.kind.label, to: kindWidth) + " " + partner.contact
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
        }
    }
}
