import CasebookCore
import CasebookISOCodes

/// Country and language names in the five import languages, from Debian's iso-codes, to the
/// codes Casebook stores: "Syria", "Syrien", "Syrie", "Syrië", "SY", "SYR" are all `SY`.
///
/// A value is recognised when it is, after `Vocabulary.normalized`:
/// 1. an ISO code: 3166-1 alpha-2 or alpha-3; 639-1, 639-3 or 639-2/B;
/// 2. a name iso-codes gives (short, official, common or inverted, in English or translated);
/// 3. the part of such a name before a comma, semicolon or bracket ("Iran, Islamic Republic of",
///    "Paschtu; Afghanisch", "Swahili (macrolanguage)"), unless that part names two entries;
/// 4. the start, four letters or more, of the names of exactly one entry ("Syrie" starts only
///    Syria's names, among them the French "Syrienne, République arabe").
/// Only codes Casebook accepts (`Countries`, `Languages`) are ever the result.
package struct NameCatalogue: Sendable {
    private var countries = Names()
    private var languages = Names()

    /// A value and what it stands for.
    package enum Match: Equatable, Sendable {
        case code(String)
        /// The start of more than one entry's names: the codes it could be.
        case ambiguous([String])
        case unknown
    }

    /// The translations read: the five import languages', and Nynorsk's beside Bokmål's, since
    /// iso-codes' Bokmål catalogue names few languages (not Ukrainian, Persian, Kurdish, Amharic,
    /// Albanian or even English) and Nynorsk writes these names as Bokmål does ("ukrainsk",
    /// "persisk", "kurdisk", "amharisk", "albansk", "engelsk").
    package static let locales = ImportLanguage.allCases.map(\.rawValue) + ["nn"]

    /// Builds the catalogue from iso-codes in English and the translations into `locales`.
    package init(isoCodes: ISOCodes, locales: [String] = NameCatalogue.locales) throws(ISOCodesError) {
        var countryCatalogs: [MessageCatalog] = []
        var languageCatalogs: [MessageCatalog] = []
        for locale in locales where locale != "en" {
            if let catalog = try isoCodes.translations(.countries, locale: locale) { countryCatalogs.append(catalog) }
            if let catalog = try isoCodes.translations(.languages, locale: locale) { languageCatalogs.append(catalog) }
        }
        for country in isoCodes.countries where Countries.isKnown(country.alpha2) {
            countries.add(code: country.alpha2, codes: [country.alpha2, country.alpha3])
            for english in country.englishNames {
                countries.add(name: english, for: country.alpha2)
                for catalog in countryCatalogs {
                    if let translated = catalog[english] {
                        countries.add(name: translated, for: country.alpha2, translating: english)
                    }
                }
            }
        }
        for language in isoCodes.languages {
            let code: String
            if let alpha2 = language.alpha2, Languages.isKnown(alpha2) {
                code = alpha2
            } else if Languages.isKnown(language.alpha3) {
                code = language.alpha3
            } else {
                continue
            }
            languages.add(
                code: code, codes: [language.alpha2, language.alpha3, language.bibliographic].compactMap { $0 })
            for english in language.englishNames {
                languages.add(name: english, for: code)
                for catalog in languageCatalogs {
                    if let translated = catalog[english] {
                        languages.add(name: translated, for: code, translating: english)
                    }
                }
            }
        }
        for words in Vocabulary.statelessOrUnknown.values {
            for word in words { countries.add(name: word, for: "XX") }
        }
        countries.add(code: "XX", codes: ["XX"])
        countries.seal()
        languages.seal()
    }

    /// The ISO 3166-1 alpha-2 code a country value stands for.
    package func country(_ text: String) -> Match { countries.match(Vocabulary.normalized(text)) }

    /// The ISO 639 code (as Casebook stores it) a language value stands for.
    package func language(_ text: String) -> Match { languages.match(Vocabulary.normalized(text)) }

    /// Language values in one cell ("Arabisk, engelsk", "ar ti", "arabe et anglais"): the codes
    /// in order, each once, and the parts that name no language.
    package func languages(in text: String) -> (codes: [String], unknown: [String]) {
        PhraseList.split(text, maximumWords: 4) { phrase in
            if case .code(let code) = languages.match(phrase) { return code }
            return nil
        }
    }

    /// Names and codes of one kind (countries or languages).
    ///
    /// A name may come to stand for two entries: iso-codes' translations have mistakes (its
    /// Norwegian catalogue calls Walloon "Vietnamesisk" too). An English name then wins over a
    /// translation, and between translations the one that shares the longer start with its English
    /// name (Vietnamesisk, Vietnamese), when that start is four letters or more. Otherwise the name
    /// stays ambiguous and is refused with its candidates.
    private struct Names: Sendable {
        /// Normalized code → code Casebook stores.
        private var byCode: [String: String] = [:]
        /// Normalized name → the codes it names, each with how sure the name is of it.
        private var byName: [String: [String: Int]] = [:]
        private var derived: [String: [String: Int]] = [:]
        /// Every normalized name with its code, sorted, for the prefix rule.
        private var sorted: [(name: String, code: String)] = []
        private static let english = 1_000

        mutating func add(code: String, codes: [String]) {
            for alias in codes { byCode[Vocabulary.normalized(alias)] = code }
        }

        /// Adds a name for `code`; `english` is the English name it translates, nil for an English name.
        mutating func add(name: String, for code: String, translating english: String? = nil) {
            let normalized = Vocabulary.normalized(name)
            guard !normalized.isEmpty else { return }
            let score = english.map { Names.sharedStart(normalized, Vocabulary.normalized($0)) } ?? Names.english
            byName[normalized, default: [:]][code] = max(byName[normalized]?[code] ?? 0, score)
            var parts: [String] = []
            for separator in [",", ";", "("] {
                guard let cut = name.firstIndex(where: { String($0) == separator }) else { continue }
                parts.append(String(name[..<cut]))
            }
            if let semicolon = name.firstIndex(of: ";") { parts.append(String(name[name.index(after: semicolon)...])) }
            for part in parts {
                let key = Vocabulary.normalized(part)
                if !key.isEmpty { derived[key, default: [:]][code] = max(derived[key]?[code] ?? 0, score) }
            }
        }

        private static func sharedStart(_ first: String, _ second: String) -> Int {
            zip(first.unicodeScalars, second.unicodeScalars).prefix { $0 == $1 }.count
        }

        /// Called once all names are in: settles names of two entries, orders names for the prefix rule.
        mutating func seal() {
            func settle(_ table: inout [String: [String: Int]]) {
                for (name, codes) in table where codes.count > 1 {
                    let ranked = codes.sorted { $0.value > $1.value }
                    if ranked[0].value > ranked[1].value && ranked[0].value >= 4 {
                        table[name] = [ranked[0].key: ranked[0].value]
                    }
                }
            }
            settle(&byName)
            settle(&derived)
            var all: [(String, String)] = []
            for (name, codes) in byName { for code in codes.keys { all.append((name, code)) } }
            for (name, codes) in derived { for code in codes.keys { all.append((name, code)) } }
            sorted = all.sorted { $0.0 < $1.0 }.map { (name: $0.0, code: $0.1) }
        }

        func match(_ value: String) -> Match {
            guard !value.isEmpty else { return .unknown }
            if let code = byCode[value] { return .code(code) }
            if let codes = byName[value] ?? derived[value] {
                return codes.count == 1 ? .code(codes.keys.first ?? "") : .ambiguous(codes.keys.sorted())
            }
            guard value.count >= 4 else { return .unknown }
            var codes: Set<String> = []
            var index = lowerBound(value)
            while index < sorted.count && sorted[index].name.hasPrefix(value) {
                codes.insert(sorted[index].code)
                index += 1
            }
            switch codes.count {
            case 0: return .unknown
            case 1: return .code(codes.first ?? "")
            default: return .ambiguous(codes.sorted())
            }
        }

        private func lowerBound(_ value: String) -> Int {
            var low = 0
            var high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle].name < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }
}

