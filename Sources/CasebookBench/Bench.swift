import CasebookCore
import CasebookText
import CasebookStore
import CasebookTUI

#if canImport(Glibc)
    import Glibc
#endif

/// Measures the interactions officers wait for, on a real case file, and prints one table.
/// Screens are driven exactly as in the application, on a virtual 132×43 terminal.
package enum Bench {
    /// Names typed the way officers type them: without diacritics, letter by letter.
    static let typedNames = [
        "odegard", "muller", "sorensen", "nguyen", "hassan", "shevchenko", "tesfay", "ahmadi", "wang", "2026-0001",
        "al", "fatima", "mohammed ali",
    ]
    static let size = Size(width: 132, height: 43)

    /// The parts of the table, to run some alone (`casebook bench --only dashboard`).
    package enum Part: String, CaseIterable, Sendable {
        case demo, start, list, tabs, worklist, dashboard, save, search
    }

    /// Runs the `parts` on the case file at `path` and prints one table. `demoClients` is the
    /// size of the demo generated (by `executable demo`, in a scratch folder) for the `demo` row.
    /// Beside each figure bound by its queries stands the time the sqlite3 shell takes to run
    /// the same statements on the same file: the floor to compare with.
    package static func run(
        path: String, user: Staff?, parts: Set<Part> = Set(Part.allCases), demoClients: Int = 100_000,
        executable: String,
        output: (String) -> Void
    ) throws {
        output("Casebook benchmark on \(path)")
        let floor = ShellFloor(databasePath: path)
        if !floor.isAvailable { output("(the sqlite3 shell is not installed: no floor column)") }
        output(Figure.header)
        func show(_ figures: [Figure]) { for figure in figures { output(figure.text) } }
        if parts.contains(.demo) { show([try demoFigure(clients: demoClients, executable: executable)]) }
        var memory: Double?
        if parts.contains(.start) {
            let (firstFrame, resident) = try startUp(path: path, user: user, floor: floor)
            show([firstFrame])
            memory = resident
        }
        let store = try Store.open(path: path, mode: .readWrite)
        let people = try benchUsers(store: store, preferred: user)
        var keystrokes: [Keystroke] = []
        if parts.contains(.list) {
            let (figures, keys) = try listFigures(store: store, people: people, floor: floor)
            show(figures)
            keystrokes = keys
        }
        if parts.contains(.tabs) { show(try tabFigures(store: store, me: people.first, floor: floor)) }
        if parts.contains(.worklist) { show(try worklistFigures(store: store, floor: floor)) }
        if parts.contains(.dashboard) { show(try dashboardFigures(store: store, floor: floor)) }
        if parts.contains(.save) { show(try saveFigures(store: store, me: people.first)) }
        if parts.contains(.search) { show(try storeFigures(store, floor: floor)) }
        if let memory {
            show([Figure(name: "resident memory, list open", median: memory, p99: nil, unit: "MB", target: "≤ 50 MB")])
        }
        for line in Keystroke.report(keystrokes, count: Keystroke.listed) { output(line) }
    }

    /// `casebook demo` as a person runs it, on a new file in a scratch folder.
    static func demoFigure(clients: Int, executable: String) throws -> Figure {
        let folder = try scratchFolder()
        defer { _ = system("rm -rf " + shellQuoted(folder)) }
        let file = folder + "/demo.db"
        let command = [executable, "demo", "--db", file, "--clients", String(clients)].map(shellQuoted).joined(
            separator: " ")
        var status: Int32 = 0
        let elapsed = time { status = system(command + " >/dev/null") }
        guard status == 0 else { throw BenchError("`casebook demo` failed with status \(status)") }
        return Figure(name: "demo --clients \(clients)", median: elapsed / 1000, p99: nil, unit: "s", target: "< 15 s")
    }

    /// An officer with a caseload and an admin (everyone's list), to measure both starting lists.
    static func benchUsers(store: Store, preferred: Staff?) throws -> [Staff] {
        let staff = try store.allStaff()
        var people: [Staff] = []
        if let preferred { people.append(preferred) }
        if let officer = staff.first(where: { $0.role == .officer && $0.id != preferred?.id }) {
            people.append(officer)
        }
        if let admin = staff.first(where: { $0.role != .officer && $0.id != preferred?.id }) { people.append(admin) }
        return people
    }

    /// An app for the benchmark's terminal, before it starts.
    static func app(_ store: Store, _ me: Staff) -> App {
        let app = App(store: store, me: me) { milliseconds() }
        app.size = size
        return app
    }

    /// An app on the client list (an officer's My day, opened first, is closed).
    static func makeApp(_ store: Store, _ me: Staff) throws -> App {
        let app = app(store, me)
        try app.start()
        if app.top is WorklistScreen { app.pop() }
        return app
    }

    @discardableResult
    static func frame(_ app: App) -> ScreenBuffer { app.render(size: size).0 }

    /// From opening the file to the first full frame (My day for an officer with a caseload,
    /// else the client list), five times; and the resident memory once it is open.
    static func startUp(path: String, user: Staff?, floor: ShellFloor) throws -> (Figure, Double) {
        var samples = Samples()
        var keep: [App] = []
        for _ in 0..<5 {
            keep.removeAll()
            let elapsed = try time {
                let store = try Store.open(path: path, mode: .readWrite)
                guard let me = try user.flatMap({ try store.staff(id: $0.id) }) ?? store.allStaff().first else {
                    return
                }
                let app = app(store, me)
                try app.start()
                frame(app)
                keep.append(app)
            }
            samples.add(elapsed)
        }
        let memory = residentMegabytes()
        let store = try Store.open(path: path, mode: .readWrite)
        let shell = try floor.measure(store) {
            guard let me = try user.flatMap({ try store.staff(id: $0.id) }) ?? store.allStaff().first else { return }
            let app = app(store, me)
            try app.start()
            frame(app)
        }
        let figure = Figure(
            name: "open database to first full frame", median: samples.median, p99: samples.p99, unit: "ms",
            floor: shell, target: "≤ 150 ms")
        return (figure, memory)
    }

    /// The list's figures, and its search keystrokes one by one (`Keystroke`).
    static func listFigures(store: Store, people: [Staff], floor: ShellFloor) throws -> ([Figure], [Keystroke]) {
        var move = Samples()
        var page = Samples()
        var keystroke = Samples()
        var open = Samples()
        // Every search keystroke with its parts, for the list of the slowest.
        var keys: [Keystroke] = []
        var typedBefore = 0
        let trace = Keystroke.listed > 0
        for me in people {
            let app = try makeApp(store, me)
            frame(app)
            for _ in 0..<300 { move.add(time { press(app, .down) }) }
            for _ in 0..<150 { page.add(time { press(app, .pageDown) }) }
            for _ in 0..<150 { page.add(time { press(app, .pageUp) }) }
            page.add(time { press(app, .end) })
            page.add(time { press(app, .home) })
            for index in 0..<40 {
                open.add(time { press(app, .enter) })
                press(app, .escape)
                for _ in 0..<(index % 7 + 1) { press(app, .down) }
            }
            press(app, .character("/"))
            let viewer = try Keystroke.viewer(me, store: store)
            for name in typedNames {
                for (index, character) in name.enumerated() {
                    let key = try searchKey(app, .character(character), store: store, trace: trace)
                    keystroke.add(key.total)
                    keys.append(
                        Keystroke(
                            viewer: viewer, search: String(name.prefix(index + 1)), erased: false,
                            isFirst: keys.count == typedBefore, total: key.total, frame: key.frame,
                            statements: key.statements))
                }
                for index in (0..<name.count).reversed() {
                    let key = try searchKey(app, .backspace, store: store, trace: trace)
                    keystroke.add(key.total)
                    keys.append(
                        Keystroke(
                            viewer: viewer, search: String(name.prefix(index)), erased: true, isFirst: false,
                            total: key.total, frame: key.frame, statements: key.statements))
                }
            }
            press(app, .escape)
            typedBefore = keys.count
        }
        // The floors: the same keys again, as everybody's list (the largest), with every
        // statement recorded.
        var floors: [Double?] = [nil, nil, nil, nil]
        if let me = people.last {
            let app = try makeApp(store, me)
            frame(app)
            floors[0] = try floor.measure(store, interactions: 300) { for _ in 0..<300 { press(app, .down) } }
            floors[1] = try floor.measure(store, interactions: 302) {
                for _ in 0..<150 { press(app, .pageDown) }
                for _ in 0..<150 { press(app, .pageUp) }
                press(app, .end)
                press(app, .home)
            }
            floors[2] = try floor.measure(store, interactions: 40) {
                for index in 0..<40 {
                    press(app, .enter)
                    press(app, .escape)
                    for _ in 0..<(index % 7 + 1) { press(app, .down) }
                }
            }
            press(app, .home)
            press(app, .character("/"))
            let typed = typedNames.reduce(0) { $0 + 2 * $1.count }
            floors[3] = try floor.measure(store, interactions: typed) {
                for name in typedNames {
                    for character in name { press(app, .character(character)) }
                    for _ in name { press(app, .backspace) }
                }
            }
            press(app, .escape)
        }
        let figures = [
            Figure(
                name: "cursor move (key, update, frame)", median: move.median, p99: move.p99, unit: "ms",
                floor: floors[0], target: "≤ 2 ms median"),
            Figure(
                name: "page up/down, home, end", median: page.median, p99: page.p99, unit: "ms", floor: floors[1],
                target: "≤ 2 ms median"),
            Figure(
                name: "search keystroke (query and frame)", median: keystroke.median, p99: keystroke.p99, unit: "ms",
                floor: floors[3], target: "≤ 15 ms p99"),
            Figure(
                name: "open a client record", median: open.median, p99: open.p99, unit: "ms", floor: floors[2],
                target: "≤ 10 ms"),
        ]
        return (figures, keys)
    }

    /// One search key as `press` handles it, timed: the whole, the frame, and with `trace` every
    /// statement on the store's connection (`Store.timingStatements`).
    static func searchKey(_ app: App, _ key: Key, store: Store, trace: Bool) throws -> (
        total: Double, frame: Double, statements: [StatementTime]
    ) {
        var drawing = 0.0
        var statements: [StatementTime] = []
        let total = try time {
            let update = {
                app.handle(.key(key))
                app.runTimers(force: true)
            }
            if trace { statements = try store.timingStatements(update).1 } else { update() }
            drawing = time { frame(app) }
        }
        return (total, drawing, statements)
    }

    /// Opening a record straight at each tab, for clients across the list (each tab reads its
    /// own data: the record, then the tab's queries, then the frame).
    static func tabFigures(store: Store, me: Staff?, floor: ShellFloor) throws -> [Figure] {
        guard let me else { return [] }
        let app = try makeApp(store, me)
        var clients: [ClientSummary] = []
        var after: ClientSummary?
        for _ in 0..<20 {
            let page = try store.clientList.page(ClientFilter(), sort: .arrival, after: after, limit: 2500)
            guard let last = page.last else { break }
            clients.append(contentsOf: page.prefix(3))
            after = last
        }
        var figures: [Figure] = []
        for tab in RecordTabID.allCases.dropFirst() {
            var samples = Samples()
            for client in clients {
                samples.add(
                    try time {
                        app.push(try ClientRecordScreen(app: app, clientID: client.id, tab: tab))
                        frame(app)
                    })
                app.pop()
            }
            let shell = try floor.measure(store, interactions: clients.count) {
                for client in clients {
                    app.push(try ClientRecordScreen(app: app, clientID: client.id, tab: tab))
                    frame(app)
                    app.pop()
                }
            }
            figures.append(
                Figure(
                    name: "open the \(tab.title) tab", median: samples.median, p99: samples.p99, unit: "ms",
                    floor: shell,
                    target: "≤ 10 ms"))
        }
        return figures
    }

    /// My day for every officer: the store's query alone, and the screen opened and drawn.
    static func worklistFigures(store: Store, floor: ShellFloor) throws -> [Figure] {
        var query = Samples()
        var screen = Samples()
        var caseloads: [Int] = []
        var officers: [Staff] = []
        for officer in try store.allStaff() where officer.role == .officer {
            let caseload = try store.clientList.count(ClientFilter(officerID: officer.id)).value
            guard caseload > 0 else { continue }
            caseloads.append(caseload)
            officers.append(officer)
            let app = app(store, officer)
            for _ in 0..<3 {
                query.add(try time { _ = try store.worklist(by: officer.id) })
                screen.add(
                    try time {
                        app.push(try WorklistScreen(app: app))
                        frame(app)
                    })
                app.pop()
            }
        }
        let typical = caseloads.sorted().dropFirst(caseloads.count / 2).first ?? 0
        let sample = Array(officers.prefix(20))
        let shell = try floor.measure(store, interactions: sample.count) {
            for officer in sample { _ = try store.worklist(by: officer.id) }
        }
        return [
            Figure(
                name: "My day query (\(typical) clients, store)", median: query.median, p99: query.p99, unit: "ms",
                floor: shell, target: ""),
            Figure(
                name: "open My day (query and frame)", median: screen.median, p99: screen.p99, unit: "ms", floor: shell,
                target: "≤ 20 ms"),
        ]
    }

    /// The supervisor's dashboard: the figures alone, the screen, the report, and opening the
    /// clients behind the largest bar.
    static func dashboardFigures(store: Store, floor: ShellFloor) throws -> [Figure] {
        guard let supervisor = try store.allStaff().first(where: { $0.role != .officer }) else { return [] }
        let filter = DashboardFilter.lastTwelveMonths(today: store.clock.today)
        var figures = Samples()
        var screen = Samples()
        var report = Samples()
        var drill = Samples()
        let app = app(store, supervisor)
        for _ in 0..<7 {
            figures.add(try time { _ = try store.figures.dashboard(filter) })
            screen.add(
                try time {
                    app.push(try DashboardScreen(app: app))
                    frame(app)
                })
            app.pop()
            report.add(
                try time { _ = DashboardReport(board: try store.figures.dashboard(filter), scope: "all clients").text })
        }
        let board = try store.figures.dashboard(filter)
        let largest = board.members.max { $0.value.count < $1.value.count }
        for _ in 0..<7 {
            guard let (bar, ids) = largest else { break }
            drill.add(
                try time {
                    let cohort = try store.clientList.makeCohort(ids, label: "\(bar)")
                    app.push(try ClientListScreen(app: app, cohort: cohort))
                    frame(app)
                })
            app.pop()
        }
        let shell = try floor.measure(store) { _ = try store.figures.dashboard(filter) }
        let drillShell = try floor.measure(store) {
            guard let (bar, ids) = largest else { return }
            let cohort = try store.clientList.makeCohort(ids, label: "\(bar)")
            app.push(try ClientListScreen(app: app, cohort: cohort))
            frame(app)
            app.pop()
        }
        return [
            Figure(
                name: "dashboard figures (store)", median: figures.median, p99: figures.p99, unit: "ms", floor: shell,
                target: ""),
            Figure(
                name: "open the dashboard (figures and frame)", median: screen.median, p99: screen.p99, unit: "ms",
                floor: shell, target: "≤ 100 ms"),
            Figure(
                name: "report (figures and text)", median: report.median, p99: report.p99, unit: "ms", floor: shell,
                target: "≤ 1 s"),
            Figure(
                name: "clients behind the largest bar (\(largest?.value.count ?? 0))", median: drill.median,
                p99: drill.p99, unit: "ms",
                floor: drillShell, target: ""),
        ]
    }

    /// One key as the application handles it, with the debounced search run at once, and the
    /// frame drawn.
    static func press(_ app: App, _ key: Key) {
        app.handle(.key(key))
        app.runTimers(force: true)
        frame(app)
    }

    static func storeFigures(_ store: Store, floor: ShellFloor) throws -> [Figure] {
        var search = Samples()
        var counting = Samples()
        for name in typedNames {
            for length in 1...name.count {
                let filter = ClientFilter(search: String(name.prefix(length)))
                search.add(try time { _ = try store.clientList.page(filter, sort: .name, limit: 50) })
                counting.add(try time { _ = try store.clientList.count(filter) })
            }
        }
        let prefixes = typedNames.flatMap { name in (1...name.count).map { String(name.prefix($0)) } }
        let searchShell = try floor.measure(store, interactions: prefixes.count) {
            for prefix in prefixes {
                _ = try store.clientList.page(ClientFilter(search: prefix), sort: .name, limit: 50)
            }
        }
        let countShell = try floor.measure(store, interactions: prefixes.count) {
            for prefix in prefixes { _ = try store.clientList.count(ClientFilter(search: prefix)) }
        }
        return [
            Figure(
                name: "name search, first page (store)", median: search.median, p99: search.p99, unit: "ms",
                floor: searchShell, target: "< 5 ms"),
            Figure(
                name: "name search, match count (store)", median: counting.median, p99: counting.p99, unit: "ms",
                floor: countShell, target: ""),
        ]
    }

    /// Saving a client record as the form does (read it, change the address, update it with the
    /// version read; the audit rows and the client's facts are written in the same transaction,
    /// which is synced to disk), 60 times over 20 clients. Writes are not replayed by the shell.
    static func saveFigures(store: Store, me: Staff?) throws -> [Figure] {
        guard let me else { return [] }
        // The clients the person may open: with several offices, not every client is theirs.
        let clients = try store.clientList.page(ClientFilter(viewer: me.id), sort: .arrival, limit: 20)
        var samples = Samples()
        for round in 0..<3 {
            for summary in clients {
                samples.add(
                    try time {
                        guard let client = try store.client(id: summary.id, by: me.id) else { return }
                        var draft = ClientDraft(client)
                        draft.values[.address] = "Storgata \(round + 1), 0155 Oslo"
                        _ = try store.updateClient(
                            id: client.id, with: draft, expectedVersion: client.version, actor: me.id)
                    })
            }
        }
        return [
            Figure(
                name: "save a client record", median: samples.median, p99: samples.p99, unit: "ms", target: "≤ 50 ms")
        ]
    }

    /// VmRSS of this process, in megabytes.
    static func residentMegabytes() -> Double {
        guard let file = fopen("/proc/self/status", "r") else { return 0 }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, 256, file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if text.hasPrefix("VmRSS:") {
                let digits = text.filter(\.isNumber)
                return (Double(digits) ?? 0) / 1024
            }
        }
        return 0
    }
}
