/// The eight terminal colours, and the terminal's own default.
package enum Color: Int16, Hashable, Sendable {
    case `default` = -1
    case black = 0
    case red
    case green
    case yellow
    case blue
    case magenta
    case cyan
    case white
}

/// How a cell looks. Attributes alone must carry meaning: a theme without colour still works.
package struct Style: Hashable, Sendable {
    package var foreground: Color = .default
    package var background: Color = .default
    package var bold = false
    package var reverse = false
    package var underline = false
    package var dim = false

    package init(
        foreground: Color = .default, background: Color = .default, bold: Bool = false, reverse: Bool = false,
        underline: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
    }

    package static let plain = Style()
}

/// What a piece of text is, independent of how a theme draws it.
package enum TextRole: CaseIterable, Sendable {
    case normal
    case title
    case columnHeader
    case selected
    case dim
    case label
    case input
    case inputFocused
    case error
    case warning
    case success
    case overdue
    case tab
    case tabActive
    case statusBar
    case barKey
    case barLabel
    case border
    case emphasis
}

/// A named mapping from roles to styles.
package struct Theme: Sendable {
    package let name: String
    private let styles: [TextRole: Style]

    package func style(_ role: TextRole) -> Style { styles[role] ?? .plain }

    package var hasColor: Bool { styles.values.contains { $0.foreground != .default || $0.background != .default } }

    package static let names = ["default", "light", "monochrome"]

    package static func named(_ name: String) -> Theme? {
        switch name {
        case "default": return .standard
        case "light": return .light
        case "monochrome": return .monochrome
        default: return nil
        }
    }

    /// Colours on the terminal's own background.
    package static let standard = Theme(
        name: "default",
        styles: [
            .normal: Style(),
            .title: Style(foreground: .cyan, bold: true),
            .columnHeader: Style(bold: true, underline: true),
            .selected: Style(reverse: true),
            .dim: Style(dim: true),
            .label: Style(foreground: .cyan),
            .input: Style(underline: true),
            .inputFocused: Style(reverse: true),
            .error: Style(foreground: .red, bold: true),
            .warning: Style(foreground: .yellow, bold: true),
            .success: Style(foreground: .green, bold: true),
            .overdue: Style(foreground: .red, bold: true, underline: true),
            .tab: Style(),
            .tabActive: Style(bold: true, reverse: true),
            .statusBar: Style(reverse: true),
            .barKey: Style(foreground: .cyan, bold: true),
            .barLabel: Style(),
            .border: Style(foreground: .blue),
            .emphasis: Style(bold: true),
        ])

    /// Dark text on a white background.
    package static let light = Theme(
        name: "light",
        styles: [
            .normal: Style(foreground: .black, background: .white),
            .title: Style(foreground: .blue, background: .white, bold: true),
            .columnHeader: Style(foreground: .black, background: .white, bold: true, underline: true),
            .selected: Style(foreground: .white, background: .blue, bold: true),
            .dim: Style(foreground: .black, background: .white, dim: true),
            .label: Style(foreground: .blue, background: .white),
            .input: Style(foreground: .black, background: .white, underline: true),
            .inputFocused: Style(foreground: .white, background: .blue),
            .error: Style(foreground: .red, background: .white, bold: true),
            .warning: Style(foreground: .magenta, background: .white, bold: true),
            .success: Style(foreground: .green, background: .white, bold: true),
            .overdue: Style(foreground: .red, background: .white, bold: true, underline: true),
            .tab: Style(foreground: .black, background: .white),
            .tabActive: Style(foreground: .white, background: .blue, bold: true),
            .statusBar: Style(foreground: .white, background: .black),
            .barKey: Style(foreground: .blue, background: .white, bold: true),
            .barLabel: Style(foreground: .black, background: .white),
            .border: Style(foreground: .blue, background: .white),
            .emphasis: Style(foreground: .black, background: .white, bold: true),
        ])

    /// Bold, reverse, underline and dim only: for NO_COLOR, TERM=dumb and terminals without colour.
    package static let monochrome = Theme(
        name: "monochrome",
        styles: [
            .normal: Style(),
            .title: Style(bold: true),
            .columnHeader: Style(bold: true, underline: true),
            .selected: Style(reverse: true),
            .dim: Style(dim: true),
            .label: Style(),
            .input: Style(underline: true),
            .inputFocused: Style(reverse: true),
            .error: Style(bold: true),
            .warning: Style(bold: true),
            .success: Style(bold: true),
            .overdue: Style(bold: true, underline: true),
            .tab: Style(),
            .tabActive: Style(bold: true, reverse: true),
            .statusBar: Style(reverse: true),
            .barKey: Style(bold: true),
            .barLabel: Style(),
            .border: Style(),
            .emphasis: Style(bold: true),
        ])
}
