import CNcurses
import CasebookCore
import CasebookL10n

#if canImport(Glibc)
    import Glibc
#endif

/// The real terminal, through ncursesw. The only file that talks to curses.
package final class CursesTerminal: Terminal {
    package let isUnicode: Bool
    package let hasColor: Bool
    private var pairs: [Int32: Int16] = [:]
    private var started = false

    /// Sets the locale and starts curses. `monochrome` forces a theme without colour
    /// (NO_COLOR, TERM=dumb); a terminal without colours is monochrome anyway.
    package init(monochrome: Bool) throws {
        isUnicode = cncurses_setup_locale() == 1
        cncurses_install_signal_handlers()
        guard cncurses_start(monochrome ? 0 : 1) == 0 else { throw TerminalError.cannotStart }
        started = true
        hasColor = !monochrome && cncurses_has_colors() != 0
        // A terminal that cannot move its cursor (TERM=dumb) would show every frame run
        // together on one line: say what is needed instead.
        let move = tigetstr("cup")
        if move == nil || Int(bitPattern: move) == -1 {
            stop()
            throw TerminalError.cannotPlaceText
        }
    }

    deinit { stop() }

    /// Gives the terminal back as it was. Called on every way out; safe twice.
    package func stop() {
        guard started else { return }
        started = false
        cncurses_stop()
    }

    package var size: Size { Size(width: Int(cncurses_cols()), height: Int(cncurses_lines())) }

    package func nextEvent(timeout: Int) -> TerminalEvent? {
        if cncurses_take_signal() != 0 { return .terminate }
        var code: wint_t = 0
        let result = cncurses_get_wch(Int32(timeout), &code)
        if cncurses_take_signal() != 0 { return .terminate }
        if result == ERR { return nil }
        if result == KEY_CODE_YES, Int32(code) == CNCURSES_KEY_PASTE_START { return readPaste() }
        if result == KEY_CODE_YES { return keyCode(Int32(code)) }
        return character(UInt32(code))
    }

    /// Everything between the bracketed-paste markers, as one insertion. A paste that never
    /// ends (the terminal lost the marker) ends after a quiet second. Bytes that are not UTF-8
    /// make curses answer ERR at once (and swallow them): the paste marks the spot and goes on.
    private func readPaste() -> TerminalEvent {
        var reader = PasteReader()
        while !reader.isComplete {
            var code: wint_t = 0
            let started = CursesTerminal.milliseconds()
            let result = cncurses_get_wch(1000, &code)
            if result == ERR {
                reader.take(CursesTerminal.milliseconds() - started < 900 ? .unreadable : .quiet)
            } else if result == KEY_CODE_YES {
                reader.take(Int32(code) == CNCURSES_KEY_PASTE_END ? .end : .keyCode(Int32(code)))
            } else {
                reader.take(.character(UInt32(code)))
            }
        }
        return .key(reader.key)
    }

    private static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }

    private func keyCode(_ code: Int32) -> TerminalEvent? {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        default:
            for n in 1...12 where code == cncurses_key_f(Int32(n)) { return .key(.function(n)) }
            return nil
        }
    }

    private func character(_ value: UInt32) -> TerminalEvent? {
        KeyDecoding.key(forCharacter: value).map(TerminalEvent.key)
    }

    package func present(_ buffer: ScreenBuffer, cursor: Point?) {
        cncurses_erase()
        let width = buffer.size.width
        for y in 0..<buffer.size.height {
            var x = 0
            while x < width {
                let style = buffer[x, y].style
                var run = ""
                let start = x
                while x < width, buffer[x, y].style == style {
                    run += buffer[x, y].text
                    x += 1
                }
                var wide = Array(run.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
                wide.append(0)
                cncurses_put(Int32(y), Int32(start), wide, attributes(style), pair(style))
            }
        }
        if let cursor { cncurses_present(Int32(cursor.y), Int32(cursor.x)) } else { cncurses_present(-1, -1) }
    }

    package func invalidate() { cncurses_force_redraw() }

    private func attributes(_ style: Style) -> attr_t {
        var attrs = cncurses_a_normal()
        if style.bold { attrs |= cncurses_a_bold() }
        if style.reverse { attrs |= cncurses_a_reverse() }
        if style.underline { attrs |= cncurses_a_underline() }
        if style.dim { attrs |= cncurses_a_dim() }
        return attrs
    }

    /// The colour pair for a style's colours, made on first use.
    private func pair(_ style: Style) -> Int16 {
        guard hasColor, style.foreground != .default || style.background != .default else { return 0 }
        let key = Int32(style.foreground.rawValue) * 16 + Int32(style.background.rawValue)
        if let pair = pairs[key] { return pair }
        let pair = Int16(pairs.count + 1)
        cncurses_init_pair(pair, style.foreground.rawValue, style.background.rawValue)
        pairs[key] = pair
        return pair
    }
}

package enum TerminalError: Error, CustomStringConvertible {
    case cannotStart
    case notATerminal
    case cannotPlaceText

    package var description: String {
        switch self {
        case .cannotStart:
            return tr("The terminal could not be started; check that TERM names a terminal this system knows.")
        case .cannotPlaceText:
            return tr(
                "This terminal cannot move its cursor (TERM is dumb or unset); run Casebook in a full-screen terminal, e.g. with TERM=xterm-256color."
            )
        case .notATerminal:
            return tr(
                "Casebook's screen needs a terminal; run it from a terminal window, or use a subcommand (casebook --help)."
            )
        }
    }
}
