#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CWidth
import CasebookCore
import CasebookL10n

/// Display width as the terminal counts it: the sum of `wcwidth` over code points, which is
/// what ncurses itself uses, so that columns stay aligned with Arabic, Chinese, Ge'ez and
/// combining diacritics.
package enum TextWidth {
    /// `wcwidth` needs a UTF-8 locale; the application sets one at start, and tests get one here.
    private static let localeReady: Bool = {
        let current = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? ""
        if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        return true
    }()

    /// Columns taken by one scalar: 0 for combining and format marks, 2 for wide ones.
    package static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value >= 0x20 ? 1 : 0 }
        _ = localeReady
        let width = Int(cwidth_wcwidth(scalar.value))
        return max(0, width)
    }

    /// Columns taken by a character (a grapheme cluster).
    package static func of(_ character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    package static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Cuts `text` to at most `width` columns, ending with `ellipsis` when something was cut.
    package static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let room = width - of(ellipsis)
        var used = 0
        var result = ""
        for character in text {
            let w = of(character)
            if used + w > room { break }
            result.append(character)
            used += w
        }
        return room >= 0 ? result + ellipsis : ""
    }

    /// `text` cut or padded with spaces to exactly `width` columns.
    package static func fit(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }

    /// Text made safe for the screen: control characters, escape sequences and direction
    /// overrides from data never reach the terminal.
    package static func printable(_ text: String) -> String {
        Sanitized.inline(text, limit: Int.max)
    }

    /// Lines of at most `width` columns, broken at spaces where possible.
    package static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if of(candidate) <= width {
                line = candidate
            } else {
                if !line.isEmpty { lines.append(line) }
                var rest = String(word)
                while of(rest) > width {
                    let head = truncate(rest, to: width, ellipsis: "")
                    lines.append(head)
                    rest = String(rest.dropFirst(head.count))
                }
                line = rest
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

/// Numbers as people read them, with the officer's language's separators.
package enum Numbers {
    /// 100000 → "100,000" ("100.000" in German, "100 000" in French and Norwegian).
    package static func grouped(_ value: Int) -> String {
        // TRANSLATORS: the separator of thousands in 100,000 on screen: your language's own (".", or a no-break space).
        let separator = tr(",")
        let digits = String(abs(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += separator }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// 155.5 → "155.5" ("155,5" in German), 66.0 → "66".
    package static func decimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        guard tenths != tenths.rounded() else { return String(Int(tenths)) }
        // TRANSLATORS: the decimal mark in 155.5 on screen: your language's own (",").
        return String(tenths).split(separator: ".").joined(separator: tr("."))
    }
}
