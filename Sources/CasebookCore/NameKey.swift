/// How one part of a name sounds, written so that the same name gives the same key whatever script
/// or spelling it arrives in: "Mohammed", "Muhammad", "Mohamed", "محمد", "Мухаммед" and "መሐመድ" all
/// have the skeleton `mhmd`.
///
/// A key is made from the part's search folding (`SearchKey.fold`), so two texts that fold alike
/// always have the same key. Letters of the Arabic, Persian, Cyrillic, Greek, Ge'ez and Han scripts
/// are first written in Latin with the generated table of Unicode CLDR's transliterations
/// (`scripts/gen_transliteration.py`); a name in Cyrillic, Greek, Ge'ez or Han then reads as its
/// Latin spelling would, while each Arabic letter stays a sound of its own (س then ه is s-h, not sh).
/// Then these rules, and no list of names, make the common spellings of a transliterated name equal:
///
/// 1. Vowels carry no identity: a, e, i, o, u, and y or w anywhere but at the start of the part,
///    are all "a vowel" (Yusuf, Yousef, Youssef; Hussein, Husain; Maryam, Miriam). An initial y
///    before a consonant is a vowel too (Yvonne; Иван read Yvan).
/// 2. Digraphs are one sound: sch, sh → s; zh → z; th → t; dh → d; ph → f; dj → j;
///    kh, ch → h (Khalid, Chalid, Халид; Ahmed, Achmed, Akhmed); gh → k (غ, and ق as Persian
///    writes it: Sadeghi, Sadeqi).
/// 3. Consonant classes: c, k, q, ck are k; v and an initial w are v; an initial j is y
///    (Jusuf, Yusuf; Qasim, Kasim).
/// 4. A doubled consonant is single (Mohammed, Mohamed; Hassan, Hasan).
/// 5. A final h is silent (Fatimah, Fatima, فاطمة; Abdallah, Abdalla).
///
/// The skeleton, the consonants alone, is what an index holds. It cannot tell Mohammed from
/// Mahmoud (both `mhmd`), so a key also keeps where vowels stand (`m.h.m.d` against `m.hm.d`).
/// Arabic script does not write short vowels (محمد has no vowel at all, محمود one: `mhm.d`), and
/// Ge'ez does not tell a consonant without a vowel from one with ə (ን is n or nə). `matches`
/// therefore compares where the vowels stand only between parts written the same way.
///
/// What the rules cannot tell apart, they match: names that differ only in their vowels in Latin
/// (Hassan and Hussein, Ali and Ola), and across scripts a name with the other's consonants
/// (Mohammed and محمود). What needs another reading than CLDR's is not matched: Persian ض read z
/// (رضا and Reza), Persian و read v (نوید and Navid), Russian г read g (Сергей and Sergei).
package struct NameKey: Hashable, Sendable, CustomStringConvertible {
    /// How a script writes vowels, which decides whether vowel places can be compared.
    package enum VowelWriting: Int, CaseIterable, Sendable {
        /// Latin, Cyrillic, Greek, pinyin: every vowel is written.
        case full = 0
        /// Arabic and Persian: long vowels only.
        case consonantal = 1
        /// Ge'ez: a syllable per letter, where the sixth order may or may not sound a vowel.
        case syllabic = 2
    }

    /// The consonant classes, e.g. `mhmd`; what the Store indexes and looks up.
    package let skeleton: String
    /// The skeleton with a `.` where vowels stand, e.g. `m.h.m.d`.
    package let pattern: String
    package let vowels: VowelWriting

    package init(skeleton: String, pattern: String, vowels: VowelWriting) {
        self.skeleton = skeleton
        self.pattern = pattern
        self.vowels = vowels
    }

    /// Whether two name parts are the same name: the same skeleton, and, when both are written
    /// the same way, the same vowel places. In SQL: `skeleton = ? AND (pattern = ? OR vowels <> ?)`.
    package func matches(_ other: NameKey) -> Bool {
        guard skeleton.utf8.elementsEqual(other.skeleton.utf8) else { return false }
        return vowels != other.vowels || pattern.utf8.elementsEqual(other.pattern.utf8)
    }

    package var description: String {
        switch vowels {
        case .full: return pattern
        case .consonantal: return "\(pattern) (Arabic script)"
        case .syllabic: return "\(pattern) (Ge'ez)"
        }
    }

    /// The key of one part of a name ("Mohammed", "al-Hassan"). Parts with letters of a script the
    /// table does not cover (Hangul, Devanagari...), or with no consonant at all, key on their
    /// folded letters, so they match exactly what folds alike.
    package static func of(_ part: String) -> NameKey { of(folded: SearchKey.fold(part)) }

    /// `of` for text already folded (folding twice gives what folding once gives).
    private static func of(folded: String) -> NameKey {
        var builder = Builder()
        if builder.read(folded), let key = builder.key() { return key }
        var exact = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where scalar.properties.isAlphabetic { exact.append(scalar) }
        let text = "~" + String(exact)
        return NameKey(skeleton: text, pattern: text, vowels: .full)
    }

    /// The keys of every word of a name, split as search splits it (`SearchKey.words`): at spaces,
    /// commas and slashes, a hyphenated word both whole and by its parts. Each key once.
    package static func keys(of name: String) -> [NameKey] { keys(ofFolded: SearchKey.words(name)) }

    /// The keys of words already folded and split, as `SearchKey.words`, `tokens(of:)` or the
    /// bulk load's `SearchKey.Memo` give them: a store that folds names for search keys them
    /// without folding them again. Each key once.
    package static func keys(ofFolded words: [String]) -> [NameKey] {
        var keys: [NameKey] = []
        for word in words {
            let key = of(folded: word)
            // A word without letters ("2", "-") names nobody.
            if key.skeleton != "~" && !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    // MARK: The search index

    /// What starts a key's search token: below every letter and digit, so that no typed prefix
    /// reaches a key token and no key token is shown as a name.
    static let tokenMarker = "\u{1F}"

    /// "L" for a word that folds to Latin letters, "X" for one of another script. Search uses
    /// keys only across the two: within one script the typed letters find the name already, and
    /// keys there would make "Ali" find "Ola".
    private static func scriptTag(_ folded: String) -> String { folded.utf8.allSatisfy { $0 < 0x80 } ? "L" : "X" }

    /// The key tokens of a client's name words (as `SearchKey.tokens(of:)` gives them): what
    /// lets search find "محمد" by "Mohammed" and the other way round. Two per word: one that a
    /// query word written the same way (the same vowel places) finds, one that a query word
    /// written another way finds. A word whose letters the table does not cover has none: its
    /// own token already finds exactly what folds alike.
    package static func indexTokens(ofFolded words: [String]) -> [String] {
        var tokens: [String] = []
        for word in words {
            let key = of(folded: word)
            guard !key.skeleton.hasPrefix("~") else { continue }
            let stem = tokenMarker + key.skeleton + tokenMarker + scriptTag(word) + String(key.vowels.rawValue)
            for token in [stem + key.pattern, stem] where !tokens.contains(token) { tokens.append(token) }
        }
        return tokens
    }

    /// The key tokens a typed query word finds in the other script: exactly those of the parts
    /// `matches` accepts (the same skeleton; the same vowel places unless written another way).
    /// None for a word shorter than three letters (a name is not known by its first two) or
    /// without a key.
    package static func queryTokens(ofFolded word: String) -> [String] {
        guard word.unicodeScalars.count >= 3 else { return [] }
        let key = of(folded: word)
        guard !key.skeleton.hasPrefix("~") else { return [] }
        let stem = tokenMarker + key.skeleton + tokenMarker + (scriptTag(word) == "L" ? "X" : "L")
        return [stem + String(key.vowels.rawValue) + key.pattern]
            + VowelWriting.allCases.filter { $0 != key.vowels }.map { stem + String($0.rawValue) }
    }

    /// Whether a person named `family`, `given` may be the person already registered as
    /// `otherFamily`, `otherGiven`, `otherNames` (any order, any script): some part of the family
    /// name matches some part of the other's names, and, when given names are known, so does some
    /// part of the given names. Family and given names are compared across, because officers
    /// swap them when a culture puts the family name first.
    package static func namesAreSimilar(
        family: String, given: String, to otherFamily: String, _ otherGiven: String, otherNames: String = ""
    ) -> Bool {
        let theirs = keys(of: otherFamily) + keys(of: otherGiven) + keys(of: otherNames)
        func found(_ name: String) -> Bool? {
            let mine = keys(of: name)
            if mine.isEmpty { return nil }
            return mine.contains { key in theirs.contains(where: key.matches) }
        }
        switch (found(family), found(given)) {
        case (true?, true?), (true?, nil), (nil, true?): return true
        default: return false
        }
    }
}

extension NameKey {
    /// Sounds of a part before the rules that look at neighbours: consonant classes as their
    /// ASCII letter, and three markers.
    private enum Mark {
        static let vowel = UInt8(ascii: ".")
        static let w = UInt8(ascii: "W")
        static let y = UInt8(ascii: "Y")
    }

    /// Reads a folded part into sounds and applies the rules. Works on bytes: the Store keys every
    /// client's names when it loads them.
    private struct Builder {
        private var sounds: [UInt8] = []
        private var latin: [UInt8] = []
        private var vowels = VowelWriting.full

        init() {
            sounds.reserveCapacity(24)
            latin.reserveCapacity(24)
        }

        /// False when the text holds a letter that has no Latin form in the table.
        mutating func read(_ folded: String) -> Bool {
            let table = TransliterationIndex.shared
            var scalars = folded.unicodeScalars.makeIterator()
            var pending = scalars.next()
            while let scalar = pending {
                pending = scalars.next()
                let value = scalar.value
                if value < 0x80 {
                    let byte = UInt8(value)
                    if (0x61...0x7A).contains(byte) {
                        latin.append(byte)
                    } else if (0x41...0x5A).contains(byte) {
                        latin.append(byte + 32)
                    }
                    continue
                }
                if let next = pending, let pair = table.pair(value, next.value) {
                    latin.append(contentsOf: pair)
                    pending = scalars.next()
                    continue
                }
                if let letters = table.latin(value) {
                    if (0x0600...0x08FF).contains(value) {
                        // An Arabic letter is a sound of its own: its Latin forms no digraph with a neighbour's.
                        flushLatin()
                        vowels = .consonantal
                        NameKey.sounds(of: letters, into: &sounds)
                    } else {
                        if (0x1200...0x139F).contains(value) || (0x2D80...0x2DDF).contains(value)
                            || (0xAB00...0xAB2F).contains(value)
                        {
                            vowels = .syllabic
                        }
                        latin.append(contentsOf: letters)
                    }
                } else if scalar.properties.isAlphabetic && scalar.properties.generalCategory != .modifierLetter {
                    return false  // modifier letters are apostrophes, tatweel, length marks: no sound
                }
            }
            flushLatin()
            return true
        }

        /// Latin letters next to each other form digraphs.
        private mutating func flushLatin() {
            guard !latin.isEmpty else { return }
            latin.withUnsafeBufferPointer { NameKey.sounds(of: $0, into: &sounds) }
            latin.removeAll(keepingCapacity: true)
        }

        /// The key, or nil when the part has no consonant.
        func key() -> NameKey? {
            var resolved: [UInt8] = []
            resolved.reserveCapacity(sounds.count)
            for (index, sound) in sounds.enumerated() {
                var sound = sound
                if sound == Mark.w || sound == Mark.y {
                    // Rule 1: a semivowel starts a part as a consonant and is a vowel elsewhere, and
                    // so is an initial y before a consonant; rule 3: an initial w is v.
                    if index > 0 {
                        sound = Mark.vowel
                    } else if sound == Mark.w {
                        sound = UInt8(ascii: "v")
                    } else {
                        let next = index + 1 < sounds.count ? sounds[index + 1] : Mark.vowel
                        sound = next == Mark.vowel || next == Mark.w || next == Mark.y ? UInt8(ascii: "y") : Mark.vowel
                    }
                } else if index == 0 && sound == UInt8(ascii: "j") {
                    sound = UInt8(ascii: "y")
                }
                if let last = resolved.last, last == sound { continue }  // rule 4, and one mark per vowel run
                resolved.append(sound)
            }
            if resolved.last == UInt8(ascii: "h") { resolved.removeLast() }  // rule 5
            var skeleton: [UInt8] = []
            skeleton.reserveCapacity(resolved.count)
            // Consonants a vowel kept apart stay two ("Leila": l.l.).
            for sound in resolved where sound != Mark.vowel { skeleton.append(sound) }
            guard !skeleton.isEmpty else { return nil }
            return NameKey(
                skeleton: String(decoding: skeleton, as: UTF8.self), pattern: String(decoding: resolved, as: UTF8.self),
                vowels: vowels)
        }
    }

    /// Appends the sounds of lower-case ASCII letters (rules 2 and 3).
    fileprivate static func sounds<Letters: RandomAccessCollection>(of letters: Letters, into sounds: inout [UInt8])
    where Letters.Element == UInt8, Letters.Index == Int {
        var index = letters.startIndex
        func at(_ offset: Int) -> UInt8 {
            index + offset < letters.endIndex ? letters[index + offset] : 0
        }
        while index < letters.endIndex {
            let letter = letters[index]
            let next = at(1)
            var width = 1
            var sound = letter
            switch letter {
            case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"):
                sound = Mark.vowel
            case UInt8(ascii: "y"): sound = Mark.y
            case UInt8(ascii: "w"): sound = Mark.w
            case UInt8(ascii: "s"):
                if next == UInt8(ascii: "c") && at(2) == UInt8(ascii: "h") {
                    width = 3
                } else if next == UInt8(ascii: "h") {
                    width = 2
                }
            case UInt8(ascii: "c"):
                if next == UInt8(ascii: "h") {
                    sound = UInt8(ascii: "h")
                    width = 2
                } else {
                    sound = UInt8(ascii: "k")
                    if next == UInt8(ascii: "k") { width = 2 }
                }
            case UInt8(ascii: "k"):
                if next == UInt8(ascii: "h") {
                    sound = UInt8(ascii: "h")
                    width = 2
                }
            case UInt8(ascii: "q"): sound = UInt8(ascii: "k")
            case UInt8(ascii: "p"):
                if next == UInt8(ascii: "h") {
                    sound = UInt8(ascii: "f")
                    width = 2
                }
            case UInt8(ascii: "z"), UInt8(ascii: "t"):
                if next == UInt8(ascii: "h") { width = 2 }
            case UInt8(ascii: "g"):
                if next == UInt8(ascii: "h") {
                    sound = UInt8(ascii: "k")
                    width = 2
                }
            case UInt8(ascii: "d"):
                if next == UInt8(ascii: "h") {
                    width = 2
                } else if next == UInt8(ascii: "j") {
                    sound = UInt8(ascii: "j")
                    width = 2
                }
            default:
                break
            }
            sounds.append(sound)
            index += width
        }
    }
}

/// The generated transliteration table, laid out for lookup by code point: one byte buffer of
/// Latin letters, and per code point of a covered page the start and length of its letters.
private struct TransliterationIndex: Sendable {
    static let shared = TransliterationIndex()

    private var letters: [UInt8] = []
    /// Per page (code point >> 8): the slot of its 256 entries in `entries`, or -1.
    private var pageSlots = [Int32](repeating: -1, count: 0x100)
    /// Per code point: 0 when the table has nothing, else the top bit set, the start of its letters
    /// in bits 8-30 and their count (0 for a letter with no sound) in bits 0-7.
    private var entries: [UInt32] = []
    private var pairs: [UInt64: [UInt8]] = [:]

    private init() {
        for (page, latin) in transliterationPages where page < 0x100 {
            pageSlots[Int(page)] = Int32(entries.count / 256)
            var codes = [UInt32](repeating: 0, count: 256)
            var offset = 0
            for entry in latin.utf8.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false) {
                if offset < 256 && !entry.isEmpty {
                    let sound = entry.elementsEqual("'".utf8) ? entry.prefix(0) : entry.prefix(255)
                    codes[offset] = 1 << 31 | UInt32(letters.count) << 8 | UInt32(sound.count)
                    letters.append(contentsOf: sound)
                }
                offset += 1
            }
            entries.append(contentsOf: codes)
        }
        for (first, second, latin) in transliterationPairs {
            pairs[UInt64(first) << 32 | UInt64(second)] = Array(latin.utf8)
        }
    }

    /// The Latin letters of one code point, or nil when the table has none.
    func latin(_ value: UInt32) -> ArraySlice<UInt8>? {
        let page = Int(value >> 8)
        guard page < pageSlots.count, pageSlots[page] >= 0 else { return nil }
        let code = entries[Int(pageSlots[page]) * 256 + Int(value & 0xFF)]
        guard code != 0 else { return nil }
        let start = Int(code >> 8 & 0x7F_FFFF)
        return letters[start..<start + Int(code & 0xFF)]
    }

    /// The Latin letters of a pair of code points that transliterate together (Greek ου, Cyrillic ае).
    func pair(_ first: UInt32, _ second: UInt32) -> [UInt8]? {
        guard first >= 0x0370 && first < 0x0530 else { return nil }
        return pairs[UInt64(first) << 32 | UInt64(second)]
    }
}
