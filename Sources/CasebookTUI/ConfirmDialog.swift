import CasebookL10n

/// A yes/no question drawn over the screen beneath. Yes answers it `.confirmed` (and runs
/// `then`, when given); no and Esc close it without an answer.
package final class ConfirmDialog: Screen {
    let heading: String
    let question: String
    let yesLabel: String
    let then: Effect

    package init(title: String, question: String, yesLabel: String = tr("Yes"), then: Effect = .none) {
        self.heading = title
        self.question = question
        self.yesLabel = yesLabel
        self.then = then
    }

    package var title: String { heading }
    package var isOverlay: Bool { true }

    package func bindings(app: App) -> [BoundCommand] { ConfirmDialog.bindings.bound(to: self, app: app) }

    static var bindingSets: [BindingSet] { [BindingSet(tr("a question"), bindings.commands())] }

    static let bindings: [Binding<ConfirmDialog>] = [
        Binding(.yes) { dialog, _ in dialog.confirm() },
        Binding(.accept) { dialog, _ in dialog.confirm() },
        Binding(.no) { _, _ in .close },
    ]

    private func confirm() -> Effect { .all([.pop(Returned(answer: .confirmed)), then]) }

    package func render(_ frame: inout Frame, app: App) {
        let width = min(frame.area.width - 4, max(40, TextWidth.of(question) / 2 + 6))
        let lines = TextWidth.wrap(question, width: width - 4)
        let box = frame.area.centered(width: width, height: lines.count + 5)
        frame.clear(box)
        frame.buffer.box(box, title: heading, style: frame.style(.border))
        for (index, line) in lines.enumerated() {
            frame.text(line, x: box.x + 2, y: box.y + 2 + index, .normal, maxX: box.maxX - 2)
        }
        let answer = "\(app.keys.hint(.yes)) \(yesLabel)    \(app.keys.hint(.no)) " + tr("No, go back")
        let y = box.maxY - 2
        frame.text(answer, x: box.x + 2, y: y, .emphasis, maxX: box.maxX - 2)
        frame.cursor = Point(x: box.x + 2, y: y)
    }
}
