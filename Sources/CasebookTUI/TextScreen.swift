import CasebookL10n

/// A read-only page of lines, scrolled with the movement keys: the help, earlier contract versions.
final class TextScreen: Screen {
    let title: String
    private let heading: String
    private let lines: [[(String, TextRole)]]
    /// True for the help, which the help key closes again.
    private let isHelp: Bool
    private var page = PageScroll()

    /// - Parameter heading: the line above the text; by default the title and how to close it.
    init(title: String, heading: String? = nil, lines: [[(String, TextRole)]], isHelp: Bool = false, keys: KeyMap) {
        self.title = title
        self.heading = heading ?? tr("{title} — {key} closes", ["title": title, "key": keys.hint(.back)])
        self.lines = lines
        self.isHelp = isHelp
    }

    func bindings(app: App) -> [BoundCommand] {
        (isHelp ? TextScreen.help : TextScreen.page).bound(to: self, app: app)
    }

    static var bindingSets: [BindingSet] {
        [BindingSet(tr("a page of text"), page.commands()), BindingSet(tr("the help"), help.commands())]
    }

    static let page: [Binding<TextScreen>] = Binding.movement(
        page: { screen, app in screen.height(app.screenArea) }, all: { screen, _ in screen.lines.count }
    ) { screen, step, app in screen.scroll(by: step, app: app) }

    /// The help closes with the key that opened it, too.
    static let help: [Binding<TextScreen>] = page + [Binding(.help) { _, _ in .close }]

    /// Rows for the text below the heading.
    private func height(_ area: Rect) -> Int { max(1, area.inset(top: 2).height) }

    private func scroll(by step: Int, app: App) -> Effect {
        page.scroll(by: step, lineCount: lines.count, height: height(app.screenArea))
        return .none
    }

    func render(_ frame: inout Frame, app: App) {
        frame.clear(frame.area)
        let area = frame.area.inset(left: 1, right: 1)
        frame.text(heading, in: area.row(0), .emphasis)
        let body = area.inset(top: 2)
        let first = page.firstLine(lineCount: lines.count, height: body.height)
        for row in 0..<body.height {
            let index = first + row
            guard lines.indices.contains(index) else { break }
            var x = body.x
            for (text, role) in lines[index] where x < body.maxX {
                x = frame.text(text, in: Rect(x: x, y: body.y + row, width: body.maxX - x, height: 1), role)
            }
        }
        frame.cursor = Point(x: area.x, y: area.y)
    }
}
