import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore

/// The tabs of the client record, in order.
package enum RecordTabID: CaseIterable, Hashable, Sendable {
    case overview, intake, language, qualifications, civic, participation, contract, notes, history

    package var title: String {
        switch self {
        case .overview: return tr("Overview")
        case .intake: return tr("Intake")
        case .participation: return tr("Participation")
        case .language: return tr("Language")
        case .qualifications: return tr("Qualifications")
        case .civic: return tr("Civic")
        case .contract: return tr("Contract")
        case .notes: return tr("Notes")
        case .history: return tr("History")
        }
    }

    /// The name in a tab bar too narrow for every title.
    package var shortTitle: String {
        switch self {
        case .overview: return tr("Overv.")
        case .intake: return tr("Intake")
        case .language: return tr("Lang.")
        case .qualifications: return tr("Qual.")
        case .civic: return tr("Civic")
        case .participation: return tr("Partic.")
        case .contract: return tr("Contr.")
        case .notes: return tr("Notes")
        case .history: return tr("Hist.")
        }
    }

    /// The commands the tab offers, for the clash check.
    var commands: [CommandID] {
        switch self {
        case .overview: return OverviewTab.bindings.commands()
        case .intake: return IntakeTab.bindings.commands()
        case .participation: return ParticipationTab.bindings.commands()
        case .language: return LanguageTab.bindings.commands()
        case .qualifications: return QualificationsTab.bindings.commands()
        case .civic: return CivicTab.bindings.commands()
        case .contract: return ContractTab.bindings.commands()
        case .notes: return NotesTab.bindings.commands()
        case .history: return HistoryTab.bindings.commands()
        }
    }
}

/// A tab of the client record: it reads what it shows when shown (and only once that is out
/// of date), offers its own commands, and draws itself below the record's header.
protocol RecordTab: AnyObject, SendableMetatype {
    var id: RecordTabID { get }
    /// The client as the record last read it.
    var client: Client { get set }
    /// The changes that make what the tab shows out of date.
    var shows: Changes { get }
    func load(app: App) throws
    func bindings(app: App) -> [BoundCommand]
    func render(_ frame: inout Frame, area: Rect, app: App)
    /// A dialog this tab opened has closed.
    func didReturn(_ returned: Returned, app: App) throws -> Effect
}

extension RecordTab {
    func didReturn(_ returned: Returned, app: App) throws -> Effect { .none }
}

/// A tab that is one page of lines, scrolled with the movement keys.
protocol ScrolledTab: RecordTab {
    var page: PageScroll { get set }
    /// What the tab shows, as lines for a body `width` cells wide.
    func lines(width: Int, glyphs: Glyphs, app: App) -> [[(String, TextRole)]]
}

extension ScrolledTab {
    /// The movement keys, scrolling the page.
    static var scrolling: [Binding<Self>] {
        Binding.movement(page: { _, app in ClientRecordScreen.pageHeight(app) }, all: { _, _ in Int.max / 2 }) {
            tab, step, app in
            tab.scroll(by: step, app: app)
        }
    }

    func scroll(by step: Int, app: App) -> Effect {
        let body = ClientRecordScreen.body(in: app.screenArea)
        let count = lines(width: body.width, glyphs: app.glyphs, app: app).count
        page.scroll(by: step, lineCount: count, height: body.height)
        return .none
    }

    func render(_ frame: inout Frame, area: Rect, app: App) {
        drawScrolled(lines(width: area.width, glyphs: frame.glyphs, app: app), frame: &frame, area: area)
    }

    /// Draws `lines` into `area` from the scroll position.
    func drawScrolled(_ lines: [[(String, TextRole)]], frame: inout Frame, area: Rect) {
        let first = page.firstLine(lineCount: lines.count, height: area.height)
        for row in 0..<area.height {
            let index = first + row
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
            let more = trn(
                "{first}–{last} of {count} line", "{first}–{last} of {count} lines", lines.count,
                ["first": String(first + 1), "last": String(min(lines.count, first + area.height))])
            frame.text(more, in: Rect(x: area.maxX - 24, y: area.y - 1, width: 24, height: 1), .dim, alignRight: true)
        }
    }
}

