/// How names are matched in search: case-insensitive and diacritic-insensitive, by the
/// start of any name part. "odegard" finds "Ødegård", "muller" finds "Müller".
///
/// The same folding makes the stored tokens and the typed query, so both sides agree.
package enum SearchKey {
    /// Lower case, diacritics and combining marks removed, letter variants unified
    /// (ø→o, ß→ss, Arabic alef forms→ا). Characters outside the folding table pass through lowercased.
    package static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                // Fast path for plain Latin letters, digits and punctuation.
                let value = scalar.value
                if (0x41...0x5A).contains(value) {
                    out.append(Unicode.Scalar(UInt8(value + 32)))
                } else if value >= 0x20 && value != 0x7F {
                    out.append(scalar)
                }
                continue
            }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format, .control:
                continue  // combining accents, Arabic harakat, zero-width joiners
            default:
                break
            }
            if let folded = foldingTable[scalar.value] {
                out.append(contentsOf: folded.unicodeScalars)
            } else if scalar.properties.changesWhenLowercased {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The words of a text after folding, split at spaces and kept whole across hyphens
    /// and apostrophes ("Al-Hassan" → "alhassan"); the parts of a hyphenated word are
    /// words too ("al", "hassan").
    package static func words(_ text: String) -> [String] {
        var result: [String] = []
        for chunk in chunks(fold(text)) {
            let parts = chunk.split(whereSeparator: isJoiner)
            guard !parts.isEmpty else { continue }
            var joined = String.UnicodeScalarView()
            for part in parts { joined.append(contentsOf: part) }
            result.append(String(joined))
            if parts.count > 1 { result.append(contentsOf: parts.map { String(String.UnicodeScalarView($0)) }) }
        }
        return result
    }

    /// The words of a typed query: each must start one of a client's tokens.
    package static func queryWords(_ query: String) -> [String] {
        var words: [String] = []
        for chunk in chunks(fold(query)) {
            var joined = String.UnicodeScalarView()
            for part in chunk.split(whereSeparator: isJoiner) { joined.append(contentsOf: part) }
            let word = String(joined)
            if !word.isEmpty && !words.contains(where: { $0.utf8.elementsEqual(word.utf8) }) { words.append(word) }
        }
        return words
    }

    /// Folded text split at white space, commas and slashes.
    private static func chunks(_ folded: String) -> [Substring.UnicodeScalarView] {
        folded.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace || $0 == "," || $0 == "/" })
    }

    /// The distinct tokens stored for a client's names.
    package static func tokens(of names: [String]) -> [String] {
        distinct(names.flatMap(words))
    }

    /// Every token the search index holds for a client's names: their words (`tokens(of:)`) and
    /// the keys of those words across scripts (`NameKey.indexTokens`). Every writer of search
    /// rows writes these, so that the index is the same however a client came in.
    package static func indexTokens(of names: [String]) -> [String] {
        let words = tokens(of: names)
        return words + NameKey.indexTokens(ofFolded: words)
    }

    /// `words` in order, each once. Compared byte for byte: folded text is what is stored, and
    /// String's own equality would normalize every non-Latin name again.
    private static func distinct(_ words: [String]) -> [String] {
        var tokens: [String] = []
        for word in words where !tokens.contains(where: { $0.utf8.elementsEqual(word.utf8) }) {
            tokens.append(word)
        }
        return tokens
    }

    /// `tokens(of:)` and `sortKey(family:given:)` for many names that repeat (a bulk load):
    /// each distinct name text is folded once.
    package struct Memo {
        private var words: [ExactText: [String]] = [:]
        private var folded: [ExactText: String] = [:]

        package init() {}

        /// As `SearchKey.tokens(of:)`.
        package mutating func tokens(of names: [String]) -> [String] {
            var all: [String] = []
            for name in names {
                let key = ExactText(name)
                if let known = words[key] {
                    all += known
                } else {
                    let found = SearchKey.words(name)
                    words[key] = found
                    all += found
                }
            }
            return distinct(all)
        }

        /// As `SearchKey.indexTokens(of:)`.
        package mutating func indexTokens(of names: [String]) -> [String] {
            let words = tokens(of: names)
            return words + NameKey.indexTokens(ofFolded: words)
        }

        /// As `SearchKey.sortKey(family:given:)`.
        package mutating func sortKey(family: String, given: String) -> String {
            fold(family) + "\u{1}" + fold(given)
        }

        private mutating func fold(_ text: String) -> String {
            let key = ExactText(text)
            if let known = folded[key] { return known }
            let result = SearchKey.fold(text)
            folded[key] = result
            return result
        }
    }

    /// A text as a dictionary key by its exact bytes. String's own hashing normalizes
    /// non-ASCII text first, which costs about as much as folding it (the bulk loader keys
    /// each name word's transliteration keys by it too).
    package struct ExactText: Hashable {
        package let text: String

        package init(_ text: String) { self.text = text }

        package static func == (lhs: ExactText, rhs: ExactText) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

        package func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// The sort key of a name in lists: folded family name, then given names.
    package static func sortKey(family: String, given: String) -> String {
        fold(family) + "\u{1}" + fold(given)
    }

    /// Typed text that looks like the start of a case number ("2026-00", "2026").
    package static func caseNumberPrefix(_ query: String) -> String? {
        let text = trimmed(query)
        guard !text.isEmpty, text.utf8.count <= 11,
            text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "-" }),
            text.unicodeScalars.first.map({ ("0"..."9").contains($0) }) == true
        else { return nil }
        return text
    }

    private static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "-", "'", "’", "‘", "ʼ", "`", ".", "\u{2010}", "\u{2011}": return true
        default: return false
        }
    }
}
