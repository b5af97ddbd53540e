import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The offices the viewer belongs to (every office, for admins) and the staff of the selected
/// one with their role there. Admins add and rename offices and give people a role in one;
/// everyone else reads it, and the admin keys say why they are not theirs.
package final class OfficesScreen: Screen {
    private(set) var offices: [OfficeSummary] = []
    private(set) var staff: [(staff: Staff, role: Role)] = []
    private var officeRows = ListViewport()
    private var staffRows = ListViewport()
    /// True while the up and down keys move in the staff of the office rather than the offices.
    private(set) var inStaff = false

    package init(app: App) throws { try reload(app: app) }

    package var title: String { tr("Offices and staff") }

    var selectedOffice: OfficeSummary? {
        offices.indices.contains(officeRows.selected) ? offices[officeRows.selected] : nil
    }

    var selectedMember: (staff: Staff, role: Role)? {
        inStaff && staff.indices.contains(staffRows.selected) ? staff[staffRows.selected] : nil
    }

    private func reload(app: App) throws {
        let keep = selectedOffice?.office.id
        offices = try app.store.officeSummaries(by: app.me.id)
        if let keep, let index = offices.firstIndex(where: { $0.office.id == keep }) {
            officeRows.select(index, count: offices.count, height: offices.count)
        }
        officeRows.clamp(count: offices.count)
        try loadStaff(app: app)
    }

    private func loadStaff(app: App) throws {
        staff = try selectedOffice.map { try app.store.staff(inOffice: $0.office.id) } ?? []
        staffRows.clamp(count: staff.count)
        if staff.isEmpty { inStaff = false }
    }

    /// The office list takes up to half the rows below the title; the staff the rest.
    private func officeHeight(_ area: Rect) -> Int { max(1, min(offices.count, (area.height - 6) / 2)) }
    private func staffHeight(_ area: Rect) -> Int { max(1, area.height - 6 - officeHeight(area)) }

    package func bindings(app: App) -> [BoundCommand] { OfficesScreen.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet(tr("Offices and staff"), bindings.commands())] }

    /// Why the person may not change offices or staff (nil: they may).
    private static func notAdmin(_ action: Action, _ app: App) -> String? {
        let may = (try? app.store.actor(app.me.id))?.may(action, policy: app.store.policy) ?? false
        return may ? nil : app.store.policy.refusal(action, officeName: nil)
    }

    static let bindings: [Binding<OfficesScreen>] =
        [
            Binding(.addOffice, unavailable: { _, app in notAdmin(.manageOffices, app) }) { _, app in
                .push(OfficeForms.newOffice(app: app))
            },
            Binding(
                .renameOffice,
                unavailable: { screen, app in
                    notAdmin(.manageOffices, app) ?? (screen.selectedOffice == nil ? tr("No office selected.") : nil)
                }
            ) { screen, app in
                guard let office = screen.selectedOffice?.office else { return .none }
                return .push(OfficeForms.rename(app: app, office: office))
            },
            Binding(
                .setMembership,
                unavailable: { screen, app in
                    notAdmin(.manageStaff, app) ?? (screen.selectedOffice == nil ? tr("No office selected.") : nil)
                }
            ) { screen, app in
                guard let office = screen.selectedOffice?.office else { return .none }
                return .push(OfficeForms.membership(app: app, office: office, member: screen.selectedMember))
            },
            Binding(
                .switchList,
                unavailable: { screen, _ in
                    !screen.inStaff && screen.staff.isEmpty ? tr("This office has no staff yet.") : nil
                }
            ) { screen, _ in
                screen.inStaff.toggle()
                return .none
            },
        ]
        + Binding.movement(
            page: { screen, app in
                screen.inStaff ? screen.staffHeight(app.screenArea) : screen.officeHeight(app.screenArea)
            },
            all: { screen, _ in screen.inStaff ? screen.staff.count : screen.offices.count }
        ) { screen, step, app in try screen.move(by: step, app: app) }

    private func move(by step: Int, app: App) throws -> Effect {
        if inStaff {
            staffRows.move(by: step, count: staff.count, height: staffHeight(app.screenArea))
            return .none
        }
        let before = officeRows.selected
        officeRows.move(by: step, count: offices.count, height: officeHeight(app.screenArea))
        if officeRows.selected != before {
            staffRows = ListViewport()
            try loadStaff(app: app)
        }
        return .none
    }

    package func refresh(_ changes: Changes, app: App) throws { try reload(app: app) }

    // MARK: Drawing

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        frame.text(
            tr("Offices and staff") + " \(g.separator) "
                + trn("{count} office", "{count} offices", offices.count),
            in: Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), .title)
        let wide = area.width >= 110
        let nameWidth = wide ? 32 : 22
        let placesWidth = max(10, area.width - 14 - nameWidth - 9 - 12 - 4)
        let header =
            " " + TextWidth.fit(tr("Code"), to: 13) + TextWidth.fit(tr("Name"), to: nameWidth) + " "
            + TextWidth.fit(tr("Municipalities"), to: placesWidth) + " " + TextWidth.fit(tr("Clients"), to: 8)
            + " " + tr("My role")
        frame.text(header, in: Rect(x: area.x, y: area.y + 2, width: area.width, height: 1), .columnHeader)
        let officeArea = Rect(x: area.x, y: area.y + 3, width: area.width, height: officeHeight(area))
        let top = officeRows.firstRow(height: officeArea.height)
        for row in 0..<officeArea.height {
            let index = top + row
            guard offices.indices.contains(index) else { break }
            let summary = offices[index]
            let isSelected = index == officeRows.selected
            let role: TextRole = isSelected && !inStaff ? .selected : .normal
            let y = officeArea.y + row
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), role)
            let clients = summary.clients.map { Numbers.grouped($0) } ?? "—"
            let text =
                (isSelected ? ">" : " ") + TextWidth.fit(summary.office.code, to: 13)
                + TextWidth.fit(summary.office.name, to: nameWidth) + " "
                + TextWidth.fit(summary.office.municipalities.joined(separator: ", "), to: placesWidth) + " "
                + TextWidth.fit(clients, to: 8) + " " + (summary.role.map(OfficeForms.label) ?? "—")
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            if isSelected && !inStaff { frame.cursor = Point(x: area.x, y: y) }
        }
        let staffTop = officeArea.maxY + 1
        let heading =
            selectedOffice.map { tr("Staff of {office}", ["office": $0.office.name]) } ?? tr("No office selected.")
        let switchHint =
            staff.isEmpty
            ? ""
            : " \(g.separator) "
                + tr(
                    "{key} moves between offices and staff", ["key": app.keys.hint(.switchList)])
        frame.text(
            heading + switchHint, in: Rect(x: area.x + 1, y: staffTop, width: area.width - 2, height: 1), .emphasis)
        let userWidth = 18
        frame.text(
            " " + TextWidth.fit(tr("User"), to: userWidth) + " " + TextWidth.fit(tr("Name"), to: nameWidth + 6) + " "
                + TextWidth.fit(tr("Role here"), to: 12) + " " + tr("Active"),
            in: Rect(x: area.x, y: staffTop + 1, width: area.width, height: 1), .columnHeader)
        let staffArea = Rect(x: area.x, y: staffTop + 2, width: area.width, height: staffHeight(area))
        if staff.isEmpty, let office = selectedOffice {
            let hint =
                OfficesScreen.notAdmin(.manageStaff, app) == nil
                ? tr(
                    "Nobody works in {office} yet. {key} adds someone.",
                    [
                        "office": office.office.name, "key": app.keys.hint(.setMembership),
                    ])
                : tr("Nobody works in {office} yet; an admin adds its staff.", ["office": office.office.name])
            frame.text(" " + hint, in: staffArea.row(0), .dim)
        }
        let first = staffRows.firstRow(height: staffArea.height)
        for row in 0..<staffArea.height {
            let index = first + row
            guard staff.indices.contains(index) else { break }
            let member = staff[index]
            let isSelected = inStaff && index == staffRows.selected
            let role: TextRole = isSelected ? .selected : member.staff.isActive ? .normal : .dim
            let y = staffArea.y + row
            frame.clear(Rect(x: area.x, y: y, width: area.width, height: 1), role)
            let text =
                (isSelected ? ">" : " ") + TextWidth.fit(member.staff.username, to: userWidth) + " "
                + TextWidth.fit(member.staff.displayName, to: nameWidth + 6) + " "
                + TextWidth.fit(OfficeForms.label(member.role), to: 12) + " "
                + (member.staff.isActive ? tr("yes") : tr("no"))
            frame.text(text, in: Rect(x: area.x, y: y, width: area.width, height: 1), role)
            if isSelected { frame.cursor = Point(x: area.x, y: y) }
        }
    }
}

