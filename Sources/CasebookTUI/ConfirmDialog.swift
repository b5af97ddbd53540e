/// A yes/no question drawn over the screen beneath.
package final class ConfirmDialog: Screen {
    let heading: String
    let question: String
    let yesLabel: String
    let action: (App) -> Void

    package init(title: String, question: String, yesLabel: String = "Yes", action: @escaping (App) -> Void) {
        self.heading = title
        self.question = question
        self.yesLabel = yesLabel
        self.action = action
    }

    package var contexts: [KeyContext] { [.dialog] }
    package var title: String { heading }
    package var isOverlay: Bool { true }

    package func handle(_ input: Input, app: App) -> Bool {
        switch input {
        case .command(.yes), .command(.accept):
            app.pop()
            action(app)
        case .command(.no), .command(.back):
            app.pop()
        case .command(.quit), .command(.help):
            return true
        default:
            return false
        }
        return true
    }

    package func render(_ frame: inout Frame, app: App) {
        let width = min(frame.area.width - 4, max(40, TextWidth.of(question) / 2 + 6))
        let lines = TextWidth.wrap(question, width: width - 4)
        let box = frame.area.centered(width: width, height: lines.count + 5)
        frame.clear(box)
        frame.buffer.box(box, title: heading, style: frame.style(.border))
        for (index, line) in lines.enumerated() {
            frame.text(line, x: box.x + 2, y: box.y + 2 + index, .normal, maxX: box.maxX - 2)
        }
        let yes = app.keys.keys(for: .yes).first?.label ?? "y"
        let no = app.keys.keys(for: .no).first?.label ?? "n"
        let answer = "\(yes) \(yesLabel)    \(no) No, go back"
        let y = box.maxY - 2
        frame.text(answer, x: box.x + 2, y: y, .emphasis, maxX: box.maxX - 2)
        frame.cursor = Point(x: box.x + 2, y: y)
    }
}
