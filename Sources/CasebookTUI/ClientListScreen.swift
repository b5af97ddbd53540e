import CasebookCore
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

    /// A contiguous window of the list, and where it lies in the whole.
    private(set) var rows: [ClientSummary] = []
    private var atStart = true
    private var atEnd = true
    private(set) var selected = 0
    private var top = 0
    private var visibleRows = 10
    private(set) var count = ClientCount(value: 0, isAtLeast: false)
    /// Language standing and overdue recognition of the rows held, read with each page.
    private(set) var standings: [Client.ID: LanguageStanding] = [:]
    private(set) var overdueRecognition: Set<Client.ID> = []
    private var order: ListOrder = .sorted(.name)

    /// How long typing may pause before the search runs.
    static let debounce = 120.0
    /// Rows kept in memory around the visible ones.
    static let windowLimit = 600

    package init(app: App) throws {
        // Officers start on their own caseload when they have one; supervisors on everyone.
        let mine = ClientFilter(officerID: app.me.id)
        let caseload = try app.store.clientList.count(mine, cap: 1).value
        let hasCaseload = app.me.role == .officer && caseload > 0
        filter = hasCaseload ? mine : ClientFilter()
        try reload(app: app)
    }

    /// The list of exactly the clients of a cohort (the ones behind a dashboard figure).
    package init(app: App, cohort: Cohort) throws {
        filter = ClientFilter(cohort: cohort)
        try reload(app: app)
    }

    package var contexts: [KeyContext] { isSearching ? [.search, .edit, .movement, .list] : [.list, .movement] }
    package var capturesText: Bool { isSearching }
    package var title: String { "Clients" }
    package var deadline: Double? { searchDue }

    /// The selected client, if any.
    package var selectedClient: ClientSummary? { rows.indices.contains(selected) ? rows[selected] : nil }

    // MARK: Loading

    private var pageSize: Int { max(50, visibleRows * 2) }

    /// Reads the first window of the list and the count for the current filter.
    func reload(app: App, keepSelection: Client.ID? = nil) throws {
        order = app.store.clientList.order(filter, sort: sort)
        count = try app.store.clientList.count(filter)
        rows = try app.store.clientList.page(filter, sort: sort, limit: pageSize)
        standings = [:]
        overdueRecognition = []
        try annotate(rows, app: app)
        atStart = true
        atEnd = rows.count < pageSize
        selected = 0
        top = 0
        if let keep = keepSelection, let index = rows.firstIndex(where: { $0.id == keep }) { selected = index }
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
            selected -= drop
            top = max(0, top - drop)
            atStart = false
        }
    }

    private func loadBefore(app: App) throws {
        guard !atStart, let first = rows.first else { return }
        let page = try app.store.clientList.page(filter, sort: sort, before: first, limit: pageSize)
        try annotate(page, app: app)
        rows = page + rows
        selected += page.count
        top += page.count
        atStart = page.count < pageSize
        if rows.count > ClientListScreen.windowLimit {
            rows.removeLast(rows.count - ClientListScreen.windowLimit)
            atEnd = false
        }
    }

    /// Reads the language standing and recognition deadlines of newly loaded rows.
    private func annotate(_ page: [ClientSummary], app: App) throws {
        let ids = page.map(\.id)
        standings.merge(try app.store.languageStandings(clientIDs: ids)) { $1 }
        overdueRecognition.formUnion(try app.store.clientsWithOverdueRecognition(ids))
        if standings.count > ClientListScreen.windowLimit * 2 {
            let kept = Set(rows.map(\.id) + ids)
            standings = standings.filter { kept.contains($0.key) }
            overdueRecognition = overdueRecognition.filter { kept.contains($0) }
        }
    }

    /// Moves the selection by `step` rows, reading more of the list as needed.
    func move(by step: Int, app: App) throws {
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
        selected = max(0, min(rows.count - 1, target))
    }

    private func jumpToEnd(app: App) throws {
        rows = try app.store.clientList.page(filter, sort: sort, before: nil, limit: pageSize)
        standings = [:]
        overdueRecognition = []
        try annotate(rows, app: app)
        atEnd = true
        atStart = rows.count < pageSize
        selected = max(0, rows.count - 1)
        top = max(0, rows.count - visibleRows)
    }

    // MARK: Keys

    package func handle(_ input: Input, app: App) -> Bool {
        do {
            switch input {
            case .text(let text):
                search.insert(text)
                scheduleSearch(app: app)
            case .command(let command):
                return try handle(command, app: app)
            }
        } catch {
            app.report(error)
        }
        return true
    }

    private func handle(_ command: CommandID, app: App) throws -> Bool {
        switch command {
        case .up: try move(by: -1, app: app)
        case .down: try move(by: 1, app: app)
        case .pageUp: try move(by: -max(1, visibleRows - 1), app: app)
        case .pageDown: try move(by: max(1, visibleRows - 1), app: app)
        case .top: if !isSearching { try reload(app: app) } else { return false }
        case .bottom: if !isSearching { try jumpToEnd(app: app) } else { return false }
        case .open:
            try openSelected(app: app)
        case .search:
            isSearching = true
        case .acceptSearch:
            runSearchNow(app: app)
            isSearching = false
        case .back:
            if isSearching || !search.isEmpty {
                isSearching = false
                search.set("")
                filter.search = ""
                searchDue = nil
                try reload(app: app)
            } else {
                return false
            }
        case .newClient:
            try ClientForms.openNew(app: app)
        case .openWorklist:
            app.push(try WorklistScreen(app: app))
        case .openDashboard:
            guard app.me.role != .officer else {
                app.message = .info("The dashboard is for supervisors and admins; ask one for the caseload figures.")
                return true
            }
            app.push(try DashboardScreen(app: app))
        case .mine:
            filter.officerID = filter.officerID == nil ? app.me.id : nil
            try reload(app: app)
        case .flagged:
            filter.flaggedOnly.toggle()
            try reload(app: app)
        case .sort:
            let all = ClientSort.allCases
            sort = all[((all.firstIndex(of: sort) ?? 0) + 1) % all.count]
            try reload(app: app, keepSelection: selectedClient?.id)
            if case .sorted = order {} else {
                app.message = .info("Sorted by \(sort.label) once the search is cleared; search results come by matching name.")
            }
        case .phaseFilter:
            let options = [Choice("", "All phases")] + CasePhase.allCases.map { Choice($0.rawValue, $0.label) }
            app.push(
                PickListDialog(title: "Show phase", options: options, chosen: [filter.phase?.rawValue ?? ""]) { [weak self] app, chosen in
                    guard let self else { return }
                    self.filter.phase = chosen.first.flatMap(CasePhase.init(rawValue:))
                    do { try self.reload(app: app) } catch { app.report(error) }
                })
        default:
            if isSearching, search.apply(command) {
                scheduleSearch(app: app)
                return true
            }
            return false
        }
        return true
    }

    private func openSelected(app: App) throws {
        guard let client = selectedClient else {
            app.message = .info("No client selected.")
            return
        }
        app.push(try ClientRecordScreen(app: app, clientID: client.id))
    }

    private func scheduleSearch(app: App) {
        searchDue = app.now() + ClientListScreen.debounce
    }

    private func runSearchNow(app: App) {
        searchDue = nil
        filter.search = search.text
        do { try reload(app: app) } catch { app.report(error) }
    }

    package func tick(app: App) { runSearchNow(app: app) }

    package func didReturn(app: App) {
        // A save or a phase change may have moved the client in the list.
        do { try reload(app: app, keepSelection: selectedClient?.id) } catch { app.report(error) }
    }

    // MARK: Drawing

    package func render(_ frame: inout Frame, app: App) {
        let area = frame.area
        frame.clear(area)
        let g = frame.glyphs
        var scope = filter.officerID == nil ? "All clients" : "My caseload"
        if let cohort = filter.cohort { scope = cohort.label + (filter.officerID == nil ? "" : " \(g.separator) mine") }
        let phase = filter.phase?.label ?? "all phases"
        let flags = filter.flaggedOnly ? " \(g.separator) flagged only" : ""
        frame.text("\(scope) \(g.separator) \(phase)\(flags) \(g.separator) \(order.label)", in: Rect(x: area.x + 1, y: area.y, width: area.width - 24, height: 1), .title)
        let noun = trimmed(filter.search).isEmpty ? "client" : "match"
        let countText = "\(Numbers.grouped(count.value))\(count.isAtLeast ? "+" : "") \(noun)\(count.value == 1 && !count.isAtLeast ? "" : (noun == "match" ? "es" : "s"))"
        frame.text(countText, in: Rect(x: area.maxX - 23, y: area.y, width: 22, height: 1), .emphasis, alignRight: true)

        // The search line.
        let searchRow = area.row(1)
        var searchCursor: Point?
        if isSearching || !search.isEmpty {
            frame.text("Search:", x: area.x + 1, y: searchRow.y, .label)
            let field = Rect(x: area.x + 9, y: searchRow.y, width: min(40, area.width - 10), height: 1)
            let x = search.draw(in: field, buffer: &frame.buffer, style: frame.style(isSearching ? .inputFocused : .input))
            if isSearching { searchCursor = Point(x: x, y: searchRow.y) }
        } else {
            let key = app.keys.keys(for: .search).first?.label ?? "/"
            frame.text("\(key) searches by name or case number", in: searchRow.inset(left: 1), .dim)
        }

        // The table.
        let table = area.inset(top: 3)
        let columns = ListColumns(width: table.width)
        columns.header(&frame, y: area.y + 2)
        visibleRows = max(1, table.height)
        if selected < top { top = selected }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        if rows.isEmpty {
            let hint: String
            if !trimmed(filter.search).isEmpty {
                hint = "No client matches \"\(filter.search)\". Esc clears the search."
            } else if filter.officerID != nil {
                hint = "No clients in your caseload here. m shows all clients."
            } else {
                hint = "No clients match these filters. n registers a new client."
            }
            frame.text(hint, in: table.row(0).inset(left: 1), .dim)
        }
        for row in 0..<visibleRows {
            let index = top + row
            guard rows.indices.contains(index) else { break }
            let y = table.y + row
            let id = rows[index].id
            columns.draw(
                rows[index], standing: standings[id], overdue: overdueRecognition.contains(id), frame: &frame, y: y,
                selected: index == selected)
        }
        if let searchCursor {
            frame.cursor = searchCursor
        } else if !rows.isEmpty {
            frame.cursor = Point(x: table.x, y: table.y + selected - top)
        }
    }
}

