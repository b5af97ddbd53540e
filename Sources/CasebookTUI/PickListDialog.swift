import CasebookCore
import CasebookText
import CasebookL10n

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
/// accents, or by code). Several may be ticked when `allowsSeveral`. It answers the screen that
/// opened it with the values chosen.
package final class PickListDialog: Screen {
    let heading: String
    let options: [Choice]
    let allowsSeveral: Bool
    private var filter = LineEditor()
    private var visible: [Choice]
    private var viewport = ListViewport()
    private var ticked: [String]

    package init(
        title: String, options: [Choice], chosen: [String] = [], allowsSeveral: Bool = false,
        filter initial: String = ""
    ) {
        heading = title
        self.options = options
        self.allowsSeveral = allowsSeveral
        ticked = allowsSeveral ? chosen : []
        visible = options
        filter.set(initial)
        applyFilter()
        if !allowsSeveral, initial.isEmpty, let current = chosen.first,
            let index = visible.firstIndex(where: { $0.value == current })
        {
            viewport = ListViewport(selected: index)
        }
    }

    package var capturesText: Bool { true }
    package var title: String { heading }
    package var isOverlay: Bool { true }

    /// The options the filter leaves, for tests.
    package var shown: [Choice] { visible }
    var selected: Int { viewport.selected }

    private func applyFilter() {
        let words = SearchKey.queryWords(filter.text)
        visible =
            words.isEmpty
            ? options
            : options.filter { option in
                let code = SearchKey.fold(option.value)
                let labelWords = SearchKey.words(option.label)
                return words.allSatisfy { word in code.hasPrefix(word) || labelWords.contains { $0.hasPrefix(word) } }
            }
        viewport = words.isEmpty ? ListViewport(selected: min(selected, max(0, visible.count - 1))) : ListViewport()
    }

    // MARK: Bindings

    package func bindings(app: App) -> [BoundCommand] {
        (allowsSeveral ? PickListDialog.ticking : PickListDialog.choosing).bound(to: self, app: app)
    }

    static var bindingSets: [BindingSet] {
        [
            BindingSet(tr("a pick list"), choosing.commands()),
            BindingSet(tr("a pick list of several"), ticking.commands()),
        ]
    }

    /// Choosing one. The filter is a text field, but Home and End keep moving in the list.
    static let choosing: [Binding<PickListDialog>] =
        [
            Binding(
                .accept,
                unavailable: { list, app in
                    guard !list.allowsSeveral, !list.visible.indices.contains(list.selected) else { return nil }
                    return tr(
                        "Nothing matches \"{filter}\"; change the filter or press {key}.",
                        ["filter": list.filter.text, "key": app.keys.hint(.back)])
                }
            ) { list, _ in
                let values =
                    list.allowsSeveral
                    ? list.options.map(\.value).filter(list.ticked.contains) : [list.visible[list.selected].value]
                return .pop(Returned(answer: .chose(values)))
            }
        ]
        + Binding.movement(page: { list, app in list.listHeight(app) }, all: { list, _ in list.visible.count }) {
            list, step, app in list.move(by: step, app: app)
        }
        + [CommandID.cursorLeft, .cursorRight, .deleteBack, .deleteForward, .deleteWord, .clearField].map { command in
            Binding(command) { list, app in list.edit(command, app: app) }
        }

    /// Ticking several: Space ticks, Enter keeps the ticked.
    static let ticking: [Binding<PickListDialog>] =
        choosing.prefix(1) + [Binding(.toggle) { list, _ in list.toggleSelected() }] + choosing.dropFirst()

    // MARK: Keys

    package func type(_ text: String, app: App) throws -> Effect {
        if text == " ", allowsSeveral { return toggleSelected() }
        filter.insert(text)
        applyFilter()
        filter.keepCursorVisible(width: filterWidth(app))
        return .none
    }

    private func edit(_ command: CommandID, app: App) -> Effect {
        let before = filter.text
        _ = filter.apply(command)
        if filter.text != before { applyFilter() }
        filter.keepCursorVisible(width: filterWidth(app))
        return .none
    }

    private func move(by step: Int, app: App) -> Effect {
        viewport.move(by: step, count: visible.count, height: listHeight(app))
        return .none
    }

    private func toggleSelected() -> Effect {
        guard visible.indices.contains(selected) else { return .none }
        let value = visible[selected].value
        if let index = ticked.firstIndex(of: value) { ticked.remove(at: index) } else { ticked.append(value) }
        return .none
    }

    // MARK: Drawing

    /// The line below the list: how many of the options show, and the keys that answer.
    private func footer(_ keys: KeyMap, showing shown: Int) -> String {
        let values = [
            "toggle": keys.hint(.toggle), "accept": keys.hint(.accept), "back": keys.hint(.back),
            "shown": String(shown), "all": String(options.count),
        ]
        // TRANSLATORS: the line below a pick list: how many options show, then the keys that answer.
        return allowsSeveral
            ? tr("{shown} of {all} · {toggle} ticks · {accept} keeps the ticked · {back} cancels", values)
            : tr("{shown} of {all} · {accept} chooses · {back} cancels", values)
    }

    /// The filter's label, and where its field starts after it.
    private var filterLabel: (text: String, width: Int) {
        let text = tr("Filter:")
        return (text, TextWidth.of(text) + 1)
    }

    /// Wide enough for the longest option and for the keys that answer.
    private func box(in area: Rect, keys: KeyMap) -> Rect {
        let widest = options.map { TextWidth.of($0.label) }.max() ?? 20
        let width = min(area.width - 2, max(44, widest + 10, TextWidth.of(footer(keys, showing: options.count)) + 6))
        let height = min(area.height - 1, max(8, min(options.count, 16) + 5))
        return area.centered(width: width, height: height)
    }

    private func inner(in area: Rect, keys: KeyMap) -> Rect {
        box(in: area, keys: keys).inset(top: 1, bottom: 1, left: 2, right: 2)
    }

    private func listHeight(_ app: App) -> Int {
        max(1, inner(in: app.screenArea, keys: app.keys).inset(top: 2, bottom: 1).height)
    }

    private func filterWidth(_ app: App) -> Int { inner(in: app.screenArea, keys: app.keys).width - filterLabel.width }

    package func render(_ frame: inout Frame, app: App) {
        let box = box(in: frame.area, keys: app.keys)
        frame.clear(box)
        frame.buffer.box(box, title: heading, style: frame.style(.border))
        let inner = box.inset(top: 1, bottom: 1, left: 2, right: 2)
        let label = filterLabel
        frame.text(label.text, x: inner.x, y: inner.y, .label)
        let field = Rect(x: inner.x + label.width, y: inner.y, width: inner.width - label.width, height: 1)
        let cursorX = filter.draw(in: field, buffer: &frame.buffer, style: frame.style(.inputFocused))
        let listArea = inner.inset(top: 2, bottom: 1)
        if visible.isEmpty {
            frame.text(tr("Nothing matches."), in: listArea.row(0), .dim)
        }
        let top = viewport.firstRow(height: listArea.height)
        for row in 0..<listArea.height {
            let index = top + row
            guard visible.indices.contains(index) else { break }
            let option = visible[index]
            let mark = allowsSeveral ? (ticked.contains(option.value) ? "[x] " : "[ ] ") : ""
            frame.text(mark + option.label, in: listArea.row(row), index == selected ? .selected : .normal)
        }
        frame.text(
            footer(app.keys, showing: visible.count),
            in: Rect(x: inner.x, y: box.maxY - 2, width: inner.width, height: 1), .dim)
        frame.cursor = Point(x: cursorX, y: inner.y)
    }
}
