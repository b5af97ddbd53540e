/// The entries of a gettext `.po` or `.pot` file, as the catalogue check needs them: what
/// msgfmt compiles is checked by msgfmt itself, this reads what it leaves out (fuzzy, obsolete
/// and empty entries) and the texts whose placeholders must agree.
struct POFile {
    struct Entry: Equatable {
        var context: String?
        var id = ""
        var plural: String?
        var translations: [String] = []
        var isFuzzy = false
        var isObsolete = false
        var line = 0
    }

    var entries: [Entry] = []

    /// The entries but the header (the one with an empty msgid).
    var messages: [Entry] { entries.filter { !$0.id.isEmpty } }

    init(text: String) {
        var current: Entry?
        var field: WritableKeyPath<Entry, String>?
        var translationIndex: Int?
        var pendingFuzzy = false
        func finish() {
            if let entry = current { entries.append(entry) }
            current = nil
            field = nil
            translationIndex = nil
        }
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            var obsolete = false
            if line.hasPrefix("#~") {
                obsolete = true
                line = line.dropFirst(2).drop { $0 == " " }
            } else if line.hasPrefix("#,") {
                if current != nil, field != nil || translationIndex != nil { finish() }
                if line.contains("fuzzy") { pendingFuzzy = true }
                continue
            } else if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) {
                if line.allSatisfy(\.isWhitespace) { finish() }
                continue
            }
            func startIfNeeded() {
                if current == nil {
                    current = Entry(isFuzzy: pendingFuzzy, isObsolete: obsolete, line: number + 1)
                    pendingFuzzy = false
                }
            }
            if line.hasPrefix("msgctxt ") {
                finish()
                startIfNeeded()
                current?.context = POFile.unquote(line.dropFirst("msgctxt ".count))
                field = nil
                translationIndex = nil
            } else if line.hasPrefix("msgid_plural ") {
                current?.plural = POFile.unquote(line.dropFirst("msgid_plural ".count))
                field = nil
                translationIndex = -1
            } else if line.hasPrefix("msgid ") {
                if current?.translations.isEmpty == false { finish() }
                startIfNeeded()
                current?.id = POFile.unquote(line.dropFirst("msgid ".count))
                field = \.id
                translationIndex = nil
            } else if line.hasPrefix("msgstr") {
                let rest = line.dropFirst("msgstr".count)
                let text: Substring
                if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    text = rest[rest.index(after: close)...].drop { $0 == " " }
                } else {
                    text = rest.drop { $0 == " " }
                }
                current?.translations.append(POFile.unquote(text))
                field = nil
                translationIndex = (current?.translations.count ?? 1) - 1
            } else if line.hasPrefix("\"") {
                let text = POFile.unquote(line)
                if let field {
                    current?[keyPath: field] += text
                } else if let index = translationIndex {
                    if index == -1 {
                        let before = current?.plural ?? ""
                        current?.plural = before + text
                    } else if let count = current?.translations.count, index < count {
                        current?.translations[index] += text
                    }
                }
            }
        }
        finish()
    }

    /// `"a\"b\n"` → `a"b` and a newline.
    static func unquote(_ quoted: Substring) -> String {
        var text = quoted
        if text.hasPrefix("\"") { text = text.dropFirst() }
        if text.hasSuffix("\"") { text = text.dropLast() }
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