/// The offices screen's forms: an office added or renamed, a person's role in an office.
enum OfficeForms {
    /// A role as people read it.
    static func label(_ role: Role) -> String {
        switch role {
        case .officer: tr("officer")
        case .supervisor: tr("supervisor")
        case .admin: tr("admin")
        }
    }

    static func newOffice(app: App) -> FormScreen<OfficeDraft> {
        FormScreen(
            title: tr("New office"),
            fields: [
                .text(.code, tr("Code (e.g. NORD)"), \.code), .text(.name, tr("Name"), \.name),
                .text(.municipalities, tr("Municipalities (separated by commas)"), \.municipalities),
            ], draft: OfficeDraft(), changes: .client, validate: { draft, _ in try draft.validated() }
        ) { app, draft in
            let office = try app.store.addOffice(draft, actor: app.me.id)
            return FormSaved(tr("Added office {code} ({name}).", ["code": office.code, "name": office.name]))
        }
    }

    static func rename(app: App, office: Office) -> FormScreen<OfficeDraft> {
        FormScreen(
            title: tr("Rename {code}", ["code": office.code]), fields: [.text(.name, tr("Name"), \.name)],
            draft: OfficeDraft(office), changes: .client, validate: { draft, _ in try draft.validated() }
        ) { app, draft in
            let renamed = try app.store.renameOffice(office.id, draft, actor: app.me.id)
            return FormSaved(tr("Office {code} is now {name}.", ["code": renamed.code, "name": renamed.name]))
        }
    }

