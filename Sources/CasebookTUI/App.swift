import CasebookCore
import CasebookStore
import Logging

/// The application: the focus stack of screens, the status line, and the loop that turns
/// keys into actions and actions into frames.
package final class App {
    package let store: Store
    package let me: Staff
    package let keys: KeyMap
    package var theme: Theme
    /// The dashboard's target line for exits to work or education (`[dashboard] exit_target`).
    package var exitTarget = 0.70
    /// The database file's name, for the status line.
    package let databaseName: String
    package var clock: any Clock { store.clock }
    /// Milliseconds on a monotonic clock; tests drive it by hand.
    package var now: () -> Double

    package private(set) var stack: [Screen] = []
    package var message: StatusMessage?
    package private(set) var isFinished = false
    /// Set when a screen wants the terminal repainted from scratch (Ctrl-L).
    private var wantsFullRedraw = false
    private let log = Logger(label: "casebook.tui")

    /// The smallest terminal the screens are laid out for.
    package static let minimumSize = Size(width: 60, height: 15)

    package init(store: Store, me: Staff, keys: KeyMap = .standard, theme: Theme = .standard, now: @escaping () -> Double) {
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
        stack = [try ClientListScreen(app: self)]
        if try store.clientList.count(ClientFilter(officerID: me.id), cap: 1).value > 0 {
            stack.append(try WorklistScreen(app: self))
        }
    }

    package var top: Screen? { stack.last }

    package func push(_ screen: Screen) { stack.append(screen) }

    /// Closes the top screen and tells the one beneath that it is on top again.
    package func pop() {
        guard stack.count > 1 else { return }
        stack.removeLast()
        stack.last?.didReturn(app: self)
    }

    /// Closes screens from the top down to (not including) `screen`.
    package func pop(to screen: Screen) {
        while let last = stack.last, last !== screen, stack.count > 1 { stack.removeLast() }
        screen.didReturn(app: self)
    }

    package func finish() { isFinished = true }

    /// Shows a message from an error the store or a rule raised. Unexpected errors are logged.
    package func report(_ error: Error) {
        if let store = error as? StoreError {
            message = .error(store.description)
        } else {
            log.error("unexpected error: \(String(describing: type(of: error)))")
            message = .error("Something went wrong (\(type(of: error))); nothing was saved. Details are in the log.")
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
        }
    }

    private func handle(_ key: Key) {
        guard let screen = top else { return }
        message = nil
        if screen.capturesText, key.isTyping {
            switch key {
            case .character(let c): _ = screen.handle(.text(String(c)), app: self)
            case .paste(let text): _ = screen.handle(.text(text), app: self)
            default: break
            }
            return
        }
        if case .paste = key { return }
        guard let command = keys.command(for: key, in: screen.contexts) else {
            if !screen.capturesText {
                message = .info("\(key.label) does nothing here; ? lists the keys.")
            }
            return
        }
        if screen.handle(.command(command), app: self) { return }
        switch command {
        case .help:
            push(TextScreen.help(keys: keys))
        case .quit:
            requestQuit()
        case .redraw:
            wantsFullRedraw = true
        case .back:
            pop()
        default:
            break
        }
    }

    /// Quits, asking first when a form holds unsaved changes.
    package func requestQuit() {
        guard stack.contains(where: \.hasUnsavedChanges) else {
            isFinished = true
            return
        }
        if top is ConfirmDialog { return }
        push(
            ConfirmDialog(
                title: "Quit Casebook?", question: "A form has changes that are not saved. Quit and lose them?",
                yesLabel: "Quit"
            ) { app in app.finish() })
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
                screen.tick(app: self)
                ran = true
            }
        }
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
        let text = "Casebook needs a terminal of at least \(need.width)×\(need.height); this one is \(buffer.size.width)×\(buffer.size.height). Enlarge the window."
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
        let date = "\(Weekday.short(today)) \(today.iso)"
        frame.text(" " + path, in: Rect(x: 0, y: 0, width: width - TextWidth.of(date) - 2, height: 1), .statusBar)
        frame.text(date + " ", in: Rect(x: width - TextWidth.of(date) - 2, y: 0, width: TextWidth.of(date) + 2, height: 1), .statusBar, alignRight: true)
    }

    private func drawStatus(_ frame: inout Frame, size: Size) {
        let row = Rect(x: 0, y: size.height - 2, width: size.width, height: 1)
        frame.clear(row, .statusBar)
        let who = " \(me.username) (\(me.role.rawValue)) \(frame.glyphs.separator) \(databaseName) "
        let end = frame.text(who, x: 0, y: row.y, .statusBar, maxX: size.width)
        if let message {
            let role: Role = message.kind == .error ? .error : message.kind == .success ? .success : .statusBar
            var style = frame.style(role)
            style.reverse = true
            frame.buffer.put(" " + message.text + " ", in: Rect(x: end, y: row.y, width: size.width - end, height: 1), style: style)
        }
    }

    private func drawBar(_ frame: inout Frame, size: Size) {
        let y = size.height - 1
        frame.clear(Rect(x: 0, y: y, width: size.width, height: 1), .barLabel)
        guard let screen = top else { return }
        // The way out (Quit or Back) always keeps its place at the end; the others fill the room before it.
        let entries = barCommands(for: screen).compactMap { id -> (String, String)? in
            guard let key = keys.keys(for: id).first, let label = id.info.barLabel else { return nil }
            return (key.label, label)
        }
        func width(_ entry: (String, String)) -> Int { TextWidth.of(entry.0) + 1 + TextWidth.of(entry.1) + 2 }
        let last = entries.last.map(width) ?? 0
        var x = 0
        for (index, entry) in entries.enumerated() {
            let isLast = index == entries.count - 1
            if x + width(entry) + (isLast ? 0 : last) > size.width, !isLast { continue }
            if x + width(entry) > size.width { break }
            x = frame.text(entry.0, x: x, y: y, .barKey, maxX: size.width)
            x = frame.text(" " + entry.1 + "  ", x: x, y: y, .barLabel, maxX: size.width)
        }
    }

    /// The commands the bottom bar offers for a screen, from the command table.
    package func barCommands(for screen: Screen) -> [CommandID] {
        var ids: [CommandID] = [.help]
        for context in screen.contexts {
            for info in CommandTable.all where info.context == context && info.barLabel != nil {
                if screen.capturesText, case .character = keys.keys(for: info.id).first { continue }
                ids.append(info.id)
            }
        }
        ids.append(stack.count > 1 || screen.capturesText ? .back : .quit)
        return ids
    }

    // MARK: Loops

    /// Runs until the user quits or a termination signal arrives.
    package func run(on terminal: Terminal) {
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
                handle(event)
                dirty = true
            }
            if runTimers() { dirty = true }
        }
    }

    /// Handles every queued event of a virtual terminal, firing timers at once, and presents
    /// the last frame (tests and benchmarks).
    package func settle(on terminal: VirtualTerminal) {
        while terminal.hasPendingEvents, !isFinished {
            if let event = terminal.nextEvent(timeout: 0) { handle(event) }
            runTimers(force: true)
        }
        runTimers(force: true)
        let (buffer, cursor) = render(size: terminal.size, glyphs: terminal.isUnicode ? .unicode : .ascii)
        terminal.present(buffer, cursor: cursor)
    }
}

/// Short weekday names for the title bar.
enum Weekday {
    static func short(_ day: Day) -> String { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.weekday] }
}
