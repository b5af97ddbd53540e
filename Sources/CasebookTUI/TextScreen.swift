/// A read-only page of lines, scrolled with the movement keys: the help, earlier contract versions.
final class TextScreen: Screen {
    let title: String
    private let heading: String
    private let lines: [[(String, Role)]]
    /// Commands besides Esc that close the page (F1 or ? closes the help it opened).
    private let closedBy: [CommandID]
    private var offset = 0
    private var height = 10

    init(title: String, heading: String? = nil, lines: [[(String, Role)]], closedBy: [CommandID] = []) {
        self.title = title
        self.heading = heading ?? title + " — Esc closes"
        self.lines = lines
        self.closedBy = closedBy
    }

    var contexts: [KeyContext] { [.movement] }

    func handle(_ input: Input, app: App) -> Bool {
        guard case .command(let command) = input else { return false }
        let last = max(0, lines.count - height)
        switch command {
        case .up: offset = max(0, offset - 1)
        case .down: offset = min(last, offset + 1)
        case .pageUp: offset = max(0, offset - height)
        case .pageDown: offset = min(last, offset + height)
        case .top: offset = 0
        case .bottom: offset = last
        case .back: app.pop()
        default:
            guard closedBy.contains(command) else { return false }
            app.pop()
        }
        return true
    }

    func render(_ frame: inout Frame, app: App) {
        frame.clear(frame.area)
        let area = frame.area.inset(left: 1, right: 1)
        frame.text(heading, in: area.row(0), .emphasis)
        let body = area.inset(top: 2)
        height = body.height
        offset = min(offset, max(0, lines.count - height))
        for row in 0..<body.height {
            let index = offset + row
            guard lines.indices.contains(index) else { break }
            var x = body.x
            for (text, role) in lines[index] where x < body.maxX {
                x = frame.text(text, in: Rect(x: x, y: body.y + row, width: body.maxX - x, height: 1), role)
            }
        }
        frame.cursor = Point(x: area.x, y: area.y)
    }
}
