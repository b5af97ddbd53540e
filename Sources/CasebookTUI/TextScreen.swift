/// A read-only page of lines (earlier contract versions), scrolled with the movement keys.
final class TextScreen: Screen {
    let heading: String
    private let lines: [[(String, Role)]]
    private var offset = 0
    private var height = 10

    init(title: String, lines: [[(String, Role)]]) {
        heading = title
        self.lines = lines
    }

    var contexts: [KeyContext] { [.movement] }
    var title: String { heading }

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
        default: return false
        }
        return true
    }

    func render(_ frame: inout Frame, app: App) {
        frame.clear(frame.area)
        let area = frame.area.inset(left: 1, right: 1)
        frame.text(heading + " — Esc closes", in: area.row(0), .emphasis)
        let body = area.inset(top: 2)
        height = body.height
        offset = min(offset, max(0, lines.count - height))
        for row in 0..<body.height {
            let index = offset + row
            guard lines.indices.contains(index) else { break }
            var x = body.x
            for (text, role) in lines[index] { x = frame.text(text, x: x, y: body.y + row, role, maxX: body.maxX) }
        }
        frame.cursor = Point(x: area.x, y: area.y)
    }
}
