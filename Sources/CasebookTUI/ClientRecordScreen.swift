import CasebookCore
import CasebookStore

/// A tab of the client record. Each tab reads what it shows when the record loads and draws
/// itself below the record's header.
protocol RecordTab: AnyObject {
    var name: String { get }
    /// Extra key contexts while this tab is showing.
    var contexts: [KeyContext] { get }
    func load(app: App, client: Client) throws
    func render(_ frame: inout Frame, area: Rect, app: App, record: ClientRecordScreen)
    /// Handles a command of its own contexts; false when it does not use it.
    func handle(_ command: CommandID, app: App, record: ClientRecordScreen) throws -> Bool
}

extension RecordTab {
    var contexts: [KeyContext] { [] }
    func handle(_ command: CommandID, app: App, record: ClientRecordScreen) throws -> Bool { false }
}

/// One client: a header with identity and phase, and a tab bar.
package final class ClientRecordScreen: Screen {
    package let clientID: Client.ID
    package private(set) var client: Client
    private(set) var officer: Staff?
    private let tabs: [RecordTab]
    package private(set) var tabIndex = 0
    /// How far the current tab is scrolled, in lines.
    var scroll = 0
    var pageHeight = 10

    /// Opens a client's record, at the tab named `tab` when given (with `obligation` selected on
    /// the Contract tab).
    package init(app: App, clientID: Client.ID, tab: String? = nil, obligation: Int64? = nil) throws {
        self.clientID = clientID
        guard let client = try app.store.client(id: clientID) else { throw StoreError.notFound("client") }
        self.client = client
        let contract = ContractTab()
        contract.focusObligation = obligation
        tabs = [OverviewTab(), LanguageTab(), QualificationsTab(), CivicTab(), contract, NotesTab(), HistoryTab()]
        if let tab, let index = tabs.firstIndex(where: { $0.name == tab }) { tabIndex = index }
        try load(app: app)
    }

    package var contexts: [KeyContext] { tabs[tabIndex].contexts + [.record, .movement] }
    package var title: String { client.caseNumber.text }
    package var tabNames: [String] { tabs.map(\.name) }
    var currentTab: RecordTab { tabs[tabIndex] }

    /// Reads the client again, and what every tab shows.
    func load(app: App) throws {
        guard let fresh = try app.store.client(id: clientID) else { throw StoreError.notFound("client") }
        client = fresh
        officer = try fresh.officerID.flatMap { try app.store.staff(id: $0) }
        for tab in tabs { try tab.load(app: app, client: fresh) }
    }

    package func handle(_ input: Input, app: App) -> Bool {
        guard case .command(let command) = input else { return false }
        do {
            if try tabs[tabIndex].handle(command, app: app, record: self) { return true }
            switch command {
            case .nextTab:
                tabIndex = (tabIndex + 1) % tabs.count
                scroll = 0
            case .previousTab:
                tabIndex = (tabIndex + tabs.count - 1) % tabs.count
                scroll = 0
            case .up: scroll = max(0, scroll - 1)
            case .down: scroll += 1
            case .pageUp: scroll = max(0, scroll - pageHeight)
            case .pageDown: scroll += pageHeight
            case .top: scroll = 0
            case .bottom: scroll = Int.max / 2
            case .edit: try ClientForms.openEdit(app: app, client: client)
            case .changePhase: ClientForms.openPhaseChange(app: app, client: client)
            case .enrol: try TrackForms.enrol(app: app, client: client)
            case .reload:
                try load(app: app)
                app.message = .info("Reloaded.")
            default:
                return false
            }
        } catch {
            app.report(error)
        }
        return true
    }

    package func didReturn(app: App) {
        do { try load(app: app) } catch { app.report(error) }
    }

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        let today = app.clock.today
        let age = client.dateOfBirth.years(until: today)
        var x = frame.text(client.displayName, x: area.x + 1, y: area.y, .title)
        x = frame.text("  \(client.caseNumber.text)", x: x, y: area.y, .emphasis)
        if !client.vulnerabilities.isEmpty {
            frame.text("  V: " + client.vulnerabilities.sorted { $0.bit < $1.bit }.map(\.label).joined(separator: ", "), x: x, y: area.y, .warning)
        }
        let identity = [
            client.sex.label, "born \(client.dateOfBirth.iso) (\(age))", Countries.name(client.nationality),
            "arrived \(client.arrivalDate.iso)",
        ].joined(separator: " \(g.separator) ")
        frame.text(identity, in: area.row(1).inset(left: 1))
        let officerText = officer.map { "\($0.displayName) (\($0.username))" } ?? "nobody assigned"
        frame.text("Phase: \(client.phase.label) \(g.separator) Officer: \(officerText)", in: area.row(2).inset(left: 1), .emphasis)

        // The tab bar.
        var tabX = area.x + 1
        for (index, tab) in tabs.enumerated() {
            let label = " \(tab.name) "
            tabX = frame.text(label, x: tabX, y: area.y + 3, index == tabIndex ? .tabActive : .tab) + 1
        }
        let body = area.inset(top: 5, left: 1, right: 1)
        pageHeight = max(1, body.height - 1)
        tabs[tabIndex].render(&frame, area: body, app: app, record: self)
        frame.cursor = frame.cursor ?? Point(x: area.x + 1, y: area.y)
    }

    /// Draws `lines` into `area` from the current scroll position (clamped).
    func drawScrolled(_ lines: [[(String, Role)]], frame: inout Frame, area: Rect) {
        scroll = max(0, min(scroll, max(0, lines.count - area.height)))
        for row in 0..<area.height {
            let index = scroll + row
            guard lines.indices.contains(index) else { break }
            var x = area.x
            // Text too long for the row ends in "…" rather than being cut off.
            for (text, role) in lines[index] where x < area.maxX {
                let room = area.maxX - x
                var shown = text
                if TextWidth.of(shown) > room {
                    // Padding that does not fit is dropped before any text is cut.
                    while shown.last == " " { shown.removeLast() }
                    shown = TextWidth.truncate(shown, to: room)
                }
                x = frame.text(shown, x: x, y: area.y + row, role, maxX: area.maxX)
            }
        }
        if lines.count > area.height {
            let more = "\(scroll + 1)–\(min(lines.count, scroll + area.height)) of \(lines.count) lines"
            frame.text(more, in: Rect(x: area.maxX - 24, y: area.y - 1, width: 24, height: 1), .dim, alignRight: true)
        }
    }
}

