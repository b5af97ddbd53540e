import CasebookCore

/// One line of editable text with a cursor: what every input field and the search box use.
package struct LineEditor: Hashable, Sendable {
    package private(set) var characters: [Character]
    /// The cursor, as an index into `characters` (0 ... count).
    package private(set) var cursor: Int
    /// The first character shown when the text is wider than its field.
    private var scroll = 0

    package init(_ text: String = "") {
        characters = Array(LineEditor.clean(text))
        cursor = characters.count
    }

    package var text: String { String(characters) }

    package var isEmpty: Bool { characters.isEmpty }

    /// Replaces the text, with the cursor at its end.
    package mutating func set(_ text: String) {
        characters = Array(LineEditor.clean(text))
        cursor = characters.count
        scroll = 0
    }

    /// Inserts typed or pasted text at the cursor, exactly as it came: control characters,
    /// escape sequences and direction overrides are kept (and shown as visible stand-ins) so
    /// that the form can refuse them beside the field instead of saving something else.
    package mutating func insert(_ text: String) {
        let clean = LineEditor.clean(text)
        characters.insert(contentsOf: clean, at: cursor)
        cursor += clean.count
    }

    /// Runs an editing command; false when the command is not an editing one.
    package mutating func apply(_ command: CommandID) -> Bool {
        switch command {
        case .cursorLeft: cursor = max(0, cursor - 1)
        case .cursorRight: cursor = min(characters.count, cursor + 1)
        case .lineStart: cursor = 0
        case .lineEnd: cursor = characters.count
        case .deleteBack:
            if cursor > 0 {
                characters.remove(at: cursor - 1)
                cursor -= 1
            }
        case .deleteForward:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .deleteWord:
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .clearField:
            characters.removeAll()
            cursor = 0
        default:
            return false
        }
        return true
    }

    /// The editing commands, in the order help lists them.
    static let commands: [CommandID] = [
        .cursorLeft, .cursorRight, .lineStart, .lineEnd, .deleteBack, .deleteForward, .deleteWord, .clearField,
    ]

    /// Remembers where the text starts in a field `width` cells wide with the cursor in view,
    /// so that the text does not jump as the cursor moves back within what is shown.
    package mutating func keepCursorVisible(width: Int) {
        scroll = firstShown(width: width)
    }

    /// The first character shown in `width` cells: the one kept, moved just enough that the
    /// text before the cursor fits, leaving a cell for the cursor itself.
    private func firstShown(width: Int) -> Int {
        // Everything up to the cursor fits: show from the start, whatever a narrower field (a
        // window resized smaller and back) scrolled to before.
        var prefix = 0
        for character in characters[..<cursor] { prefix += TextWidth.of(LineEditor.shown(character)) }
        if prefix <= width - 1 { return 0 }
        var start = cursor
        var before = 0
        let kept = min(scroll, cursor)
        while start > kept {
            let cells = TextWidth.of(LineEditor.shown(characters[start - 1]))
            if before + cells > width - 1 { break }
            before += cells
            start -= 1
        }
        return start
    }

    /// Draws the text in `rect`, scrolled so the cursor is visible; returns the cursor's column.
    @discardableResult
    package func draw(in rect: Rect, buffer: inout ScreenBuffer, style: Style) -> Int {
        buffer.fill(rect, style: style)
        guard rect.width > 1 else { return rect.x }
        let start = firstShown(width: rect.width)
        var before = 0
        for character in characters[start..<cursor] { before += TextWidth.of(LineEditor.shown(character)) }
        var visible = ""
        var used = 0
        for character in characters[start...] {
            let shown = LineEditor.shown(character)
            used += TextWidth.of(shown)
            if used > rect.width { break }
            visible += shown
        }
        buffer.put(visible, x: rect.x, y: rect.y, style: style, maxX: rect.maxX)
        return rect.x + before
    }

    private static func clean(_ text: String) -> [Character] { Array(text) }

    /// A character as the field shows it: forbidden scalars as visible stand-ins (␛, ␉, �).
    static func shown(_ character: Character) -> String {
        guard character.unicodeScalars.contains(where: Sanitized.isForbidden) else { return String(character) }
        var scalars = String.UnicodeScalarView()
        for scalar in character.unicodeScalars {
            scalars.append(Sanitized.isForbidden(scalar) ? Sanitized.standIn(for: scalar) : scalar)
        }
        return String(scalars)
    }
}
