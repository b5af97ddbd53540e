/// ISO 3166-1 country codes as Casebook accepts them (two letters, upper case).
package enum Countries {
    /// Code to English name, e.g. `"ER": "Eritrea"`.
    package static let names: [String: String] = Dictionary(
        uniqueKeysWithValues: countryTable.map { ($0.code, $0.name) })

    /// All codes with names, ordered by name, for pick lists.
    package static let all: [(code: String, name: String)] = countryTable.sorted { $0.name < $1.name }

    package static func isKnown(_ code: String) -> Bool { names[code] != nil }

    package static func name(_ code: String) -> String { names[code] ?? code }
}

/// ISO 639 language codes: the two-letter ISO 639-1 codes, and ISO 639-3 codes for
/// languages without one (Dari `prs`, Sorani `ckb`, Kurmanji `kmr`, Tigre `tig`...).
package enum Languages {
    package static let names: [String: String] = Dictionary(
        uniqueKeysWithValues: languageTable.map { ($0.code, $0.name) })

    package static let all: [(code: String, name: String)] = languageTable.sorted { $0.name < $1.name }

    package static func isKnown(_ code: String) -> Bool { names[code] != nil }

    package static func name(_ code: String) -> String { names[code] ?? code }
}
