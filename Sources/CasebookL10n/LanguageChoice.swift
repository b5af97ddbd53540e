import CasebookISOCodes

/// Which language Casebook speaks: `--language` or `language` in `casebook.toml` when given,
/// else what the environment names, as glibc's gettext reads it; English when neither names a
/// language Casebook has a catalogue for.
package struct LanguageChoice: Sendable, Equatable {
    /// The languages Casebook ships a catalogue for, besides English.
    package static let shipped = ["nb", "de", "fr", "nl"]

    /// What the choice settled on; nil for English.
    package var language: String?
    /// One sentence for stderr when an asked-for language is not there.
    package var warning: String?

    /// Settles the language.
    /// - `requested`: `--language`, else the settings' `language`. It wins over the environment;
    ///   one Casebook has no catalogue for gives English and a warning.
    /// - `environment`: `LANGUAGE` (a list such as `nb:de`) first, but, as glibc does, only when
    ///   the locale (`LC_ALL`, else `LC_MESSAGES`, else `LANG`) is set and is not plain `C` or
    ///   `POSIX` (`C.UTF-8` is fine); then that locale itself (`nb_NO.UTF-8`). A language the
    ///   environment names and Casebook lacks passes silently: an English screen is what every
    ///   other program there shows too.
    /// - `has`: whether a catalogue exists for a code ("nb").
    package static func settle(
        requested: String?, environment: [String: String], has: (String) -> Bool
    ) -> LanguageChoice {
        if let requested, !requested.isEmpty {
            if let found = first(of: [requested], has: has) { return LanguageChoice(language: found.code) }
            let shown = isPlainCode(requested) ? requested : "?"
            return LanguageChoice(
                language: nil,
                warning: tr(
                    "Casebook has no {language} translation, so it speaks English; it knows {known}.",
                    ["language": shown, "known": (["en"] + shipped).joined(separator: ", ")]))
        }
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let locale = value("LC_ALL") ?? value("LC_MESSAGES") ?? value("LANG")
        // glibc reads LANGUAGE under C.UTF-8 but not under the plain C (or POSIX) locale.
        guard let locale, locale != "C", locale != "POSIX" else { return LanguageChoice(language: nil) }
        var names: [String] = []
        if let list = value("LANGUAGE") { names += list.split(separator: ":").map(String.init) }
        names.append(locale)
        return LanguageChoice(language: first(of: names, has: has)?.code)
    }

    /// The first name in `names` that is English or has a catalogue; English stops the search,
    /// as `LANGUAGE=en:nb` asks for English first.
    private static func first(of names: [String], has: (String) -> Bool) -> Found? {
        for name in names where isPlainCode(name) && !isCLocale(name) {
            for candidate in ISOCodes.localeCandidates(name) {
                if candidate == "en" || candidate.hasPrefix("en_") { return .english }
                if has(candidate) { return .catalogue(candidate) }
            }
        }
        return nil
    }

    private enum Found {
        case english
        case catalogue(String)

        var code: String? {
            if case .catalogue(let code) = self { return code }
            return nil
        }
    }

    private static func isCLocale(_ locale: String) -> Bool {
        let bare = locale.prefix { $0 != "." && $0 != "@" }
        return bare == "C" || bare == "POSIX"
    }

    /// A locale name as the environment writes one (`nb_NO.UTF-8@euro`): letters, digits and
    /// `_ . @ -` only, so that a path built from it stays in the locale folder.
    package static func isPlainCode(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 40 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy {
                ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
                    || "_.@-".unicodeScalars.contains($0)
            }
    }
}
