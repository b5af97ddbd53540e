import Testing

@testable import CasebookTUI

@Suite struct ScreenBufferTests {
    @Test(arguments: [
        ("Haddad", 6), ("王小明", 6), ("الحسن", 5), ("ገብረሂወት", 6), ("Lefe\u{300}vre", 7), ("Nguyễn", 6),
        ("مُحَمَّد", 4), ("a\u{200B}b", 2),
    ])
    func widthIsTheSumOfCodePointWidths(_ text: String, _ width: Int) {
        #expect(TextWidth.of(text) == width)
    }

    @Test func truncationCountsDisplayWidthAndEndsWithAnEllipsis() {
        #expect(TextWidth.truncate("王小明王小明", to: 7) == "王小明…")
        #expect(TextWidth.truncate("Ødegård, Siriporn", to: 8) == "Ødegård…")
        #expect(TextWidth.truncate("short", to: 8) == "short")
        #expect(TextWidth.fit("王", to: 4) == "王  ")
        #expect(TextWidth.truncate("abc", to: 0) == "")
    }

    @Test func wideCharactersTakeTwoCellsAndColumnsStayAligned() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 3))
        for (row, name) in ["王, 小明", "ገብረሂወት, ሰላም", "Lefe\u{300}vre, Zoe\u{308}"].enumerated() {
            buffer.put(name, in: Rect(x: 0, y: row, width: 14, height: 1), style: .plain)
            buffer.put("|", x: 14, y: row, style: .plain)
        }
        for row in 0..<3 { #expect(buffer[14, row].text == "|") }
        #expect(buffer[0, 0].text == "王" && buffer[1, 0].text == "")
        #expect(buffer[4, 0].text == "小" && buffer[5, 0].text == "")
        #expect(buffer[3, 2].text == "e\u{300}")
    }

    @Test func aWideCharacterThatWouldStraddleTheEdgeBecomesASpace() {
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        let end = buffer.put("ab王王", x: 0, y: 0, style: .plain)
        #expect(buffer.line(0) == "ab王")
        #expect(end == 5)
        #expect(buffer[4, 0].text == " ")
    }

    @Test func controlCharactersAndEscapeSequencesNeverReachTheScreen() {
        var buffer = ScreenBuffer(size: Size(width: 40, height: 1))
        buffer.put("Had\u{1B}[2J\u{1B}]0;pwned\u{7}dad\u{9B}1m\u{202E}x\r\n", x: 0, y: 0, style: .plain)
        let text = buffer.line(0)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}" })
        #expect(text.hasPrefix("Had[2J]0;pwneddad1mx"))
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.put("王王王", x: 0, y: 0, style: .plain)
        buffer.put("x", x: 3, y: 0, style: .plain)
        #expect(buffer.line(0) == "王 x王")
    }

    @Test func asciiGlyphsWhenTheTerminalIsNotUTF8() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 3), glyphs: .ascii)
        buffer.box(Rect(x: 0, y: 0, width: 10, height: 3), style: .plain)
        buffer.put("abcdefghijkl", in: Rect(x: 1, y: 1, width: 8, height: 1), style: .plain)
        #expect(buffer.lines == ["+--------+", "|abcdefg~|", "+--------+"])
    }

    @Test func lineEditorKeepsPastesExactlyAndShowsControlsAsVisibleStandIns() {
        var editor = LineEditor("Al Hassan")
        let applied = editor.apply(.deleteWord)
        #expect(applied)
        #expect(editor.text == "Al ")
        editor.insert("Ha\nssan\u{1B}[31m\t!\u{202E}")
        #expect(editor.text == "Al Ha\nssan\u{1B}[31m\t!\u{202E}", "nothing is dropped: the form refuses it on save")
        var shown = ScreenBuffer(size: Size(width: 30, height: 1))
        editor.draw(in: Rect(x: 0, y: 0, width: 30, height: 1), buffer: &shown, style: .plain)
        #expect(shown.line(0) == "Al Ha␊ssan␛[31m␉!�")
        _ = editor.apply(.lineStart)
        _ = editor.apply(.deleteForward)
        #expect(editor.text == "l Ha\nssan\u{1B}[31m\t!\u{202E}")
        _ = editor.apply(.clearField)
        #expect(editor.isEmpty)
        editor.insert(String(repeating: "x", count: 10_000))
        var buffer = ScreenBuffer(size: Size(width: 20, height: 1))
        let cursor = editor.draw(in: Rect(x: 0, y: 0, width: 20, height: 1), buffer: &buffer, style: .plain)
        #expect(cursor == 19, "a long text scrolls so the cursor stays visible")
    }

    @Test(arguments: [("t", "2026-11-23"), ("+7d", "2026-11-30"), ("-2w", "2026-11-09"), ("+3m", "2027-02-23"), ("+1y", "2027-11-23"), ("today", "2026-11-23")])
    func dateShortcuts(_ text: String, _ expected: String) {
        #expect(DateShortcut.expand(text, today: testToday)?.iso == expected)
    }

    @Test(arguments: ["2026-01-01", "+7", "7d", "+xd", "", "+99999999999d"])
    func otherTextIsNotADateShortcut(_ text: String) {
        #expect(DateShortcut.expand(text, today: testToday) == nil)
    }
}

import CasebookCore

let testToday = Day(year: 2026, month: 11, day: 23)!
