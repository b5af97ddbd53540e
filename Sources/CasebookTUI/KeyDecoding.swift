import CasebookCore

/// What curses delivers, turned into keys: single character codes outside a paste, and the
/// characters between the bracketed-paste markers. Kept apart from the curses adapter so that
/// tests can feed it the codes a terminal sends.
package enum KeyDecoding {
    /// The key for a character code read outside a paste; nil for codes that mean nothing.
    package static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value + 96))))
        case 0, 28...31: return nil
        default:
            // C1 controls and direction overrides reach a field, which shows them as � and
            // refuses them on save; a code that is no Unicode scalar arrives as U+FFFD.
            return .character(Character(Unicode.Scalar(value) ?? "\u{FFFD}"))
        }
    }
}

/// Collects one bracketed paste, exactly as it arrives, into a single insertion.
package struct PasteReader {
    /// One answer from curses while a paste is being read.
    package enum Input: Sendable {
        /// A character code.
        case character(UInt32)
        /// A function-key code other than the paste's end marker.
        case keyCode(Int32)
        /// The end-of-paste marker.
        case end
        /// Bytes that were not UTF-8: curses swallowed them and answered with an error at once.
        case unreadable
        /// Nothing for a whole second: the terminal lost the end marker.
        case quiet
    }

    package private(set) var text = String.UnicodeScalarView()
    package private(set) var isComplete = false
    private var unreadableInARow = 0

    package init() {}

    package mutating func take(_ input: Input) {
        guard !isComplete else { return }
        if case .unreadable = input {} else { unreadableInARow = 0 }
        switch input {
        case .character(let value):
            text.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        case .keyCode:
            break
        case .end, .quiet:
            isComplete = true
        case .unreadable:
            // What could not be read is marked, so that the field refuses the paste instead
            // of silently saving the part that could. Errors without end (input closed) stop it.
            if text.last != "\u{FFFD}" { text.append("\u{FFFD}") }
            unreadableInARow += 1
            if unreadableInARow >= 64 { isComplete = true }
        }
    }

    /// The paste as one key.
    package var key: Key { .paste(String(text)) }
}
