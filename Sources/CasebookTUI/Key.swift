/// A key press as the application sees it, whatever terminal it came from.
package enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character.
    case character(Character)
    /// Control plus a letter, e.g. `.control("s")` for Ctrl-S.
    case control(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case tab, backTab, enter, escape, backspace, delete, insert
    case function(Int)
    /// Text pasted at once (bracketed paste), delivered as one insertion.
    case paste(String)

    /// The notation of configuration files: `q`, `<c-s>`, `<f2>`, `<enter>`, `<s-tab>`.
    package var notation: String {
        switch self {
        case .character(" "): return "<space>"
        case .character("<"): return "<lt>"
        case .character(let c): return String(c)
        case .control(let c): return "<c-\(c)>"
        case .up: return "<up>"
        case .down: return "<down>"
        case .left: return "<left>"
        case .right: return "<right>"
        case .home: return "<home>"
        case .end: return "<end>"
        case .pageUp: return "<pgup>"
        case .pageDown: return "<pgdn>"
        case .tab: return "<tab>"
        case .backTab: return "<s-tab>"
        case .enter: return "<enter>"
        case .escape: return "<esc>"
        case .backspace: return "<bs>"
        case .delete: return "<del>"
        case .insert: return "<ins>"
        case .function(let n): return "<f\(n)>"
        case .paste: return "<paste>"
        }
    }

    /// How help and the function bar name the key.
    package var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "Ctrl-\(String(c).uppercased())"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        case .paste: return "Paste"
        }
    }

    package var description: String { notation }

    /// Parses the configuration notation; nil when malformed.
    package init?(notation text: String) {
        let lower = text.lowercased()
        if text.count == 1, let c = text.first, !c.isWhitespace, c != "<" || text == "<" {
            if c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) {
                self = .character(c)
                return
            }
            return nil
        }
        guard lower.hasPrefix("<"), lower.hasSuffix(">"), lower.count > 2 else { return nil }
        let name = String(lower.dropFirst().dropLast())
        switch name {
        case "space": self = .character(" ")
        case "lt": self = .character("<")
        case "up": self = .up
        case "down": self = .down
        case "left": self = .left
        case "right": self = .right
        case "home": self = .home
        case "end": self = .end
        case "pgup", "pageup": self = .pageUp
        case "pgdn", "pagedown": self = .pageDown
        case "tab": self = .tab
        case "s-tab", "backtab": self = .backTab
        case "enter", "cr", "return": self = .enter
        case "esc", "escape": self = .escape
        case "bs", "backspace": self = .backspace
        case "del", "delete": self = .delete
        case "ins", "insert": self = .insert
        default:
            if name.hasPrefix("c-"), name.count == 3, let c = name.last, c.isASCII, c.isLetter {
                // Ctrl-I, Ctrl-M and Ctrl-[ are Tab, Enter and Esc on every terminal.
                guard !["i", "m", "j", "h"].contains(c) else { return nil }
                self = .control(c)
            } else if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n) {
                self = .function(n)
            } else {
                return nil
            }
        }
    }

    /// True for keys that type text in an input field.
    package var isTyping: Bool {
        if case .character = self { return true }
        if case .paste = self { return true }
        return false
    }
}
