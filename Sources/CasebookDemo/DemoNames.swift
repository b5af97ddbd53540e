/// The demo's names outside a database: for tools and tests that need names as newcomers write
/// them (Arabic, Persian, Ge'ez, Cyrillic, Chinese and Latin scripts) with their Latin spellings.
package enum DemoNames {
    /// One name of the demo: as its bearer writes it, as residence documents spell it in Latin,
    /// and the countries and languages of the people who bear it.
    package struct Entry: Sendable, Hashable {
        package let native: String
        package let latin: String
        package let isFamilyName: Bool
        package let countries: [String]
        package let languages: [String]
    }

    /// Every family and given name of every origin, in the order the demo lists them.
    package static let all: [Entry] = origins.flatMap { origin in
        let languages = origin.languages.first ?? []
        func entries(_ names: [Name], family: Bool) -> [Entry] {
            names.map {
                Entry(
                    native: $0.native, latin: $0.latin, isFamilyName: family, countries: origin.countries,
                    languages: languages)
            }
        }
        return entries(origin.familyNames, family: true) + entries(origin.femaleNames, family: false)
            + entries(origin.maleNames, family: false)
    }
}
