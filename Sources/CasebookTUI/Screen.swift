import CasebookCore

/// What a key means to a screen: a bound command, or text to type.
package enum Input: Hashable, Sendable {
    case command(CommandID)
    case text(String)
}

/// A frame being drawn: the buffer, the theme, the area a screen owns, and where the
/// hardware cursor should go (screen readers follow it).
package struct Frame {
    package var buffer: ScreenBuffer
    package let theme: Theme
    package var area: Rect
    package var cursor: Point?

    package func style(_ role: Role) -> Style { theme.style(role) }

    package var glyphs: Glyphs { buffer.glyphs }

    /// Writes text cut to `rect` (one row) in a role's style.
    @discardableResult
    package mutating func text(_ text: String, in rect: Rect, _ role: Role = .normal, alignRight: Bool = false) -> Int {
        buffer.put(text, in: rect, style: style(role), alignRight: alignRight)
    }

    /// Writes text from a point, in a role's style, up to `maxX`.
    @discardableResult
    package mutating func text(_ text: String, x: Int, y: Int, _ role: Role = .normal, maxX: Int? = nil) -> Int {
        buffer.put(text, x: x, y: y, style: style(role), maxX: maxX ?? area.maxX)
    }

    package mutating func clear(_ rect: Rect, _ role: Role = .normal) { buffer.fill(rect, style: style(role)) }
}

/// One level of the focus stack: the list, a record, a form, a dialog.
package protocol Screen: AnyObject {
    /// Where its keys are looked up, most specific first (the global context is always last).
    var contexts: [KeyContext] { get }
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

    func render(_ frame: inout Frame, app: App)
    /// Handles a key; false when this screen does not use it.
    func handle(_ input: Input, app: App) -> Bool
    func tick(app: App)
    /// Called when the screen is on top again (a form above it saved or closed).
    func didReturn(app: App)
}

extension Screen {
    package var capturesText: Bool { false }
    package var hasUnsavedChanges: Bool { false }
    package var isOverlay: Bool { false }
    package var deadline: Double? { nil }
    package func tick(app: App) {}
    package func didReturn(app: App) {}
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
