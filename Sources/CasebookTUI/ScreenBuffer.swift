/// One cell of the screen: a grapheme (or "" where the right half of a wide character
/// lies) and its style.
package struct Cell: Hashable, Sendable {
    package var text: String
    package var style: Style

    package static let blank = Cell(text: " ", style: .plain)
}

/// The whole frame, drawn cell by cell; the terminal adapter copies it to the screen and tests
/// read it back as text.
package struct ScreenBuffer: Sendable {
    package let size: Size
    package private(set) var cells: [Cell]
    /// Whether the terminal shows UTF-8; otherwise drawing falls back to ASCII glyphs.
    package var glyphs: Glyphs

    package init(size: Size, glyphs: Glyphs = .unicode) {
        self.size = size
        self.glyphs = glyphs
        cells = Array(repeating: .blank, count: max(0, size.width * size.height))
    }

    package var bounds: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    package subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
        return cells[y * size.width + x]
    }

    /// The columns and rows of `rect` that lie on the buffer; empty when none do (a rect
    /// beyond the edge, or of negative size, as layouts make at odd terminal sizes).
    private func clipped(_ rect: Rect) -> (columns: Range<Int>, rows: Range<Int>) {
        let left = max(0, rect.x)
        let top = max(0, rect.y)
        return (left..<max(left, min(size.width, rect.maxX)), top..<max(top, min(size.height, rect.maxY)))
    }

    /// Fills `rect` with spaces in `style`.
    package mutating func fill(_ rect: Rect, style: Style) {
        let area = clipped(rect)
        for y in area.rows {
            for x in area.columns {
                cells[y * size.width + x] = Cell(text: " ", style: style)
            }
        }
    }

    /// Writes `text` from `x`, `y`, never past `maxX` (the buffer's edge by default). Control
    /// characters are dropped; a wide character that would straddle the limit becomes a space.
    /// Returns the column after the last one written.
    @discardableResult
    package mutating func put(_ text: String, x: Int, y: Int, style: Style, maxX: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let limit = min(maxX ?? size.width, size.width)
        var column = x
        for character in TextWidth.printable(text) {
            let width = TextWidth.of(character)
            if width == 0 {
                // A lone mark with nothing to attach to is not drawn.
                continue
            }
            if column + width > limit {
                // A wide character that does not fit whole: spaces up to the limit instead.
                var blank = column
                while blank < limit, width > 1 {
                    set(blank, y, Cell(text: " ", style: style))
                    blank += 1
                }
                return limit
            }
            if column >= 0 {
                set(column, y, Cell(text: String(character), style: style))
                // The cells under the rest of a wide character (2 for CJK, more for a
                // cluster such as an emoji joined with U+200D) stay empty.
                for continuation in 1..<max(1, width) { set(column + continuation, y, Cell(text: "", style: style)) }
            }
            column += width
        }
        return column
    }

    /// Writes `text` cut with an ellipsis and padded to exactly `width` columns.
    @discardableResult
    package mutating func put(_ text: String, in rect: Rect, style: Style, alignRight: Bool = false) -> Int {
        guard rect.width > 0 else { return rect.x }
        let cut = TextWidth.truncate(TextWidth.printable(text), to: rect.width, ellipsis: glyphs.ellipsis)
        let padding = rect.width - TextWidth.of(cut)
        if alignRight {
            fill(Rect(x: rect.x, y: rect.y, width: padding, height: 1), style: style)
            return put(cut, x: rect.x + padding, y: rect.y, style: style, maxX: rect.maxX)
        }
        let end = put(cut, x: rect.x, y: rect.y, style: style, maxX: rect.maxX)
        fill(Rect(x: end, y: rect.y, width: rect.maxX - end, height: 1), style: style)
        return end
    }

    /// Applies `change` to the style of every cell in `rect`.
    package mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = clipped(rect)
        for y in area.rows {
            for x in area.columns {
                change(&cells[y * size.width + x].style)
            }
        }
    }

    /// A frame around `rect` with a title in its top edge.
    package mutating func box(_ rect: Rect, title: String = "", style: Style) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        for x in rect.x + 1..<rect.maxX - 1 {
            set(x, rect.y, Cell(text: g.horizontal, style: style))
            set(x, rect.maxY - 1, Cell(text: g.horizontal, style: style))
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            set(rect.x, y, Cell(text: g.vertical, style: style))
            set(rect.maxX - 1, y, Cell(text: g.vertical, style: style))
        }
        set(rect.x, rect.y, Cell(text: g.topLeft, style: style))
        set(rect.maxX - 1, rect.y, Cell(text: g.topRight, style: style))
        set(rect.x, rect.maxY - 1, Cell(text: g.bottomLeft, style: style))
        set(rect.maxX - 1, rect.maxY - 1, Cell(text: g.bottomRight, style: style))
        if !title.isEmpty, rect.width > 6 {
            put(" \(title) ", x: rect.x + 2, y: rect.y, style: style, maxX: rect.maxX - 2)
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return }
        let row = y * size.width
        let index = row + x
        // Overwriting part of a wide character blanks the whole of it: its first cell and the
        // empty cells under the rest.
        if cells[index].text.isEmpty, !cell.text.isEmpty {
            var head = x - 1
            while head >= 0, cells[row + head].text.isEmpty { head -= 1 }
            for blank in max(0, head)..<x { cells[row + blank] = Cell(text: " ", style: cells[row + blank].style) }
        }
        if !cells[index].text.isEmpty || !cell.text.isEmpty {
            var next = x + 1
            while next < size.width, cells[row + next].text.isEmpty {
                cells[row + next] = Cell(text: " ", style: cells[row + next].style)
                next += 1
            }
        }
        cells[index] = cell
    }

    /// The text of row `y`, trailing spaces removed (what golden files hold).
    package func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<size.width { text += self[x, y].text }
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// Every row as text.
    package var lines: [String] { (0..<size.height).map(line) }

    /// The whole frame as text, one line per row.
    package var text: String { lines.joined(separator: "\n") }
}

/// The characters used for frames, bars and cut text.
package struct Glyphs: Sendable, Hashable {
    package var ellipsis: String
    package var horizontal: String
    package var vertical: String
    package var topLeft: String
    package var topRight: String
    package var bottomLeft: String
    package var bottomRight: String
    package var separator: String
    package var bullet: String
    package var check: String
    /// Eighth blocks, from one eighth to a full cell.
    package var eighths: [String]

    package static let unicode = Glyphs(
        ellipsis: "…", horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", separator: "·", bullet: "•", check: "✓",
        eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"])

    package static let ascii = Glyphs(
        ellipsis: "~", horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", separator: "|", bullet: "*", check: "x",
        eighths: ["-", "-", "=", "=", "=", "#", "#", "#"])
}
