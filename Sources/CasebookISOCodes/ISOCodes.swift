#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Debian's iso-codes catalogues: ISO 3166-1 countries and ISO 639-3 languages with their English
/// names (`/usr/share/iso-codes/json`) and the translations of those names
/// (`/usr/share/locale/LANG/LC_MESSAGES/iso_3166-1.mo`, `iso_639-3.mo`).
///
/// Read at run time rather than copied into a table: the translations cover some hundred locales,
/// Debian keeps them current, and pick lists can show names in whatever language the officer
/// reads. Reading both catalogues and one locale takes a few milliseconds.
package struct ISOCodes: Sendable {
    package static let defaultJSONDirectory = "/usr/share/iso-codes/json"
    package static let defaultLocaleDirectory = "/usr/share/locale"

    package let countries: [Country]
    package let languages: [Language]
    private let jsonDirectory: String
    private let localeDirectory: String

    /// One ISO 3166-1 entry.
    package struct Country: Sendable, Hashable, Decodable {
        package let alpha2: String
        package let alpha3: String
        package let name: String
        package let officialName: String?
        package let commonName: String?

        enum CodingKeys: String, CodingKey {
            case alpha2 = "alpha_2"
            case alpha3 = "alpha_3"
            case name
            case officialName = "official_name"
            case commonName = "common_name"
        }

        /// Every English name iso-codes gives, the short name first.
        package var englishNames: [String] { [commonName, name, officialName].compactMap { $0 } }
    }

    /// One ISO 639-3 entry.
    package struct Language: Sendable, Hashable, Decodable {
        package let alpha3: String
        package let alpha2: String?
        /// The ISO 639-2/B code where it differs from the 639-3 one (`ger` for `deu`).
        package let bibliographic: String?
        package let name: String
        package let invertedName: String?
        package let commonName: String?

        enum CodingKeys: String, CodingKey {
            case alpha3 = "alpha_3"
            case alpha2 = "alpha_2"
            case bibliographic
            case name
            case invertedName = "inverted_name"
            case commonName = "common_name"
        }

        package var englishNames: [String] { [commonName, name, invertedName].compactMap { $0 } }
    }

    private struct CountryFile: Decodable {
        let entries: [Country]
        enum CodingKeys: String, CodingKey { case entries = "3166-1" }
    }

    private struct LanguageFile: Decodable {
        let entries: [Language]
        enum CodingKeys: String, CodingKey { case entries = "639-3" }
    }

    /// Reads the two catalogues; a missing or unreadable one is refused with what to install.
    package init(
        jsonDirectory: String = ISOCodes.defaultJSONDirectory, localeDirectory: String = ISOCodes.defaultLocaleDirectory
    ) throws(ISOCodesError) {
        self.jsonDirectory = jsonDirectory
        self.localeDirectory = localeDirectory
        countries = try ISOCodes.decode(CountryFile.self, path: jsonDirectory + "/iso_3166-1.json").entries
        languages = try ISOCodes.decode(LanguageFile.self, path: jsonDirectory + "/iso_639-3.json").entries
    }

    /// Which catalogue a translation comes from.
    package enum Domain: String, Sendable {
        case countries = "iso_3166-1"
        case languages = "iso_639-3"
    }

    /// The translations of one catalogue into one locale ("nb", "de_AT", "fr_FR.UTF-8"), trying
    /// the full locale, then the language alone; nil when iso-codes has no translation for it.
    /// English needs none: the catalogues are written in it.
    package func translations(_ domain: Domain, locale: String) throws(ISOCodesError) -> MessageCatalog? {
        try ISOCodes.translations(domain, locale: locale, localeDirectory: localeDirectory)
    }

    /// The translations of one catalogue without reading the code lists, for showing names
    /// whose English the caller has.
    package static func translations(
        _ domain: Domain, locale: String, localeDirectory: String = ISOCodes.defaultLocaleDirectory
    ) throws(ISOCodesError) -> MessageCatalog? {
        for candidate in ISOCodes.localeCandidates(locale) {
            let path = "\(localeDirectory)/\(candidate)/LC_MESSAGES/\(domain.rawValue).mo"
            guard let bytes = ISOCodes.read(path) else { continue }
            do { return try MessageCatalog(bytes: bytes) } catch {
                throw .malformed(path: path, reason: error.description)
            }
        }
        return nil
    }

    /// Country names in a locale by alpha-2 code: the translation of the short name where there is
    /// one, else of the full name, else the English short name.
    package func countryNames(locale: String) throws(ISOCodesError) -> [String: String] {
        try names(.countries, locale: locale, countries.map { ($0.alpha2, $0.commonName, $0.name) })
    }

    /// Language names in a locale by ISO 639-3 code, chosen as `countryNames` chooses.
    package func languageNames(locale: String) throws(ISOCodesError) -> [String: String] {
        try names(.languages, locale: locale, languages.map { ($0.alpha3, $0.commonName, $0.name) })
    }

    private func names(
        _ domain: Domain, locale: String, _ entries: [(code: String, short: String?, name: String)]
    ) throws(ISOCodesError) -> [String: String] {
        let catalog = try translations(domain, locale: locale)
        var names: [String: String] = [:]
        for entry in entries {
            let english = entry.short ?? entry.name
            names[entry.code] = catalog?[english] ?? catalog?[entry.name] ?? english
        }
        return names
    }

    /// "nb_NO.UTF-8@euro" → ["nb_NO", "nb"]; "no" → ["no", "nb"] (Debian files Norwegian under nb).
    package static func localeCandidates(_ locale: String) -> [String] {
        let bare = String(locale.prefix { $0 != "." && $0 != "@" })
        var candidates = [bare]
        if let underscore = bare.firstIndex(of: "_") { candidates.append(String(bare[..<underscore])) }
        if candidates.last == "no" { candidates.append("nb") }
        return candidates.filter { !$0.isEmpty && $0 != "C" && $0 != "POSIX" }
    }

    private static func decode<T: Decodable>(_ type: T.Type, path: String) throws(ISOCodesError) -> T {
        guard let bytes = read(path) else { throw .missing(path: path) }
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw .malformed(path: path, reason: "is not the iso-codes JSON this reader knows")
        }
    }

    private static func read(_ path: String) -> [UInt8]? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return nil }
        return [UInt8](data)
    }
}

/// Why the iso-codes catalogues could not be read.
package enum ISOCodesError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case malformed(path: String, reason: String)

    package var description: String {
        switch self {
        case .missing(let path):
            return
                "Country and language names come from Debian's iso-codes, and \(path) is missing; install it with apt-get install iso-codes."
        case .malformed(let path, let reason):
            return "\(path) \(reason); reinstall Debian's iso-codes package."
        }
    }
}