/// Lists in one cell: items split at commas, semicolons, slashes, plus signs and line breaks,
/// and an item that is not a phrase as a whole read word by word, the longest phrase first.
enum PhraseList {
    static func split<Value: Equatable>(
        _ text: String, maximumWords: Int, lookup: (String) -> Value?
    ) -> (codes: [Value], unknown: [String]) {
        var values: [Value] = []
        var unknown: [String] = []
        func add(_ value: Value) { if !values.contains(value) { values.append(value) } }
        let items = text.split(whereSeparator: { ",;/+|\n\r".contains($0) })
        for item in items {
            let phrase = Vocabulary.normalized(String(item))
            guard !phrase.isEmpty else { continue }
            if let value = lookup(phrase) {
                add(value)
                continue
            }
            let words = phrase.split(separator: " ").map(String.init)
            var index = 0
            var afterName = false
            var pending: [String] = []
            while index < words.count {
                // A conjunction after a name ("arabisk og engelsk", "arabe et anglais") joins two
                // items, even where it is also a code ("et" Estonian); after a code ("ar en") it is one.
                if afterName && index + 1 < words.count && Vocabulary.conjunctions.contains(words[index]) {
                    afterName = false
                    index += 1
                    continue
                }
                var found: (value: Value, length: Int)?
                for length in stride(from: min(maximumWords, words.count - index), through: 1, by: -1) {
                    if let value = lookup(words[index..<index + length].joined(separator: " ")) {
                        found = (value, length)
                        break
                    }
                }
                guard let found else {
                    pending.append(words[index])
                    afterName = false
                    index += 1
                    continue
                }
                if !pending.isEmpty { unknown.append(pending.joined(separator: " ")) }
                pending.removeAll()
                add(found.value)
                afterName = found.length > 1 || words[index].count > 3
                index += found.length
            }
            if !pending.isEmpty { unknown.append(pending.joined(separator: " ")) }
        }
        return (values, unknown)
    }
}