/// The columns of the client list, laid out for a width.
struct ListColumns {
    let caseWidth = 11
    let officerWidth: Int
    let phaseWidth: Int
    let arrivalWidth = 10
    let languageWidth = 7
    let flagsWidth = 5
    let nameWidth: Int
    let x: Int

    init(width: Int, x: Int = 0) {
        self.x = x
        officerWidth = width >= 110 ? 14 : 9
        phaseWidth = width >= 110 ? 18 : 12
        nameWidth = max(8, width - 1 - caseWidth - officerWidth - phaseWidth - arrivalWidth - languageWidth - flagsWidth - 7)
    }

    private func cells() -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var position = x + 1
        for width in [caseWidth, nameWidth, officerWidth, phaseWidth, arrivalWidth, languageWidth, flagsWidth] {
            result.append((position, width))
            position += width + 1
        }
        return result
    }

    func header(_ frame: inout Frame, y: Int) {
        let titles = ["Case no.", "Name", "Officer", "Phase", "Arrival", "Lang.", "Flags"]
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
        _ client: ClientSummary, standing: LanguageStanding?, overdue: Bool, frame: inout Frame, y: Int, selected: Bool
    ) {
        let role: Role = selected ? .selected : .normal
        frame.clear(Rect(x: frame.area.x, y: y, width: frame.area.width, height: 1), role)
        var flags = client.vulnerabilities.isEmpty ? "" : "V\(client.vulnerabilities.count)"
        if overdue { flags += flags.isEmpty ? "R!" : " R!" }
        let values = [
            client.caseNumber, client.displayName, client.officer ?? "—", client.phase.label, client.arrivalDate.iso,
            ListColumns.language(standing, glyphs: frame.glyphs), flags,
        ]
        for (column, ((position, width), value)) in zip(cells(), values).enumerated() {
            let isFlag = column == 6 && overdue && !selected
            frame.text(value, in: Rect(x: position, y: y, width: width, height: 1), isFlag ? .overdue : role)
        }
        if selected { frame.text(">", x: frame.area.x, y: y, role) }
    }
}
