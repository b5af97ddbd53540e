import CasebookCore

/// One choice in a pick list: the stored value and what people read.
package struct Choice: Hashable, Sendable {
    package var value: String
    package var label: String

    package init(_ value: String, _ label: String) {
        self.value = value
        self.label = label
    }
}

/// A list to choose from, filtered as you type (by the start of any word, ignoring case and
/// accents, or by code). Several may be ticked when `allowsSeveral`.
package final class PickListDialog: Screen {
    let heading: String
    let options: [Choice]
    let allowsSeveral: Bool
    let onChoose: (App, [String]) -> Void
    private var filter = LineEditor()
    private var visible: [Choice]
    private var selected = 0
    private var top = 0
    private var ticked: [String]
    private var pageHeight = 10

    package init(
        title: String, options: [Choice], chosen: [String] = [], allowsSeveral: Bool = false, filter initial: String = "",
        onChoose: @escaping (App, [String]) -> Void
    ) {
        heading = title
        self.options = options
        self.allowsSeveral = allowsSeveral
        self.onChoose = onChoose
        ticked = allowsSeveral ? chosen : []
        visible = options
        filter.set(initial)
        applyFilter()
        if !allowsSeveral, initial.isEmpty, let current = chosen.first, let index = visible.firstIndex(where: { $0.value == current }) {
            selected = index
        }
    }

    package var contexts: [KeyContext] { [.dialog, .movement] }
    package var capturesText: Bool { true }
    package var title: String { heading }
    package var isOverlay: Bool { true }

    /// The options the filter leaves, for tests.
    package var shown: [Choice] { visible }

    private func applyFilter() {
        let words = SearchKey.queryWords(filter.text)
        visible = words.isEmpty ? options : options.filter { option in
            let code = SearchKey.fold(option.value)
            let labelWords = SearchKey.words(option.label)
            return words.allSatisfy { word in code.hasPrefix(word) || labelWords.contains { $0.hasPrefix(word) } }
        }
        selected = min(selected, max(0, visible.count - 1))
        if !words.isEmpty { selected = 0 }
    }

    package func handle(_ input: Input, app: App) -> Bool {
        switch input {
        case .text(" ") where allowsSeveral:
            toggleSelected()
        case .text(let text):
            filter.insert(text)
            applyFilter()
        case .command(let command):
            switch command {
            case .up: selected = max(0, selected - 1)
            case .down: selected = min(max(0, visible.count - 1), selected + 1)
            case .pageUp: selected = max(0, selected - pageHeight)
            case .pageDown: selected = min(max(0, visible.count - 1), selected + pageHeight)
            case .top: selected = 0
            case .bottom: selected = max(0, visible.count - 1)
            case .toggle where allowsSeveral: toggleSelected()
            case .accept:
                let values: [String]
                if allowsSeveral {
                    values = options.map(\.value).filter(ticked.contains)
                } else {
                    guard visible.indices.contains(selected) else {
                        app.message = .error("Nothing matches \"\(filter.text)\"; change the filter or press Esc.")
                        return true
                    }
                    values = [visible[selected].value]
                }
                app.pop()
                onChoose(app, values)
            case .back:
                app.pop()
            case .quit:
                app.requestQuit()
            default:
                if filter.apply(command) {
                    applyFilter()
                } else {
                    return false
                }
            }
        }
        return true
    }

    private func toggleSelected() {
        guard visible.indices.contains(selected) else { return }
        let value = visible[selected].value
        if let index = ticked.firstIndex(of: value) { ticked.remove(at: index) } else { ticked.append(value) }
    }

    package func render(_ frame: inout Frame, app: App) {
        let widest = options.map { TextWidth.of($0.label) }.max() ?? 20
        let width = min(frame.area.width - 2, max(44, widest + 10))
        let height = min(frame.area.height - 1, max(8, min(options.count, 16) + 5))
        let box = frame.area.centered(width: width, height: height)
        frame.clear(box)
        frame.buffer.box(box, title: heading, style: frame.style(.border))
        let inner = box.inset(top: 1, bottom: 1, left: 2, right: 2)
        frame.text("Filter:", x: inner.x, y: inner.y, .label)
        let field = Rect(x: inner.x + 8, y: inner.y, width: inner.width - 8, height: 1)
        let cursorX = filter.draw(in: field, buffer: &frame.buffer, style: frame.style(.inputFocused))
        let listArea = inner.inset(top: 2, bottom: 1)
        pageHeight = max(1, listArea.height)
        if selected < top { top = selected }
        if selected >= top + listArea.height { top = selected - listArea.height + 1 }
        if visible.isEmpty {
            frame.text("Nothing matches.", in: listArea.row(0), .dim)
        }
        for row in 0..<listArea.height {
            let index = top + row
            guard visible.indices.contains(index) else { break }
            let option = visible[index]
            let mark = allowsSeveral ? (ticked.contains(option.value) ? "[x] " : "[ ] ") : ""
            frame.text(mark + option.label, in: listArea.row(row), index == selected ? .selected : .normal)
        }
        let hint = allowsSeveral ? "Space ticks · Enter keeps the ticked · Esc cancels" : "Enter chooses · Esc cancels"
        frame.text("\(visible.count) of \(options.count) · " + hint, in: Rect(x: inner.x, y: box.maxY - 2, width: inner.width, height: 1), .dim)
        frame.cursor = Point(x: cursorX, y: inner.y)
    }
}
