import CasebookISOCodes
import Synchronization

/// Country and language names in the language `tr` speaks, from Debian's iso-codes catalogues
/// (`iso_3166-1`, `iso_639-3`): the caller has the English name iso-codes writes, and gets it
/// back translated, or in English where iso-codes has no translation.
package enum CodeNames {
    package static func country(_ englishName: String) -> String { name(englishName, in: .countries) }
    package static func language(_ englishName: String) -> String { name(englishName, in: .languages) }

    /// Each catalogue is read once per language; nil where iso-codes has none or is missing
    /// (the English name is shown then, which is no reason to stop the program).
    private static let loaded = Mutex<[String: MessageCatalog?]>([:])

    private static func name(_ englishName: String, in domain: ISOCodes.Domain) -> String {
        let language = Messages.language
        guard language != Catalogue.english else { return englishName }
        let key = domain.rawValue + "/" + language
        let catalog = loaded.withLock { cache in
            if let found = cache[key] { return found }
            let read: MessageCatalog? = (try? ISOCodes.translations(domain, locale: language)) ?? nil
            cache[key] = .some(read)
            return read
        }
        return catalog?[englishName] ?? englishName
    }
}