/// A tab with a selected row (a note, an obligation, a qualification), moved with the
/// movement keys; the tab draws the rows around it.
protocol SelectingTab: RecordTab {
    var viewport: ListViewport { get set }
    var rowCount: Int { get }
    /// The selection moved (a tab may read what it shows of the selected row).
    func selectionMoved(app: App) throws
}

extension SelectingTab {
    func selectionMoved(app: App) throws {}

    /// Up, down, first and last.
    static var selecting: [Binding<Self>] {
        [
            Binding(.up) { tab, app in try tab.select(tab.viewport.selected - 1, app: app) },
            Binding(.down) { tab, app in try tab.select(tab.viewport.selected + 1, app: app) },
            Binding(.top) { tab, app in try tab.select(0, app: app) },
            Binding(.bottom) { tab, app in try tab.select(tab.rowCount - 1, app: app) },
        ]
    }

    private func select(_ index: Int, app: App) throws -> Effect {
        let before = viewport.selected
        viewport.select(index, count: rowCount, height: rowCount)
        if viewport.selected != before { try selectionMoved(app: app) }
        return .none
    }
}

/// One client: a header with identity and phase, and a tab bar. A tab reads its data when it
/// is first shown, and again when a change it shows was made.
package final class ClientRecordScreen: Screen {
    package let clientID: Client.ID
    package private(set) var client: Client
    private(set) var officer: Staff?
    /// A restriction or legal hold in force, and whether the person's data was erased.
    private(set) var status: (flags: [RecordFlagState], isErased: Bool) = ([], false)
    /// The office the client belongs to, for the header.
    private(set) var office: Office?
    /// True when the viewer belongs to more than one office, and the header names the client's.
    private var showsOffice = false
    /// True when there is an office to transfer the client to (read once: the function bar asks).
    private var hasOtherOffice = false
    private let tabs: [any RecordTab]
    package private(set) var tabIndex: Int
    /// Tabs whose data is out of date (or was never read); read when shown.
    private var stale = Set(RecordTabID.allCases)

    /// Opens a client's record at `tab` (with `obligation` selected on the Contract tab).
    package init(app: App, clientID: Client.ID, tab: RecordTabID = .overview, obligation: Int64? = nil) throws {
        self.clientID = clientID
        // Refused unless the policy lets them, and written to the read log.
        let client = try app.store.openRecord(clientID, by: app.me.id)
        self.client = client
        officer = try client.officerID.flatMap { try app.store.staff(id: $0) }
        status = try app.store.recordStatus(clientID: clientID, by: app.me.id)
        // Named only to someone who works in several offices: one office's staff know where they work.
        let offices = try app.store.offices()
        let memberships = try app.store.actor(app.me.id).memberships
        showsOffice = memberships.count > 1
        hasOtherOffice = offices.count > 1
        // Someone of one office opens only its clients: which office needs no asking.
        if memberships.count == 1, let only = memberships.first {
            office = offices.first { $0.id == only.officeID }
        } else {
            office = try app.store.office(ofClient: clientID, by: app.me.id)
        }
        let contract = ContractTab(client: client)
        contract.focusObligation = obligation
        tabs = [
            OverviewTab(client: client), IntakeTab(client: client), LanguageTab(client: client),
            QualificationsTab(client: client), CivicTab(client: client), ParticipationTab(client: client), contract,
            NotesTab(client: client), HistoryTab(client: client),
        ]
        tabIndex = tabs.firstIndex { $0.id == tab } ?? 0
        try loadCurrentTab(app: app)
    }

    package var title: String { client.caseNumber.text }
    var currentTab: any RecordTab { tabs[tabIndex] }

    /// The area below the header and tab bar where a tab draws.
    static func body(in area: Rect) -> Rect { area.inset(top: 5, left: 1, right: 1) }

    /// How far a page key scrolls a tab: its height less a line, which stays in view.
    static func pageHeight(_ app: App) -> Int { max(1, body(in: app.screenArea).height - 1) }

    // MARK: Loading

    /// Reads the client and officer again, and marks out of date the tabs that show `changes`.
    private func reloadHeader(_ changes: Changes, app: App) throws {
        guard let fresh = try app.store.client(id: clientID, by: app.me.id) else { throw StoreError.notFound("client") }
        client = fresh
        officer = try fresh.officerID.flatMap { try app.store.staff(id: $0) }
        status = try app.store.recordStatus(clientID: clientID, by: app.me.id)
        for tab in tabs {
            tab.client = fresh
            if !tab.shows.isDisjoint(with: changes) { stale.insert(tab.id) }
        }
    }

    private func loadCurrentTab(app: App) throws {
        let tab = currentTab
        guard stale.contains(tab.id) else { return }
        try tab.load(app: app)
        stale.remove(tab.id)
    }

    private func show(_ index: Int, app: App) throws -> Effect {
        tabIndex = (index + tabs.count) % tabs.count
        (currentTab as? any ScrolledTab)?.page.toTop()
        try loadCurrentTab(app: app)
        return .none
    }

    package func refresh(_ changes: Changes, app: App) throws {
        try reloadHeader(changes, app: app)
        try loadCurrentTab(app: app)
    }

    // MARK: Bindings

    package func bindings(app: App) -> [BoundCommand] {
        let own = currentTab.bindings(app: app)
        let taken = Set(own.map(\.command))
        return own + ClientRecordScreen.bindings.bound(to: self, app: app).filter { !taken.contains($0.command) }
    }

    static var bindingSets: [BindingSet] {
        RecordTabID.allCases.map { tab in
            let own = tab.commands
            return BindingSet(
                tr("the {tab} tab of a record", ["tab": tab.title]),
                own + bindings.commands().filter { !own.contains($0) })
        }
    }

    static let bindings: [Binding<ClientRecordScreen>] = [
        Binding(.edit) { record, app in .push(try ClientForms.openEdit(app: app, client: record.client)) },
        Binding(
            .changePhase,
            unavailable: { record, _ in
                record.client.phase.next.isEmpty
                    ? tr("{phase} is final; the case cannot move on.", ["phase": record.client.phase.label]) : nil
            }
        ) { record, app in .push(ClientForms.openPhaseChange(app: app, client: record.client)) },
        Binding(.nextTab) { record, app in try record.show(record.tabIndex + 1, app: app) },
        Binding(.previousTab) { record, app in try record.show(record.tabIndex - 1, app: app) },
        Binding(.reload) { record, app in
            try record.reloadHeader(.all, app: app)
            try record.loadCurrentTab(app: app)
            return .info(tr("Reloaded."))
        },
        Binding(.enrol) { record, app in try TrackForms.enrol(app: app, client: record.client) },
        Binding(.proposeTransfer, unavailable: { record, app in record.whyNoTransfer(app) }) { record, app in
            guard let office = record.office else { return .none }
            return .push(try TransferForms.propose(app: app, client: record.client, office: office.id))
        },
        Binding(.legalHold, unavailable: RecordFlagForms.unavailable) { record, app in
            try RecordFlagForms.toggle(.legalHold, record: record, app: app)
        },
        Binding(.restrictProcessing, unavailable: RecordFlagForms.unavailable) { record, app in
            try RecordFlagForms.toggle(.restriction, record: record, app: app)
        },
        Binding(.exportPerson) { record, app in try RecordFlagForms.exportForm(record: record, app: app) },
    ]

    /// Why the viewer cannot propose a transfer of this client (nil: they can).
    private func whyNoTransfer(_ app: App) -> String? {
        guard let office else { return tr("The client's office could not be read; reload the record.") }
        let actor = try? app.store.actor(app.me.id)
        let may = actor?.may(.transfer, clientOffice: office.id, officer: client.officerID, policy: app.store.policy)
        guard may == true else { return app.store.policy.refusal(.transfer, officeName: office.name) }
        return hasOtherOffice ? nil : tr("There is no other office to transfer the client to.")
    }

    package func didReturn(_ returned: Returned, app: App) throws -> Effect {
        // Only a tab asks dialogs anything; tabs cannot change while one is open.
        try currentTab.didReturn(returned, app: app)
    }

    // MARK: Drawing

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        let today = app.clock.today
        let age = client.dateOfBirth.years(until: today)
        var x = frame.text(status.isErased ? tr("(erased)") : client.displayName, x: area.x + 1, y: area.y, .title)
        x = frame.text("  \(client.caseNumber.text)", x: x, y: area.y, .emphasis)
        // What may be done with the record comes before what it holds.
        for flag in status.flags {
            let text =
                flag.flag == .restriction
                ? tr("  RESTRICTED since {day} (Art. 18): read-only", ["day": flag.since.shown])
                : tr("  LEGAL HOLD since {day}", ["day": flag.since.shown])
            x = frame.text(text, x: x, y: area.y, .warning)
        }
        if !client.vulnerabilities.isEmpty {
            frame.text(
                "  V: " + client.vulnerabilities.sorted { $0.bit < $1.bit }.map(\.label).joined(separator: ", "), x: x,
                y: area.y, .warning)
        }
        let identity = [
            client.sex.label, tr("born {day} ({age})", ["day": client.dateOfBirth.shown, "age": String(age)]),
            CodeLabels.country(client.nationality), tr("arrived {day}", ["day": client.arrivalDate.shown]),
        ].joined(separator: " \(g.separator) ")
        frame.text(identity, in: area.row(1).inset(left: 1))
        let officerText = officer.map { "\($0.displayName) (\($0.username))" } ?? tr("nobody assigned")
        frame.text(
            tr("Phase: {phase}", ["phase": client.phase.label]) + " \(g.separator) "
                + tr("Officer: {officer}", ["officer": officerText])
                + (office.map { showsOffice ? " \(g.separator) " + tr("Office: {office}", ["office": $0.name]) : "" }
                    ?? ""),
            in: area.row(2).inset(left: 1),
            .emphasis)
        drawTabBar(&frame, y: area.y + 3, x: area.x + 1)
        tabs[tabIndex].render(&frame, area: ClientRecordScreen.body(in: area), app: app)
        frame.cursor = frame.cursor ?? Point(x: area.x + 1, y: area.y)
    }

    private func drawTabBar(_ frame: inout Frame, y: Int, x: Int) {
        // Nine tabs do not fit 80 columns by their names: then the others show short names,
        // and the current one too when even that does not fit.
        let room = frame.area.maxX - x
        func width(_ title: (Int, RecordTabID) -> String) -> Int {
            tabs.enumerated().reduce(0) { $0 + TextWidth.of(title($1.offset, $1.element.id)) + 3 }
        }
        let current: (Int, RecordTabID) -> String = { $0 == self.tabIndex ? $1.title : $1.shortTitle }
        // A language whose short names are still too long for the row has them cut to one
        // length, the longest that fits, so that every tab keeps a place.
        var cut = tabs.map { TextWidth.of($0.id.shortTitle) }.max() ?? 0
        while cut > 2, width({ TextWidth.truncate($1.shortTitle, to: cut) }) > room { cut -= 1 }
        let short: (Int, RecordTabID) -> String = { [cut] in TextWidth.truncate($1.shortTitle, to: cut) }
        let title: (Int, RecordTabID) -> String =
            width { $1.title } <= room ? { $1.title } : width(current) <= room ? current : short
        var tabX = x
        for (index, tab) in tabs.enumerated() {
            let name = title(index, tab.id)
            tabX = frame.text(" \(name) ", x: tabX, y: y, index == tabIndex ? .tabActive : .tab) + 1
        }
    }
}
