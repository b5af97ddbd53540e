import CasebookCore

/// A frame being drawn: the buffer, the theme, the area a screen owns, and where the
/// hardware cursor should go (screen readers follow it).
package struct Frame {
    package var buffer: ScreenBuffer
    package let theme: Theme
    package var area: Rect
    package var cursor: Point?

    package func style(_ role: TextRole) -> Style { theme.style(role) }

    package var glyphs: Glyphs { buffer.glyphs }

    /// Writes text cut to `rect` (one row) in a role's style.
    @discardableResult
    package mutating func text(_ text: String, in rect: Rect, _ role: TextRole = .normal, alignRight: Bool = false)
        -> Int
    {
        buffer.put(text, in: rect, style: style(role), alignRight: alignRight)
    }

    /// Writes text from a point, in a role's style, up to `maxX`.
    @discardableResult
    package mutating func text(_ text: String, x: Int, y: Int, _ role: TextRole = .normal, maxX: Int? = nil) -> Int {
        buffer.put(text, x: x, y: y, style: style(role), maxX: maxX ?? area.maxX)
    }

    package mutating func clear(_ rect: Rect, _ role: TextRole = .normal) { buffer.fill(rect, style: style(role)) }
}

/// One level of the focus stack: the list, a record, a form, a dialog. A screen turns keys
/// into effects through its bindings and draws itself; `App` performs the effects.
package protocol Screen: AnyObject {
    /// The commands this screen offers in its state now, with their handlers; the app's own
    /// (help, quit, redraw, back) apply where a screen does not bind them itself.
    func bindings(app: App) -> [BoundCommand]
    /// True while printable keys type into a field instead of running commands.
    var capturesText: Bool { get }
    /// The name in the title bar.
    var title: String { get }
    /// True when leaving would lose typed changes.
    var hasUnsavedChanges: Bool { get }
    /// Dialogs draw over the screen beneath them.
    var isOverlay: Bool { get }
    /// When `tick` wants to run next (milliseconds on the app's clock), if ever.
    var deadline: Double? { get }

    /// Draws the screen into `frame.area`; reads the screen's state and never changes it.
    func render(_ frame: inout Frame, app: App)
    /// Text typed (or pasted) while `capturesText`.
    func type(_ text: String, app: App) throws -> Effect
    func tick(app: App) throws -> Effect
    /// The screen above closed and this one is on top again: `returned` says what it answered
    /// (the case file changes reach `refresh`).
    func didReturn(_ returned: Returned, app: App) throws -> Effect
    /// The case file changed (`changes`, by this screen or one it opened): reads again what
    /// shows it. The app calls this once per key, while the screen is on top.
    func refresh(_ changes: Changes, app: App) throws
}

extension Screen {
    package var capturesText: Bool { false }
    package var hasUnsavedChanges: Bool { false }
    package var isOverlay: Bool { false }
    package var deadline: Double? { nil }
    package func type(_ text: String, app: App) throws -> Effect { .none }
    package func tick(app: App) throws -> Effect { .none }
    package func didReturn(_ returned: Returned, app: App) throws -> Effect { .none }
    package func refresh(_ changes: Changes, app: App) throws {}
}

/// A line in the status bar.
package struct StatusMessage: Hashable, Sendable {
    package enum Kind: Sendable { case info, success, error }
    package var text: String
    package var kind: Kind

    package static func info(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .info) }
    package static func success(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .success) }
    package static func error(_ text: String) -> StatusMessage { StatusMessage(text: text, kind: .error) }
}
