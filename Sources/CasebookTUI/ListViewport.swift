/// The selected row of a list and the first row shown (ratatui's `ListState`). Handlers move
/// it; drawing only reads it, so a frame never changes what the next key does.
struct ListViewport: Hashable, Sendable {
    private(set) var selected = 0
    /// The first row shown, as the last move left it.
    private(set) var offset = 0

    init(selected: Int = 0, offset: Int = 0) {
        self.selected = max(0, selected)
        self.offset = max(0, offset)
    }

    /// Moves the selection by `step` in a list of `count` rows, keeping it in `height` rows of view.
    mutating func move(by step: Int, count: Int, height: Int) {
        select(selected + step, count: count, height: height)
    }

    /// Selects `index` (clamped to the list), keeping it in `height` rows of view.
    mutating func select(_ index: Int, count: Int, height: Int) {
        selected = max(0, min(count - 1, index))
        offset = firstRow(height: height)
    }

    /// Keeps the selection inside a list that now has `count` rows.
    mutating func clamp(count: Int) {
        selected = max(0, min(selected, count - 1))
        offset = min(offset, selected)
    }

    /// Shifts both by `rows`, when rows are added above (positive) or dropped from the top.
    mutating func shift(by rows: Int) {
        selected = max(0, selected + rows)
        offset = max(0, offset + rows)
    }

    /// The first row to draw in `height` rows: the one kept, moved just enough to show the
    /// selection (after a resize, before the next move).
    func firstRow(height: Int) -> Int {
        let height = max(1, height)
        if selected < offset { return selected }
        if selected >= offset + height { return selected - height + 1 }
        return offset
    }
}

/// How far a page of lines is scrolled (the help, a record tab); moves stop at either end.
struct PageScroll: Hashable, Sendable {
    private(set) var offset = 0

    /// Scrolls by `step` lines of `lineCount`, `height` of them shown.
    mutating func scroll(by step: Int, lineCount: Int, height: Int) {
        let last = max(0, lineCount - max(1, height))
        offset = max(0, min(last, offset + step))
    }

    mutating func toTop() { offset = 0 }

    /// The first line to draw in `height` rows (the offset, within the lines there are now).
    func firstLine(lineCount: Int, height: Int) -> Int { max(0, min(offset, lineCount - max(1, height))) }
}
