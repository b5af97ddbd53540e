import CasebookCore
import CasebookL10n

/// Country and language names as screens show them: Core keeps the codes and iso-codes'
/// English names, and these put them in the language Casebook speaks (`CodeNames`).
enum CodeLabels {
    static func country(_ code: String) -> String { CodeNames.country(Countries.name(code)) }
    static func language(_ code: String) -> String { CodeNames.language(Languages.name(code)) }

    /// "Name (code)" for each entry. In English in Core's order; in another language ordered by
    /// the translated name, ignoring case. (By code point: a letter with an accent sorts after
    /// z, which is right for Norwegian's æ, ø, å and a known gap for German's ä, ö, ü.)
    static func choices(_ entries: [(code: String, name: String)], _ label: (String) -> String) -> [Choice] {
        var named = entries.map { (code: $0.code, name: label($0.code)) }
        if Messages.language != Catalogue.english {
            named.sort { ($0.name.lowercased(), $0.code) < ($1.name.lowercased(), $1.code) }
        }
        return named.map { Choice($0.code, "\($0.name) (\($0.code))") }
    }
}