/// The Overview tab: every field of the record, and the case's phase history.
final class OverviewTab: RecordTab {
    let name = "Overview"
    private var enrolment: Enrolment?
    private var history: [PhaseChange] = []

    func load(app: App, client: Client) throws {
        enrolment = try app.store.enrolment(clientID: client.id)
        history = try app.store.phaseHistory(clientID: client.id)
    }

    func render(_ frame: inout Frame, area: Rect, app: App, record: ClientRecordScreen) {
        let client = record.client
        let today = app.clock.today
        var permit = client.permitExpiry?.iso ?? "—"
        var permitRole: Role = .normal
        if let expiry = client.permitExpiry {
            let days = today.days(until: expiry)
            if days < 0 {
                permit += "  EXPIRED \(-days) days ago"
                permitRole = .overdue
            } else if days <= 60 {
                permit += "  expires in \(days) days"
                permitRole = .warning
            }
        }
        let languages = client.languages.map { "\(Languages.name($0)) (\($0))" }.joined(separator: ", ")
        let sections: [(String, [(String, String, Role)])] = [
            ("Identity", [
                ("Family name", client.familyName, .normal), ("Given names", client.givenNames, .normal),
                ("Other spellings", client.otherNames.isEmpty ? "—" : client.otherNames, .normal),
                ("Date of birth", client.dateOfBirth.iso, .normal), ("Sex", client.sex.label, .normal),
                ("Country of birth", "\(Countries.name(client.countryOfBirth)) (\(client.countryOfBirth))", .normal),
                ("Nationality", "\(Countries.name(client.nationality)) (\(client.nationality))", .normal),
                ("Languages", languages.isEmpty ? "—" : languages, .normal),
                ("Interpreter", client.interpreterLanguage.map { "\(Languages.name($0)) (\($0))" } ?? "not needed", .normal),
            ]),
            ("Residence and contact", [
                ("Arrival", client.arrivalDate.iso, .normal), ("Municipality", client.municipality.isEmpty ? "—" : client.municipality, .normal),
                ("Residence", client.residenceCategory.label, .normal), ("Permit expires", permit, permitRole),
                ("Right/obligation", client.programmeStatus.label, .normal),
                ("Vulnerability", client.vulnerabilities.isEmpty ? "none recorded" : client.vulnerabilities.sorted { $0.bit < $1.bit }.map(\.label).joined(separator: ", "), client.vulnerabilities.isEmpty ? .normal : .warning),
                ("Phone", client.phone.isEmpty ? "—" : client.phone, .normal), ("Email", client.email.isEmpty ? "—" : client.email, .normal),
                ("Address", client.address.isEmpty ? "—" : client.address, .normal),
            ]),
            ("Case", [
                ("Phase", client.phase.label, .emphasis),
                ("Programme", enrolment?.programmeID.map { "\($0) v\(enrolment?.programmeVersion ?? 0), \(enrolment?.profile ?? "no profile")" } ?? "not enrolled", .normal),
                ("Offered", enrolment?.offeredOn?.iso ?? "—", .normal),
                ("Started", enrolment?.startedOn?.iso ?? "—", .normal),
                ("Planned end", enrolment?.plannedEnd?.iso ?? "—", .normal),
            ]),
        ]
        var lines: [[(String, Role)]] = []
        let labelWidth = 18
        let twoColumns = area.width >= 100
        if twoColumns {
            let left = sections[0].1 + [("", "", Role.normal)] + sections[2].1
            let right = sections[1].1
            let columnWidth = area.width / 2
            lines.append([(TextWidth.fit(sections[0].0 + " and case", to: columnWidth), .title), (sections[1].0, .title)])
            for index in 0..<max(left.count, right.count) {
                var line: [(String, Role)] = []
                if index < left.count {
                    let (label, value, role) = left[index]
                    line.append((TextWidth.fit(label.isEmpty ? "" : label, to: labelWidth), .label))
                    line.append((TextWidth.fit(value, to: columnWidth - labelWidth - 1) + " ", role))
                } else {
                    line.append((String(repeating: " ", count: columnWidth), .normal))
                }
                if index < right.count {
                    let (label, value, role) = right[index]
                    line.append((TextWidth.fit(label, to: labelWidth), .label))
                    line.append((value, role))
                }
                lines.append(line)
            }
        } else {
            for (title, rows) in sections {
                lines.append([(title, .title)])
                for (label, value, role) in rows { lines.append([(TextWidth.fit(label, to: labelWidth), .label), (value, role)]) }
                lines.append([])
            }
        }
        lines.append([])
        lines.append([("Phase history", .title)])
        for change in history.reversed() {
            let move = (change.from.map { "\($0.label) → " } ?? "") + change.to.label
            var text = "\(change.effectiveOn.iso)  \(TextWidth.fit(move, to: 34))  by \(change.recordedBy)"
            if let exit = change.exitReason { text += " \(frame.glyphs.separator) exit: \(exit.label)" }
            if !change.note.isEmpty { text += " \(frame.glyphs.separator) \(change.note)" }
            lines.append([(text, .normal)])
        }
        record.drawScrolled(lines, frame: &frame, area: area)
    }
}
