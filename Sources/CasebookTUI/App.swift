import CasebookCore
import CasebookText
import CasebookL10n
import CasebookStore
import Logging

/// The application: the focus stack of screens, the status line, and the loop that turns
/// keys into actions and actions into frames.
package final class App {
    package let store: Store
    package let me: Staff
    package let keys: KeyMap
    package var theme: Theme
    /// The site's own target for work or education (`[dashboard] exit_target`), which replaces
    /// the programmes' targets on the dashboard; nil: each programme's own (`[outcomes]`).
    package var exitTarget: Double?
    /// Counts below it are hidden in reports (`[report] suppress_below`): the dashboard marks them.
    package var suppressBelow = DashboardReport.defaultSuppressBelow
    /// The database file's name, for the status line.
    package let databaseName: String
    package var clock: any Clock { store.clock }
    /// Milliseconds on a monotonic clock; tests drive it by hand.
    package var now: () -> Double

    package private(set) var stack: [any Screen] = []
    /// Per level of the stack: what that screen and the screens it opened changed in the case
    /// file, told to the screen beneath when it closes.
    private var made: [Changes] = []
    /// Per level: changes that screen has not read again yet (it does once a key is handled,
    /// when it is on top).
    private var unseen: [Changes] = []
    package var message: StatusMessage?
    package private(set) var isFinished = false
    /// Set when a screen wants the terminal repainted from scratch (Ctrl-L).
    private var wantsFullRedraw = false
    private let log = Logger(label: "casebook.tui")
    /// The terminal's size and glyphs, as the loop last saw them: what handlers lay pages out for.
    package var size = Size(width: 80, height: 24)
    package var glyphs: Glyphs = .unicode
    /// Writes a file the officer named (an export). The command line makes it write with the
    /// person's own rights in the office mode.
    package var writeFile: (String, [UInt8]) throws -> Void = { try DatabaseFile.writePrivate($0, $1, replace: false) }

    /// The smallest terminal the screens are laid out for.
    package static let minimumSize = Size(width: 60, height: 15)

    package init(
        store: Store, me: Staff, keys: KeyMap = .standard, theme: Theme = .standard, now: @escaping () -> Double
    ) {
        self.store = store
        self.me = me
        self.keys = keys
        self.theme = theme
        self.now = now
        let path = store.path
        databaseName = path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Opens the home screen: the client list, with My day on top for staff who have a caseload.
    package func start() throws {
        let list = try ClientListScreen(app: self)
        stack = []
        made = []
        unseen = []
        perform(.push(list))
        if list.hasCaseload { perform(.push(try WorklistScreen(app: self))) }
    }

    package var top: (any Screen)? { stack.last }

    /// The area every screen draws in: all but the title line, the status line and the bar.
    package var screenArea: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height).inset(top: 1, bottom: 2) }

    /// Opens `screen` on top (tests and benchmarks; screens return `.push`).
    package func push(_ screen: any Screen) { perform(.push(screen)) }

    /// Closes the top screen without changes (tests and benchmarks; screens return `.pop`).
    package func pop() {
        perform(.close)
        refreshTop()
    }

    /// Shows a message from an error the store or a rule raised. Unexpected errors are logged.
    package func report(_ error: Error) {
        if let store = error as? StoreError {
            message = .error(store.description)
        } else {
            log.error("unexpected error: \(String(describing: type(of: error)))")
            message = .error(
                tr(
                    "Something went wrong ({kind}); nothing was saved. Details are in the log.",
                    ["kind": String(describing: type(of: error))]))
        }
    }

    // MARK: Effects

    /// Does what a screen asked for.
    package func perform(_ effect: Effect) {
        switch effect {
        case .push(let screen):
            stack.append(screen)
            made.append([])
            unseen.append([])
        case .pop(let returned):
            close(returned)
        case .message(let text):
            message = text
        case .changed(let changes):
            guard !stack.isEmpty else { return }
            made[made.count - 1].formUnion(changes)
            unseen[unseen.count - 1].formUnion(changes)
        case .requestQuit:
            requestQuit()
        case .quit:
            isFinished = true
        case .redraw:
            wantsFullRedraw = true
        case .task(let body):
            attempt { try body(self) }
        case .all(let effects):
            for effect in effects { perform(effect) }
        }
    }

    /// Runs a handler and performs its effect; whatever it throws is reported here, the one place.
    private func attempt(_ body: () throws -> Effect) {
        do { perform(try body()) } catch { report(error) }
    }

    /// Closes the top screen: the one beneath learns what changed above it, and the answer.
    private func close(_ returned: Returned) {
        guard stack.count > 1, let above = made.popLast() else { return }
        stack.removeLast()
        unseen.removeLast()
        let changes = returned.changes.union(above)
        made[made.count - 1].formUnion(changes)
        unseen[unseen.count - 1].formUnion(changes)
        guard let screen = top else { return }
        attempt { try screen.didReturn(Returned(changes: changes, answer: returned.answer), app: self) }
    }

    /// Lets the top screen read again what changed while it was not looking, once.
    private func refreshTop() {
        guard let screen = top, let changes = unseen.last, !changes.isEmpty else { return }
        do {
            try screen.refresh(changes, app: self)
            unseen[unseen.count - 1] = []
        } catch {
            report(error)
        }
    }

    // MARK: Events

    /// Handles one terminal event.
    package func handle(_ event: TerminalEvent) {
        switch event {
        case .resize:
            break
        case .terminate:
            isFinished = true
        case .key(let key):
            handle(key)
            refreshTop()
        }
    }

    private func handle(_ key: Key) {
        guard let screen = top else { return }
        message = nil
        if screen.capturesText, key.isTyping {
            switch key {
            case .character(let c): attempt { try screen.type(String(c), app: self) }
            case .paste(let text): attempt { try screen.type(text, app: self) }
            default: break
            }
            return
        }
        if case .paste = key { return }
        guard let binding = offered(on: screen).first(where: { keys.keys(for: $0.command).contains(key) }) else {
            if !screen.capturesText {
                message = .info(
                    tr("{key} does nothing here; {help} lists the keys.", ["key": key.label, "help": keys.hint(.help)]))
            }
            return
        }
        if let reason = binding.unavailable {
            message = .info(reason)
            return
        }
        attempt { try binding.run(self) }
    }

    /// What `screen` offers, then the app's own commands it does not bind itself.
    package func offered(on screen: any Screen) -> [BoundCommand] {
        let own = screen.bindings(app: self)
        let bound = Set(own.map(\.command))
        return own + App.bindings.bound(to: self, app: self).filter { !bound.contains($0.command) }
    }

    /// Help, quit, redraw and back: the commands every screen has.
    static let bindings: [Binding<App>] = [
        Binding(.help) { app, _ in
            guard let screen = app.top else { return .none }
            return .push(TextScreen.help(keys: app.keys, offered: app.offered(on: screen)))
        },
        Binding(.quit) { _, _ in .requestQuit },
        Binding(.redraw) { _, _ in .redraw },
        Binding(
            .back,
            unavailable: { app, _ in
                app.stack.count > 1 ? nil : tr("This is the first screen; {key} quits.", ["key": app.keys.hint(.quit)])
            }
        ) { _, _ in .close },
    ]

    /// Quits, asking first when a form holds unsaved changes.
    private func requestQuit() {
        guard stack.contains(where: \.hasUnsavedChanges) else {
            isFinished = true
            return
        }
        if top is ConfirmDialog {
            message = .info(
                tr("Answer the question first: {yes} or {no}.", ["yes": keys.hint(.yes), "no": keys.hint(.no)]))
            return
        }
        perform(
            .push(
                ConfirmDialog(
                    title: tr("Quit Casebook?"),
                    question: tr("A form has changes that are not saved. Quit and lose them?"),
                    yesLabel: tr("Quit"), then: .quit)))
    }

    /// The earliest deadline of any screen, in milliseconds from now (nil: none).
    package var nextTimeout: Int? {
        let deadlines = stack.compactMap(\.deadline)
        guard let soonest = deadlines.min() else { return nil }
        return max(0, Int((soonest - now()).rounded(.up)))
    }

    /// Runs the timers that are due (all of them when `force`, as tests and benchmarks do);
    /// true when any ran.
    @discardableResult
    package func runTimers(force: Bool = false) -> Bool {
        let time = now()
        var ran = false
        for screen in stack {
            if let deadline = screen.deadline, force || deadline <= time {
                attempt { try screen.tick(app: self) }
                ran = true
            }
        }
        if ran { refreshTop() }
        return ran
    }

    // MARK: Drawing

    /// Draws the whole frame for a terminal of `size`; returns it and the cursor position.
    package func render(size: Size, glyphs: Glyphs = .unicode) -> (ScreenBuffer, Point?) {
        var buffer = ScreenBuffer(size: size, glyphs: glyphs)
        buffer.fill(buffer.bounds, style: theme.style(.normal))
        guard size.width >= App.minimumSize.width, size.height >= App.minimumSize.height else {
            drawTooSmall(&buffer)
            return (buffer, nil)
        }
        var frame = Frame(buffer: buffer, theme: theme, area: buffer.bounds.inset(top: 1, bottom: 2))
        drawTitle(&frame, width: size.width)
        let base = stack.lastIndex(where: { !$0.isOverlay }) ?? 0
        for screen in stack[base...] {
            frame.area = buffer.bounds.inset(top: 1, bottom: 2)
            screen.render(&frame, app: self)
        }
        drawStatus(&frame, size: size)
        drawBar(&frame, size: size)
        return (frame.buffer, frame.cursor)
    }

    private func drawTooSmall(_ buffer: inout ScreenBuffer) {
        let need = App.minimumSize
        let text =
            tr(
                "Casebook needs a terminal of at least {needed}; this one is {size}. Enlarge the window.",
                ["needed": "\(need.width)×\(need.height)", "size": "\(buffer.size.width)×\(buffer.size.height)"])
        let lines = TextWidth.wrap(text, width: max(1, buffer.size.width))
        for (index, line) in lines.prefix(buffer.size.height).enumerated() {
            buffer.put(line, x: 0, y: index, style: theme.style(.emphasis))
        }
    }

    private func drawTitle(_ frame: inout Frame, width: Int) {
        let row = Rect(x: 0, y: 0, width: width, height: 1)
        frame.clear(row, .statusBar)
        let titles = stack.filter { !$0.isOverlay }.map(\.title)
        let path = (["Casebook"] + titles.suffix(2)).joined(separator: " › ")
        let today = clock.today
        let date = "\(Weekday.short(today)) \(today.shown)"
        frame.text(" " + path, in: Rect(x: 0, y: 0, width: width - TextWidth.of(date) - 2, height: 1), .statusBar)
        frame.text(
            date + " ", in: Rect(x: width - TextWidth.of(date) - 2, y: 0, width: TextWidth.of(date) + 2, height: 1),
            .statusBar, alignRight: true)
    }

    private func drawStatus(_ frame: inout Frame, size: Size) {
        let row = Rect(x: 0, y: size.height - 2, width: size.width, height: 1)
        frame.clear(row, .statusBar)
        var who = " \(me.username) (\(OfficeForms.label(me.role))) \(frame.glyphs.separator) \(databaseName) "
        if let message, TextWidth.of(who) + TextWidth.of(message.text) + 2 > size.width {
            // A message cut in the middle says less than who is signed in on which file: where a
            // language's sentence needs the room, the role and the file go first, then the name.
            let short = " \(me.username) "
            who = TextWidth.of(short) + TextWidth.of(message.text) + 2 <= size.width ? short : ""
        }
        let end = frame.text(who, x: 0, y: row.y, .statusBar, maxX: size.width)
        if let message {
            let role: TextRole = message.kind == .error ? .error : message.kind == .success ? .success : .statusBar
            var style = frame.style(role)
            style.reverse = true
            frame.buffer.put(
                " " + message.text + " ", in: Rect(x: end, y: row.y, width: size.width - end, height: 1), style: style)
        }
    }

    private func drawBar(_ frame: inout Frame, size: Size) {
        let y = size.height - 1
        frame.clear(Rect(x: 0, y: y, width: size.width, height: 1), .barLabel)
        guard let screen = top else { return }
        let entries = barCommands(for: screen).compactMap { id -> FunctionBar.Entry? in
            guard let key = keys.keys(for: id).first, let label = id.info.barLabel else { return nil }
            return FunctionBar.Entry(key: key.label, label: label)
        }
        var x = 0
        for (entry, shown) in zip(entries, FunctionBar.fit(entries, width: size.width, measure: TextWidth.of)) {
            guard shown != .hidden else { continue }
            x = frame.text(entry.key, x: x, y: y, .barKey, maxX: size.width)
            x = frame.text(shown == .full ? " " + entry.label + "  " : "  ", x: x, y: y, .barLabel, maxX: size.width)
        }
    }

    /// The commands the bottom bar offers for a screen: Help, the screen's available commands
    /// that have a bar label (in the order it binds them), and the way out at the end.
    package func barCommands(for screen: any Screen) -> [CommandID] {
        var ids: [CommandID] = [.help]
        for binding in screen.bindings(app: self) where binding.isAvailable {
            let info = binding.command.info
            guard info.barLabel != nil, info.context != .global, !ids.contains(info.id) else { continue }
            // A character key types text while a field has the focus: it cannot run the command.
            if screen.capturesText, case .character = keys.keys(for: info.id).first { continue }
            ids.append(info.id)
        }
        ids.append(stack.count > 1 || screen.capturesText ? .back : .quit)
        return ids
    }

    // MARK: Loops

    /// Runs until the user quits or a termination signal arrives.
    package func run(on terminal: Terminal) {
        observe(terminal)
        var dirty = true
        while !isFinished {
            if dirty {
                let (buffer, cursor) = render(size: terminal.size, glyphs: terminal.isUnicode ? .unicode : .ascii)
                if wantsFullRedraw {
                    terminal.invalidate()
                    wantsFullRedraw = false
                }
                terminal.present(buffer, cursor: cursor)
                dirty = false
            }
            let timeout = nextTimeout.map { min($0, 1000) } ?? 1000
            if let event = terminal.nextEvent(timeout: timeout) {
                observe(terminal)
                handle(event)
                dirty = true
            }
            if runTimers() { dirty = true }
        }
    }

    /// Takes the terminal's size and glyphs for the handlers of the next event.
    private func observe(_ terminal: Terminal) {
        size = terminal.size
        glyphs = terminal.isUnicode ? .unicode : .ascii
    }

    /// Handles every queued event of a virtual terminal, firing timers at once, and presents
    /// the last frame (tests and benchmarks).
    package func settle(on terminal: VirtualTerminal) {
        observe(terminal)
        while terminal.hasPendingEvents, !isFinished {
            if let event = terminal.nextEvent(timeout: 0) {
                observe(terminal)
                handle(event)
            }
            runTimers(force: true)
        }
        runTimers(force: true)
        let (buffer, cursor) = render(size: terminal.size, glyphs: terminal.isUnicode ? .unicode : .ascii)
        terminal.present(buffer, cursor: cursor)
    }
}

/// Short weekday names for the title bar.
enum Weekday {
    static func short(_ day: Day) -> String {
        // TRANSLATORS: the weekday beside the date in the title line, three letters at most.
        [tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")][day.weekday]
    }
}