    /// A role in `office` for someone: the selected staff member (their role changed), or a
    /// user name typed (someone known gets a role here, someone new is registered).
    static func membership(app: App, office: Office, member: (staff: Staff, role: Role)?) -> FormScreen<MembershipDraft>
    {
        let draft = MembershipDraft(
            username: member?.staff.username ?? "", displayName: member?.staff.displayName ?? "", role: member?.role)
        var fields: [FormField<MembershipDraft>] = [.text(.username, tr("User name (their login)"), \.username)]
        if member == nil { fields.append(.text(.displayName, tr("Name (when new to Casebook)"), \.displayName)) }
        fields.append(.choice(.role, tr("Role in this office"), \.role, label: OfficeForms.label))
        return FormScreen(
            title: member.map { tr("{user} in {office}", ["user": $0.staff.username, "office": office.name]) }
                ?? tr("Staff of {office}", ["office": office.name]),
            fields: fields, draft: draft, changes: .client, validate: { draft, _ in try draft.validated() }
        ) { app, draft in
            let saved = try app.store.saveMembership(draft, office: office.id, actor: app.me.id)
            let role = draft.role.map(OfficeForms.label) ?? ""
            return FormSaved(
                tr(
                    "{user} is {role} in {office}.", ["user": saved.username, "role": role, "office": office.name]))
        }
    }
}
