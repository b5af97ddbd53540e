/// Something that happened at the terminal.
package enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// The window changed size.
    case resize
    /// SIGTERM, SIGHUP or SIGINT arrived: save nothing half-done and leave.
    case terminate
}

/// What the application needs from a terminal. The curses adapter is the real one;
/// `VirtualTerminal` stands in for it in tests and benchmarks.
package protocol Terminal: AnyObject {
    var size: Size { get }
    /// True when the terminal displays UTF-8 (else frames and bars use ASCII).
    var isUnicode: Bool { get }
    /// True when colours may be used (not NO_COLOR, not TERM=dumb, and the terminal has them).
    var hasColor: Bool { get }
    /// The next event, waiting at most `timeout` milliseconds (nil: nothing happened).
    func nextEvent(timeout: Int) -> TerminalEvent?
    /// Shows a frame, with the hardware cursor at `cursor` (hidden when nil).
    func present(_ buffer: ScreenBuffer, cursor: Point?)
    /// Makes the next `present` repaint every cell (Ctrl-L).
    func invalidate()
}

/// A terminal in memory: events are queued by the test, frames are kept for inspection.
package final class VirtualTerminal: Terminal {
    package var size: Size
    package var isUnicode: Bool
    package var hasColor: Bool
    package private(set) var frame: ScreenBuffer
    package private(set) var cursor: Point?
    package private(set) var presented = 0
    private var events: [TerminalEvent] = []

    package init(width: Int = 80, height: Int = 24, isUnicode: Bool = true, hasColor: Bool = true) {
        size = Size(width: width, height: height)
        self.isUnicode = isUnicode
        self.hasColor = hasColor
        frame = ScreenBuffer(size: size)
    }

    /// Queues keys typed one after another.
    package func type(_ keys: Key...) { events += keys.map(TerminalEvent.key) }

    /// Queues the characters of `text`, one key each.
    package func type(text: String) { events += text.map { TerminalEvent.key(.character($0)) } }

    package func send(_ event: TerminalEvent) { events.append(event) }

    /// Changes the size and queues the resize event, as a window manager would.
    package func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        events.append(.resize)
    }

    package var hasPendingEvents: Bool { !events.isEmpty }

    package func nextEvent(timeout: Int) -> TerminalEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    package func present(_ buffer: ScreenBuffer, cursor: Point?) {
        frame = buffer
        self.cursor = cursor
        presented += 1
    }

    package func invalidate() {}

    /// The frame as text.
    package var text: String { frame.text }
}
