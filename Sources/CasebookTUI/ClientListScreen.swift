import CasebookCore
import CasebookText
import CasebookImport
import CasebookL10n
import CasebookStore

/// The home screen: clients a window at a time (keyset paging), search as you type,
/// filters for caseload, phase and flags, three sort orders.
package final class ClientListScreen: Screen {
    private(set) var filter: ClientFilter
    private(set) var sort: ClientSort = .name
    private var search = LineEditor()
    private(set) var isSearching = false
    /// When the typed search runs (debounced), on the app's clock.
    private var searchDue: Double?
    /// True for an officer with clients of their own (they start on them, and on My day).
    package private(set) var hasCaseload = false
    /// A pick list this screen opened and waits for.
    private var asking: Question?

    private enum Question { case phase, moveTo }
    /// Clients marked with Space for a caseload move: kept across scrolling, searches and filters.
    package private(set) var marked: Set<Client.ID> = []

    /// A contiguous window of the list, and where it lies in the whole.
    private(set) var rows: [ClientSummary] = []
    private var atStart = true
    private var atEnd = true
    private var viewport = ListViewport()
    private(set) var count = ClientCount(value: 0, isAtLeast: false)
    /// Language standing and overdue recognition of the rows held, read with each page.
    private(set) var standings: [Client.ID: LanguageStanding] = [:]
    private(set) var overdueRecognition: Set<Client.ID> = []
    /// For a viewer who works in more than one office: the code of each office, and the office
    /// of the rows held (the list gets an office column). Empty otherwise.
    private var officeCodes: [Office.ID: String] = [:]
    private(set) var clientOffices: [Client.ID: Office.ID] = [:]
    /// The name of the viewer's office when they work in one only, for the policy's refusals
    /// (read once: the function bar asks for them at every frame).
    private var soleOffice: String?
    private var order: ListOrder = .sorted(.name)

    /// How long typing may pause before the search runs.
    static let debounce = 120.0
    /// Rows kept in memory around the visible ones.
    static let windowLimit = 600

    package init(app: App) throws {
        // Officers start on their own caseload when they have one; supervisors on everyone.
        let mine = ClientFilter(officerID: app.me.id, viewer: app.me.id)
        let caseload = try app.store.clientList.count(mine, cap: 1).value
        hasCaseload = caseload > 0
        filter = hasCaseload && app.me.role == .officer ? mine : ClientFilter(viewer: app.me.id)
        try readOffices(app: app)
        try reload(app: app)
    }

    /// The list of exactly the clients of a cohort (the ones behind a dashboard figure).
    package init(app: App, cohort: Cohort) throws {
        filter = ClientFilter(cohort: cohort, viewer: app.me.id)
        try readOffices(app: app)
        try reload(app: app)
    }

    package var capturesText: Bool { isSearching }
    package var title: String { tr("Clients") }
    package var deadline: Double? { searchDue }

    /// The selected client, if any.
    package var selectedClient: ClientSummary? { rows.indices.contains(selected) ? rows[selected] : nil }
    var selected: Int { viewport.selected }

    // MARK: Bindings

    package func bindings(app: App) -> [BoundCommand] {
        let table =
            isSearching
            ? ClientListScreen.searching : search.isEmpty ? ClientListScreen.browsing : ClientListScreen.searched
        return table.bound(to: self, app: app)
    }

    static var bindingSets: [BindingSet] {
        [
            BindingSet(tr("the client list"), browsing.commands()),
            BindingSet(tr("the client list of a search"), searched.commands()),
            BindingSet(tr("the client list while searching"), searching.commands()),
        ]
    }

    /// Moving through the results, in both states.
    private static let moving: [Binding<ClientListScreen>] = [
        Binding(.up) { list, app in try list.move(by: -1, app: app) },
        Binding(.down) { list, app in try list.move(by: 1, app: app) },
        Binding(.pageUp) { list, app in try list.move(by: -max(1, list.tableHeight(app) - 1), app: app) },
        Binding(.pageDown) { list, app in try list.move(by: max(1, list.tableHeight(app) - 1), app: app) },
    ]

    /// The commands of the list itself, but opening: Enter keeps the search while searching.
    private static let filtering: [Binding<ClientListScreen>] = [
        Binding(.newClient) { _, app in .push(try ClientForms.openNew(app: app)) },
        Binding(.mine) { list, app in
            list.filter.officerID = list.filter.officerID == nil ? app.me.id : nil
            try list.reload(app: app)
            return .none
        },
        Binding(.phaseFilter) { list, _ in
            let options = [Choice("", tr("All phases"))] + CasePhase.allCases.map { Choice($0.rawValue, $0.label) }
            list.asking = .phase
            return .push(
                PickListDialog(title: tr("Show phase"), options: options, chosen: [list.filter.phase?.rawValue ?? ""]))
        },
        Binding(.flagged) { list, app in
            list.filter.flaggedOnly.toggle()
            try list.reload(app: app)
            return .none
        },
        Binding(.sort) { list, app in try list.nextSort(app: app) },
        Binding(
            .exportList,
            unavailable: { list, _ in
                list.rows.isEmpty && list.marked.isEmpty ? tr("The list shows no clients to export.") : nil
            }
        ) { list, app in
            // Marked clients are exported alone: the marks are the officer's selection.
            let selection: ExportSelection =
                list.marked.isEmpty ? .filter(list.filter, list.sort) : .clients(list.marked.sorted())
            return .push(ClientListScreen.exportForm(app: app, selection: selection))
        },
        Binding(.openWorklist) { _, app in .push(try WorklistScreen(app: app)) },
        Binding(.openPartners) { _, app in .push(try PartnersScreen(app: app)) },
        Binding(.openOffices) { _, app in .push(try OfficesScreen(app: app)) },
        Binding(.openTransfers, unavailable: { list, app in list.refusal(.transfer, app) }) { _, app in
            .push(try TransfersScreen(app: app))
        },
        Binding(
            .openDashboard,
            unavailable: { _, app in
                app.me.role == .officer
                    ? tr("The dashboard is for supervisors and admins; ask one for the caseload figures.") : nil
            }
        ) { _, app in .push(try DashboardScreen(app: app)) },
    ]

    static let browsing: [Binding<ClientListScreen>] =
        [
            Binding(.open, unavailable: { list, _ in list.selectedClient == nil ? tr("No client selected.") : nil }) {
                list, app in
                guard let client = list.selectedClient else { return .none }
                return .push(try ClientRecordScreen(app: app, clientID: client.id))
            },
            Binding(.search) { list, app in
                list.isSearching = true
                list.search.keepCursorVisible(width: list.searchFieldWidth(app))
                return .none
            },
        ] + filtering + moving + [
            Binding(.top) { list, app in
                try list.reload(app: app)
                return .none
            },
            Binding(.bottom) { list, app in try list.jumpToEnd(app: app) },
            Binding(.mark, unavailable: { list, _ in list.selectedClient == nil ? tr("No client selected.") : nil }) {
                list, app in
                guard let client = list.selectedClient else { return .none }
                if list.marked.remove(client.id) == nil { list.marked.insert(client.id) }
                return try list.move(by: 1, app: app)
            },
            Binding(
                .moveMarked,
                unavailable: { list, app in
                    if list.marked.isEmpty {
                        return tr("Mark clients with {key} first.", ["key": app.keys.hint(.mark)])
                    }
                    return list.moveOffice(app) == nil ? list.refusal(.moveCaseload, app) : nil
                }
            ) { list, app in
                guard let office = list.moveOffice(app) else { return .none }
                let officers = try app.store.staff(inOffice: office).filter { $0.staff.isActive }
                list.asking = .moveTo
                return .push(
                    PickListDialog(
                        title: trn(
                            "Move {count} marked client to", "Move {count} marked clients to", list.marked.count),
                        options: officers.map {
                            Choice(
                                String($0.staff.id),
                                tr(
                                    "{username} ({name})",
                                    ["username": $0.staff.username, "name": $0.staff.displayName]))
                        },
                        chosen: []))
            },
        ]

    /// The results of a search kept with Enter: Esc clears the search before it closes anything.
    static let searched: [Binding<ClientListScreen>] =
        browsing + [Binding(.back) { list, app in try list.clearSearch(app: app) }]

    /// While typing a search: editing keys change the search, Enter keeps it, Esc clears it;
    /// Home and End move in the search text.
    static let searching: [Binding<ClientListScreen>] =
        [
            Binding(.acceptSearch) { list, app in
                try list.runSearchNow(app: app)
                list.isSearching = false
                return .none
            },
            Binding(.back) { list, app in try list.clearSearch(app: app) },
        ] + filtering + moving
        + LineEditor.commands.map { command in
            Binding(command) { list, app in
                if list.search.apply(command) { list.scheduleSearch(app: app) }
                list.search.keepCursorVisible(width: list.searchFieldWidth(app))
                return .none
            }
        }

    // MARK: Loading

    private var pageSize: Int { max(50, visibleRows * 2) }
    /// Rows of the table at the terminal size the list was last laid out for.
    private var visibleRows = 10

    /// Rows of the table at the app's terminal size (the area less the title, search and header lines).
    private func tableHeight(_ app: App) -> Int { max(1, app.screenArea.inset(top: 3).height) }

    private func searchFieldWidth(_ app: App) -> Int { min(40, app.screenArea.width - 10) }

    /// Reads the first window of the list and the count for the current filter.
    func reload(app: App, keepSelection: Client.ID? = nil) throws {
        visibleRows = tableHeight(app)
        order = app.store.clientList.order(filter, sort: sort)
        (count, rows) = try app.store.clientList.firstPage(filter, sort: sort, limit: pageSize)
        standings = [:]
        overdueRecognition = []
        try annotate(rows, app: app)
        atStart = true
        atEnd = rows.count < pageSize
        viewport = ListViewport()
        if let keep = keepSelection, let index = rows.firstIndex(where: { $0.id == keep }) {
            viewport.select(index, count: rows.count, height: visibleRows)
        }
    }

    private func loadAfter(app: App) throws {
        guard !atEnd, let last = rows.last else { return }
        let page = try app.store.clientList.page(filter, sort: sort, after: last, limit: pageSize)
        try annotate(page, app: app)
        rows += page
        atEnd = page.count < pageSize
        if rows.count > ClientListScreen.windowLimit {
            let drop = rows.count - ClientListScreen.windowLimit
            rows.removeFirst(drop)
            viewport.shift(by: -drop)
            atStart = false
        }
    }

    private func loadBefore(app: App) throws {
        guard !atStart, let first = rows.first else { return }
        let page = try app.store.clientList.page(filter, sort: sort, before: first, limit: pageSize)
        try annotate(page, app: app)
        rows = page + rows
        viewport.shift(by: page.count)
        atStart = page.count < pageSize
        if rows.count > ClientListScreen.windowLimit {
            rows.removeLast(rows.count - ClientListScreen.windowLimit)
            atEnd = false
        }
    }

    private func readOffices(app: App) throws {
        let memberships = try app.store.actor(app.me.id).memberships
        if memberships.count == 1, let only = memberships.first {
            soleOffice = try app.store.office(id: only.officeID)?.name
        }
        guard memberships.count > 1 else { return }
        officeCodes = Dictionary(
            try app.store.offices().map { ($0.id, $0.code) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads the language standing and recognition deadlines of newly loaded rows.
    private func annotate(_ page: [ClientSummary], app: App) throws {
        let ids = page.map(\.id)
        if !officeCodes.isEmpty { clientOffices.merge(try app.store.officeIDs(ofClients: ids, by: app.me.id)) { $1 } }
        standings.merge(try app.store.languageStandings(clientIDs: ids, by: app.me.id)) { $1 }
        overdueRecognition.formUnion(try app.store.clientsWithOverdueRecognition(ids, by: app.me.id))
        if standings.count > ClientListScreen.windowLimit * 2 {
            let kept = Set(rows.map(\.id) + ids)
            standings = standings.filter { kept.contains($0.key) }
            overdueRecognition = overdueRecognition.filter { kept.contains($0) }
            clientOffices = clientOffices.filter { kept.contains($0.key) }
        }
    }

    /// Moves the selection by `step` rows, reading more of the list as needed.
    func move(by step: Int, app: App) throws -> Effect {
        visibleRows = tableHeight(app)
        var target = selected + step
        while target >= rows.count, !atEnd {
            try loadAfter(app: app)
            target = min(target, selected + step)
        }
        while target < 0, !atStart {
            let before = rows.count
            try loadBefore(app: app)
            target += rows.count - before
        }
        viewport.select(target, count: rows.count, height: visibleRows)
        return .none
    }

    private func jumpToEnd(app: App) throws -> Effect {
        visibleRows = tableHeight(app)
        rows = try app.store.clientList.page(filter, sort: sort, before: nil, limit: pageSize)
        standings = [:]
        overdueRecognition = []
        try annotate(rows, app: app)
        atEnd = true
        atStart = rows.count < pageSize
        viewport = ListViewport(selected: rows.count - 1, offset: rows.count - visibleRows)
        return .none
    }

    private func nextSort(app: App) throws -> Effect {
        let all = ClientSort.allCases
        sort = all[((all.firstIndex(of: sort) ?? 0) + 1) % all.count]
        try reload(app: app, keepSelection: selectedClient?.id)
        if case .sorted = order { return .none }
        return .info(
            tr(
                "Sorted by {order} once the search is cleared; search results come by matching name.",
                ["order": sort.label]))
    }

    private func clearSearch(app: App) throws -> Effect {
        isSearching = false
        search.set("")
        filter.search = ""
        searchDue = nil
        try reload(app: app)
        return .none
    }

    // MARK: Keys

    package func type(_ text: String, app: App) throws -> Effect {
        search.insert(text)
        search.keepCursorVisible(width: searchFieldWidth(app))
        scheduleSearch(app: app)
        return .none
    }

    private func scheduleSearch(app: App) {
        searchDue = app.now() + ClientListScreen.debounce
    }

    private func runSearchNow(app: App) throws {
        searchDue = nil
        filter.search = search.text
        try reload(app: app)
    }

    package func tick(app: App) throws -> Effect {
        try runSearchNow(app: app)
        return .none
    }

    /// The policy's refusal of `action` to the viewer, naming their office when they work in one
    /// only ("Only supervisors of Nordby may move caseloads."); nil when some office allows it.
    func refusal(_ action: Action, _ app: App) -> String? {
        guard let actor = try? app.store.actor(app.me.id) else {
            return app.store.policy.refusal(action, officeName: nil)
        }
        let offices = actor.offices(for: action, policy: app.store.policy)
        guard offices.whole.isEmpty && offices.ownOnly.isEmpty else { return nil }
        return app.store.policy.refusal(action, officeName: soleOffice)
    }

    /// The office whose caseloads the person may move: the first where the policy lets them.
    private func moveOffice(_ app: App) -> Office.ID? {
        (try? app.store.actor(app.me.id))?.offices(for: .moveCaseload, policy: app.store.policy).whole.first
    }

    package func didReturn(_ returned: Returned, app: App) throws -> Effect {
        defer { asking = nil }
        if asking == .moveTo, case .chose(let chosen) = returned.answer, let id = chosen.first.flatMap({ Int64($0) }) {
            let moved = try app.store.moveClients(Array(marked).sorted(), to: id, by: app.me.id)
            marked = []
            try reload(app: app, keepSelection: selectedClient?.id)
            let name = try app.store.staff(id: id)?.username ?? ""
            return .info(
                trn(
                    "Moved {count} client to {officer}.", "Moved {count} clients to {officer}.", moved,
                    ["officer": name]))
        }
        guard asking == .phase, case .chose(let chosen) = returned.answer else { return .none }
        filter.phase = chosen.first.flatMap(CasePhase.init(rawValue:))
        try reload(app: app)
        return .none
    }

    package func refresh(_ changes: Changes, app: App) throws {
        // A save or a phase change may have moved the client in the list.
        try reload(app: app, keepSelection: selectedClient?.id)
    }

    // MARK: Drawing

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        var scope = filter.officerID == nil ? tr("All clients") : tr("My caseload")
        if let cohort = filter.cohort {
            scope = cohort.label + (filter.officerID == nil ? "" : " \(g.separator) " + tr("mine"))
        }
        // A dashboard figure's clients ("Phase: Not eligible") are not of "all phases".
        let phase =
            filter.phase.map { " \(g.separator) " + $0.label }
            ?? (filter.cohort == nil ? " \(g.separator) " + tr("all phases") : "")
        var flags = filter.flaggedOnly ? " \(g.separator) " + tr("flagged only") : ""
        if !marked.isEmpty { flags += " \(g.separator) " + trn("{count} marked", "{count} marked", marked.count) }
        let title = "\(scope)\(phase)\(flags) \(g.separator) \(order.label)"
        // "1+ clients" is a plural: at least one, maybe more.
        let shown = (
            number: Numbers.grouped(count.value) + (count.isAtLeast ? "+" : ""), form: count.isAtLeast ? 2 : count.value
        )
        let countText =
            trimmed(filter.search).isEmpty
            ? trn("{number} client", "{number} clients", shown.form, ["number": shown.number])
            : trn("{number} match", "{number} matches", shown.form, ["number": shown.number])
        // The count keeps 22 columns, more where its language's words need them and the title
        // leaves them ("2.000 inburgeringsplichtigen").
        let countWidth = max(22, min(TextWidth.of(countText), area.width - 3 - TextWidth.of(title)))
        frame.text(title, in: Rect(x: area.x + 1, y: area.y, width: area.width - countWidth - 2, height: 1), .title)
        frame.text(
            countText, in: Rect(x: area.maxX - countWidth - 1, y: area.y, width: countWidth, height: 1), .emphasis,
            alignRight: true)
        let searchCursor = drawSearchLine(&frame, row: area.row(1), app: app)

        let table = area.inset(top: 3)
        let columns = ListColumns(width: table.width, showsOffice: !officeCodes.isEmpty)
        columns.header(&frame, y: area.y + 2)
        let height = max(1, table.height)
        if rows.isEmpty { frame.text(emptyHint(app), in: table.row(0).inset(left: 1), .dim) }
        let top = viewport.firstRow(height: height)
        for row in 0..<height {
            let index = top + row
            guard rows.indices.contains(index) else { break }
            let id = rows[index].id
            columns.draw(
                rows[index], standing: standings[id], overdue: overdueRecognition.contains(id),
                office: clientOffices[id].flatMap { officeCodes[$0] }, frame: &frame,
                y: table.y + row, selected: index == selected, marked: marked.contains(id))
        }
        if let searchCursor {
            frame.cursor = searchCursor
        } else if !rows.isEmpty {
            frame.cursor = Point(x: table.x, y: table.y + selected - top)
        }
    }

    /// The search field, or how to open it; returns where the cursor goes while searching.
    private func drawSearchLine(_ frame: inout Frame, row: Rect, app: App) -> Point? {
        guard isSearching || !search.isEmpty else {
            frame.text(
                tr("{key} searches by name or case number", ["key": app.keys.hint(.search)]), in: row.inset(left: 1),
                .dim
            )
            return nil
        }
        let label = tr("Search:")
        frame.text(label, x: row.x + 1, y: row.y, .label)
        // The field starts after the label in any language ("Search:" leaves it at column 9).
        let start = min(row.width / 2, TextWidth.of(label) + 2)
        let field = Rect(x: row.x + start, y: row.y, width: min(40, row.width - start - 1), height: 1)
        let x = search.draw(in: field, buffer: &frame.buffer, style: frame.style(isSearching ? .inputFocused : .input))
        return isSearching ? Point(x: x, y: row.y) : nil
    }

    /// Why the list is empty, and the key that changes that.
    private func emptyHint(_ app: App) -> String {
        if !trimmed(filter.search).isEmpty {
            return tr(
                "No client matches \"{search}\". {key} clears the search.",
                ["search": filter.search, "key": app.keys.hint(.back)])
        } else if filter.officerID != nil {
            return tr("No clients in your caseload here. {key} shows all clients.", ["key": app.keys.hint(.mine)])
        }
        return tr("No clients match these filters. {key} registers a new client.", ["key": app.keys.hint(.newClient)])
    }
}

/// The columns of the client list, laid out for a width.
struct ListColumns {
    let caseWidth = 11
    let officerWidth: Int
    let phaseWidth: Int
    let arrivalWidth = 10
    let languageWidth: Int
    let flagsWidth: Int
    /// The office's code, last, only for a viewer of several offices (0: no column).
    let officeWidth: Int
    let nameWidth: Int
    let x: Int

    init(width: Int, x: Int = 0, showsOffice: Bool = false) {
        self.x = x
        let wide = width >= 110
        officerWidth = wide ? 14 : 9
        phaseWidth = wide ? 18 : 12
        // The short columns keep English's widths at 80; a wide screen gives them their
        // translated heading ("Hinweise", "Dienststelle"), from the name's room.
        func heading(_ title: String, _ least: Int, _ most: Int) -> Int {
            wide ? max(least, min(most, TextWidth.of(title))) : least
        }
        languageWidth = heading(tr("Lang."), 7, 10)
        flagsWidth = heading(tr("Flags"), 5, 12)
        officeWidth = showsOffice ? heading(tr("Office"), 6, 14) : 0
        nameWidth = max(
            8,
            width - 1 - caseWidth - officerWidth - phaseWidth - arrivalWidth - languageWidth - flagsWidth - 7
                - (showsOffice ? officeWidth + 1 : 0))
    }

    private func cells() -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var position = x + 1
        var widths = [caseWidth, nameWidth, officerWidth, phaseWidth, arrivalWidth, languageWidth, flagsWidth]
        if officeWidth > 0 { widths.append(officeWidth) }
        for width in widths {
            result.append((position, width))
            position += width + 1
        }
        return result
    }

    func header(_ frame: inout Frame, y: Int) {
        let titles = [
            // TRANSLATORS: the client list's column headings; a heading longer than its column (11, 8, 9,
            // 12, 10, 7, 5 and 6 characters at 80 columns) is cut.
            tr("Case no."), tr("Name"), tr("Officer"), tr("Phase"), tr("Arrival"), tr("Lang."), tr("Flags"),
            tr("Office"),
        ]
        frame.clear(Rect(x: frame.area.x, y: y, width: frame.area.width, height: 1), .columnHeader)
        for ((position, width), title) in zip(cells(), titles) {
            frame.text(title, in: Rect(x: position, y: y, width: width, height: 1), .columnHeader)
        }
    }

    /// "B1 ✓" when every targeted skill is met; "A2 3/5" with the lowest level and how many
    /// skills are met; "— 0/5" before the targeted skills are all assessed.
    static func language(_ standing: LanguageStanding?, glyphs: Glyphs) -> String {
        guard let standing, !standing.targets.isEmpty else { return "" }
        let lowest = standing.lowestCurrent.map { $0 == .preA1 ? "pA1" : $0.rawValue } ?? "—"
        let (met, of) = standing.metCount
        return met == of ? "\(lowest) \(glyphs.check)" : "\(lowest) \(met)/\(of)"
    }

    func draw(
        _ client: ClientSummary, standing: LanguageStanding?, overdue: Bool, office: String? = nil, frame: inout Frame,
        y: Int, selected: Bool, marked: Bool = false
    ) {
        let role: TextRole = selected ? .selected : .normal
        frame.clear(Rect(x: frame.area.x, y: y, width: frame.area.width, height: 1), role)
        // Restricted (S), held (H) and erased (E) first: they say what may be done with the record.
        var marks = client.recordFlags.contains(.restriction) ? "S" : ""
        if client.recordFlags.contains(.legalHold) { marks += "H" }
        if client.isErased { marks += "E" }
        var flags = marks
        if !client.vulnerabilities.isEmpty { flags += (flags.isEmpty ? "" : " ") + "V\(client.vulnerabilities.count)" }
        if overdue { flags += flags.isEmpty ? "R!" : " R!" }
        let values = [
            client.caseNumber, client.displayName, client.officer ?? "—", client.phase.label, client.arrivalDate.shown,
            ListColumns.language(standing, glyphs: frame.glyphs), flags, office ?? "",
        ]
        for (column, ((position, width), value)) in zip(cells(), values).enumerated() {
            let isFlag = column == 6 && overdue && !selected
            frame.text(value, in: Rect(x: position, y: y, width: width, height: 1), isFlag ? .overdue : role)
        }
        if marked {
            frame.text("*", x: frame.area.x, y: y, role)
        } else if selected {
            frame.text(">", x: frame.area.x, y: y, role)
        }
    }
}

extension ClientListScreen {
    /// The export form: the file the officer confirms (named after today, in the folder Casebook
    /// started in) and the format; saving writes the clients the list shows, in its order.
    static func exportForm(app: App, selection: ExportSelection) -> FormScreen<ExportDraft> {
        let title: String
        switch selection {
        case .filter: title = tr("Export the list")
        case .clients(let marked):
            title = trn("Export {count} marked client", "Export {count} marked clients", marked.count)
        }
        return FormScreen(
            title: title,
            fields: [
                .text(.path, tr("File"), \.path),
                .choice(.format, tr("Format"), \.format, label: \.label),
            ], draft: ExportDraft(path: "clients-\(app.clock.today.iso).csv"), changes: [],
            validate: { draft, _ in try draft.validated() }
        ) { app, draft in
            let (path, format) = try draft.validated()
            let rows = try app.store.exportClients(selection, actor: app.me.id)
            try app.writeFile(path, ClientExport.bytes(rows.map { ($0.client, $0.officer) }, format: format))
            return FormSaved(
                trn(
                    "Wrote {count} client to {path}.", "Wrote {count} clients to {path}.", rows.count,
                    ["path": Sanitized.inline(path, limit: 120)]))
        }
    }
}
