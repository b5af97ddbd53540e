import CasebookCore
import CasebookL10n
import TOMLKit

/// Reads a programme preset (`config/programmes/*.toml`) into a `Programme`. Anything unknown
/// or malformed is refused with the file, the line and the key; an unknown level, skill,
/// party, status or profile is refused by name.
package enum ProgrammeFile {
    package static func parse(path: String, text: String) throws(ConfigError) -> Programme {
        let source = try TOMLSource(path: path, text: text)
        var reader = TableReader(source: source, table: source.root, path: "")
        try reader.allow([
            "id", "name", "country", "language", "valid_from", "hours", "recognition", "civic", "profiles",
            "obligations",
            "admission_stops", "retention", "outcomes",
        ])
        let id = try reader.string("id")
        guard Programme.isValidID(id) else {
            throw reader.error(
                "id", tr("\"{id}\" is not a programme id: 2 to 40 lower-case letters, digits and '-'.", ["id": id]))
        }
        let name = try reader.string("name")
        let country = try reader.string("country")
        guard Countries.isKnown(country) else {
            throw reader.error("country", tr("\"{code}\" is not an ISO 3166 country code.", ["code": country]))
        }
        let language = try reader.string("language")
        guard Languages.isKnown(language) else {
            throw reader.error("language", tr("\"{code}\" is not an ISO 639 language code.", ["code": language]))
        }

        var hours = try reader.table("hours")
        try hours.allow(["language", "language_basis", "civic", "civic_basis"])
        let languageHours = try hours.integer("language", in: 0...5000)
        let languageBasis = try hours.basis(of: "language")
        let civicHours = try hours.integer("civic", in: 0...2000)
        let civicBasis = try hours.basis(of: "civic")

        var recognition = try reader.table("recognition")
        try recognition.allow([
            "decision_within", "decision_within_basis", "acknowledge_within", "acknowledge_within_basis",
            "qualifications_passport_valid", "variants",
        ])
        let decision = try recognition.span("decision_within")
        let decisionBasis = try recognition.basis(of: "decision_within")
        let acknowledgement = try recognition.span("acknowledge_within")
        let acknowledgementBasis = try recognition.basis(of: "acknowledge_within")
        let passport = try recognition.span("qualifications_passport_valid")
        var variants: [RecognitionVariant] = []
        for var variant in try recognition.tables("variants", optional: true) {
            try variant.allow(["id", "name", "legal_basis", "decision_within", "acknowledge_within"])
            let variantID = try variant.identifier("id", kind: .variant, taken: variants.map(\.id))
            variants.append(
                RecognitionVariant(
                    id: variantID, name: try variant.string("name"), legalBasis: try variant.string("legal_basis"),
                    decisionWithin: try variant.span("decision_within"),
                    acknowledgeWithin: try variant.span("acknowledge_within")))
        }

        let (civicRequired, modules, test) = try civic(try reader.table("civic"))

        var profiles: [LearnerProfile] = []
        for profile in try reader.tables("profiles") { profiles.append(try self.profile(profile, after: profiles)) }
        guard !profiles.isEmpty else {
            throw reader.error("profiles", tr("a programme needs at least one [[profiles]] entry."))
        }
        let profileIDs = profiles.map(\.id)
        // Modules name profiles that are read after them: checked once all are known.
        for module in modules { try module.reader.checkProfiles(module.value.profiles, among: profileIDs) }

        var obligations: [ObligationTemplate] = []
        for var obligation in try reader.tables("obligations", optional: true) {
            try obligation.allow([
                "party", "category", "description", "legal_basis", "anchor", "due", "due_basis", "profiles",
            ])
            let party = try obligation.choice("party", Party.self)
            let category = try obligation.choice("category", ObligationCategory.self)
            let anchor = try obligation.choice("anchor", Anchor.self)
            let bound = try obligation.strings("profiles")
            try obligation.checkProfiles(bound, among: profileIDs)
            let description = try obligation.translatedText("description")
            obligations.append(
                ObligationTemplate(
                    party: party, category: category, description: description.english,
                    legalBasis: try obligation.string("legal_basis"), anchor: anchor, due: try obligation.span("due"),
                    dueBasis: try obligation.basis(of: "due"), profiles: bound, translations: description.translations))
        }

        var stops: [AdmissionStop] = []
        for var stop in try reader.tables("admission_stops", optional: true) {
            try stop.allow(["id", "description", "legal_basis", "statuses", "from", "until"])
            let stopID = try stop.identifier("id", kind: .admissionStop, taken: stops.map(\.id))
            var statuses: [ProgrammeStatus] = []
            for text in try stop.strings("statuses") {
                guard let status = ProgrammeStatus(rawValue: text) else {
                    throw stop.error(
                        "statuses",
                        tr(
                            "\"{text}\" is not a known status; use {statuses}.",
                            ["text": text, "statuses": listing(ProgrammeStatus.allCases.map(\.rawValue))]))
                }
                statuses.append(status)
            }
            guard !statuses.isEmpty else {
                throw stop.error("statuses", tr("name at least one status the stop concerns."))
            }
            let from = try stop.day("from")
            let until = try stop.optionalDay("until")
            if let until, until < from {
                throw stop.error(
                    "until",
                    tr("the stop ends ({until}) before it starts ({from}).", ["until": until.iso, "from": from.iso]))
            }
            stops.append(
                AdmissionStop(
                    id: stopID, description: try stop.string("description"), legalBasis: try stop.string("legal_basis"),
                    statuses: statuses, from: from, until: until))
        }

        let retention = try self.retention(try reader.table("retention", optional: true))
        let outcomeTarget = try outcomes(try reader.table("outcomes", optional: true))

        // Read last, so that a file cut short reports the first thing missing in reading order.
        let validFrom = try reader.day("valid_from")
        return Programme(
            id: id, version: 0, validFrom: validFrom, name: name, country: country, languageCode: language,
            languageHours: languageHours, languageHoursBasis: languageBasis, civicHours: civicHours,
            civicHoursBasis: civicBasis, recognitionDecision: decision, recognitionDecisionBasis: decisionBasis,
            recognitionAcknowledgement: acknowledgement, recognitionAcknowledgementBasis: acknowledgementBasis,
            recognitionVariants: variants, qualificationsPassportValidity: passport, civicRequired: civicRequired,
            civicModules: modules.map(\.value), civicTest: test, profiles: profiles, obligations: obligations,
            admissionStops: stops, retention: retention, outcomeTarget: outcomeTarget)
    }

    /// `[outcomes]`: the share in work or education the programme aims for, with the source that
    /// sets it; a target nobody can trace would be held up to officers as if it were policy.
    private static func outcomes(_ table: TableReader?) throws(ConfigError) -> OutcomeTarget? {
        guard var table else { return nil }
        try table.allow(["work_or_education", "source"])
        let share = try table.share("work_or_education")
        guard table.table["source"] != nil else {
            throw table.error(
                "source",
                tr(
                    "an outcome target needs its source, e.g. source = \"Prop. 1 S, the national goal\"; without one, remove [outcomes]."
                ))
        }
        return OutcomeTarget(share: share, source: try table.string("source"))
    }

    /// `[retention]`: the programme's own period, which overrides the site's `erase_after` for
    /// its clients. Only with the law that sets it: a period without a source would erase
    /// people's files on nobody's authority.
    private static func retention(_ table: TableReader?) throws(ConfigError) -> ProgrammeRetention? {
        guard var table else { return nil }
        try table.allow(["erase_after", "legal_source"])
        let text = try table.string("erase_after")
        guard let period = RetentionRule.period(text) else {
            throw table.error(
                "erase_after",
                tr(
                    "\"{text}\" is not a retention period; write \"5y\", \"18m\" or \"90d\", more than zero.",
                    ["text": Sanitized.inline(text, limit: 20)]))
        }
        guard table.table["legal_source"] != nil else {
            throw table.error(
                "legal_source",
                tr(
                    "a programme's retention period needs the law that sets it, e.g. legal_source = \"Archives Act § 9\"; without one, remove [retention] and the site's rule applies."
                ))
        }
        return ProgrammeRetention(eraseAfter: period, legalSource: try table.string("legal_source"))
    }

    private static func civic(
        _ table: TableReader
    ) throws(ConfigError) -> (Bool, [(value: CivicModule, reader: TableReader)], CivicTestRule?) {
        var civic = table
        try civic.allow(["required", "modules", "test"])
        let required = try civic.bool("required")
        var modules: [(value: CivicModule, reader: TableReader)] = []
        for var module in try civic.tables("modules", optional: true) {
            try module.allow(["id", "name", "hours", "profiles"])
            let moduleID = try module.identifier("id", kind: .module, taken: modules.map(\.value.id))
            let value = CivicModule(
                id: moduleID, name: try module.string("name"), hours: try module.optionalInteger("hours", in: 0...1000),
                profiles: try module.strings("profiles"))
            modules.append((value, module))
        }
        guard var table = try civic.table("test", optional: true) else { return (required, modules, nil) }
        try table.allow(["name", "questions", "pass_mark", "exempt_residence", "exempt_from_age"])
        let questions = try table.optionalInteger("questions", in: 1...500)
        let passMark = try table.optionalInteger("pass_mark", in: 1...500)
        if (questions == nil) != (passMark == nil) {
            throw table.error(
                questions == nil ? "questions" : "pass_mark",
                tr("give both questions and pass_mark, or neither (a pass/fail test)."))
        }
        if let questions, let passMark, passMark > questions {
            throw table.error(
                "pass_mark",
                tr(
                    "the pass mark ({mark}) exceeds the number of questions ({questions}).",
                    ["mark": String(passMark), "questions": String(questions)]))
        }
        var exempt: [ResidenceCategory] = []
        for text in try table.strings("exempt_residence") {
            guard let category = ResidenceCategory(rawValue: text) else {
                throw table.error(
                    "exempt_residence",
                    tr(
                        "\"{text}\" is not a residence category; use {categories}.",
                        ["text": text, "categories": listing(ResidenceCategory.allCases.map(\.rawValue))]))
            }
            exempt.append(category)
        }
        let test = CivicTestRule(
            name: try table.string("name"), questions: questions, passMark: passMark, exemptResidence: exempt,
            exemptFromAge: try table.optionalInteger("exempt_from_age", in: 16...120))
        return (required, modules, test)
    }

    private static func profile(_ table: TableReader, after earlier: [LearnerProfile]) throws(ConfigError)
        -> LearnerProfile
    {
        var profile = table
        try profile.allow([
            "id", "name", "targets", "language_hours", "language_hours_basis", "duration", "extension", "repeat_hours",
            "discontinued_from",
        ])
        let profileID = try profile.identifier("id", kind: .profile, taken: earlier.map(\.id))
        var targets: [Skill: CEFRLevel] = [:]
        if let table = try profile.table("targets", optional: true) {
            for skillName in table.table.keys {
                let skill: Skill
                do { skill = try Skill(parsing: skillName) } catch { throw table.error(skillName, error.description) }
                let levelName = try table.string(skillName)
                do { targets[skill] = try CEFRLevel(parsing: levelName) } catch {
                    throw table.error(skillName, error.description)
                }
            }
        }
        return LearnerProfile(
            id: profileID, name: try profile.string("name"), targets: targets,
            languageHours: try profile.optionalInteger("language_hours", in: 0...5000),
            languageHoursBasis: try profile.basis(of: "language_hours"), duration: try profile.optionalSpan("duration"),
            extendableBy: try profile.optionalSpan("extension"),
            repeatHours: try profile.optionalInteger("repeat_hours", in: 1...2000),
            discontinuedFrom: try profile.optionalDay("discontinued_from"))
    }
}

/// Typed reading of one TOML table, with every error pointing at the file, line and key.
struct TableReader {
    let source: TOMLSource
    let table: TOMLTable
    /// Where the table sits: "" for the top level, "hours", "profiles[1]"...
    let path: String

    func error(_ key: String, _ message: String) -> ConfigError {
        let name = path.isEmpty ? key : "\(path).\(key)"
        return ConfigError(path: source.path, line: source.line(of: key, inTable: path), message: "\(name): \(message)")
    }

    /// Refuses keys outside `known`.
    mutating func allow(_ known: [String]) throws(ConfigError) {
        for key in table.keys where !known.contains(key) {
            throw error(key, tr("unknown key; the keys here are {keys}.", ["keys": listing(known, conjunction: "and")]))
        }
    }

    private func value(_ key: String) throws(ConfigError) -> TOMLValueConvertible {
        guard let value = table[key] else { throw missing(key) }
        return value
    }

    private func missing(_ key: String) -> ConfigError {
        let name = path.isEmpty ? key : "\(path).\(key)"
        let line = path.isEmpty ? 1 : source.line(of: "", inTable: path)
        return ConfigError(path: source.path, line: line, message: tr("{key} is missing.", ["key": name]))
    }

    func string(_ key: String) throws(ConfigError) -> String {
        guard let text = try value(key).string else { throw error(key, tr("must be a string in quotes.")) }
        guard !trimmed(text).isEmpty, !text.unicodeScalars.contains(where: Sanitized.isForbidden), text.count <= 500
        else {
            throw error(key, tr("must be a non-empty line of text of at most 500 characters."))
        }
        return text
    }

    /// A text in English with translations: a string (English alone), or a table of language
    /// codes (`description.en = "…"`, `description.nb = "…"`) that holds `en` and only languages
    /// Casebook speaks.
    func translatedText(_ key: String) throws(ConfigError) -> (english: String, translations: [String: String]) {
        guard try value(key).table != nil else { return (try string(key), [:]) }
        let texts = try table(key)
        let languages = ["en"] + LanguageChoice.shipped
        for language in texts.table.keys where !languages.contains(language) {
            throw texts.error(
                language,
                tr(
                    "is not a language Casebook speaks; write the text in {languages}.",
                    ["languages": listing(languages, conjunction: "or")]))
        }
        let english = try texts.string("en")
        var translations: [String: String] = [:]
        for language in LanguageChoice.shipped where texts.table[language] != nil {
            translations[language] = try texts.string(language)
        }
        return (english, translations)
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let number = try value(key).int else { throw error(key, tr("must be a whole number.")) }
        guard range.contains(number) else {
            throw error(
                key,
                tr(
                    "must lie between {lowest} and {highest}.",
                    ["lowest": String(range.lowerBound), "highest": String(range.upperBound)]))
        }
        return number
    }

    /// A share between 0 and 1, written 0.70 (or 0 or 1).
    func share(_ key: String) throws(ConfigError) -> Double {
        let value = try value(key)
        guard let share = value.double ?? value.int.map(Double.init), (0...1).contains(share) else {
            throw error(key, tr("must be a share between 0 and 1, e.g. 0.70 for 70 %."))
        }
        return share
    }

    func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        table[key] == nil ? nil : try integer(key, in: range)
    }

    func bool(_ key: String) throws(ConfigError) -> Bool {
        guard let flag = try value(key).bool else { throw error(key, tr("must be true or false.")) }
        return flag
    }

    func span(_ key: String) throws(ConfigError) -> TimeSpan {
        let text = try string(key)
        guard let span = TimeSpan(text) else {
            throw error(
                key, tr("\"{text}\" is not a duration; write \"14d\", \"2w\", \"3m\" or \"1y\".", ["text": text]))
        }
        return span
    }

    func optionalSpan(_ key: String) throws(ConfigError) -> TimeSpan? {
        table[key] == nil ? nil : try span(key)
    }

    /// A calendar day, written "2025-07-01" (or as a bare TOML date).
    func day(_ key: String) throws(ConfigError) -> Day {
        let value = try value(key)
        if let date = value.date, let day = Day(year: date.year, month: date.month, day: date.day) { return day }
        guard let text = value.string, let day = try? Day(iso: text) else {
            throw error(key, tr("must be a day written \"YYYY-MM-DD\", e.g. \"2025-07-01\"."))
        }
        return day
    }

    func optionalDay(_ key: String) throws(ConfigError) -> Day? {
        table[key] == nil ? nil : try day(key)
    }

    /// What stands behind the figure `key`, from the sibling key `<key>_basis`; the law when absent.
    func basis(of key: String) throws(ConfigError) -> RuleBasis {
        guard table[key + "_basis"] != nil else { return .law }
        guard table[key] != nil else {
            throw error(key + "_basis", tr("says what stands behind {key}, which is not given here.", ["key": key]))
        }
        return try choice(key + "_basis", RuleBasis.self)
    }

    /// A list of strings, `[]` when the key is absent.
    func strings(_ key: String) throws(ConfigError) -> [String] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else { throw error(key, tr("must be a list of strings, e.g. [\"a\", \"b\"].")) }
        var result: [String] = []
        for item in array {
            guard let text = item.string, !trimmed(text).isEmpty, text.count <= 100 else {
                throw error(key, tr("must be a list of strings, e.g. [\"a\", \"b\"]."))
            }
            guard !result.contains(text) else { throw error(key, tr("\"{text}\" appears twice.", ["text": text])) }
            result.append(text)
        }
        return result
    }

    /// A stable id (lower-case letters, digits and '-') not already used by an earlier entry.
    func identifier(_ key: String, kind: IdentifiedEntry, taken: [String]) throws(ConfigError) -> String {
        let id = try string(key)
        guard Programme.isValidID(id) else { throw error(key, kind.invalid(id)) }
        guard !taken.contains(id) else { throw error(key, kind.twice(id)) }
        return id
    }

    /// Refuses an id in this table's `profiles` list that the programme does not define.
    func checkProfiles(_ ids: [String], among known: [String]) throws(ConfigError) {
        for id in ids where !known.contains(id) {
            throw error(
                "profiles",
                tr(
                    "\"{id}\" is not a profile of this programme; use {profiles}.",
                    ["id": id, "profiles": listing(known)]))
        }
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(ConfigError) -> E
    where E.RawValue == String {
        let text = try string(key)
        guard let value = E(rawValue: text) else {
            // TRANSLATORS: {key} is the key of the programme file as written (party, category, anchor).
            throw error(
                key,
                tr(
                    "\"{text}\" is not a known {key}; use {values}.",
                    ["text": text, "key": key, "values": listing(E.allCases.map(\.rawValue))]))
        }
        return value
    }

    func table(_ key: String) throws(ConfigError) -> TableReader {
        guard let found = try table(key, optional: false) else { throw missing(key) }
        return found
    }

    func table(_ key: String, optional: Bool) throws(ConfigError) -> TableReader? {
        guard let value = table[key] else {
            if optional { return nil }
            throw missing(key)
        }
        guard let child = value.table else {
            throw error(key, tr("must be a table ([{table}]).", ["table": path.isEmpty ? key : path + "." + key]))
        }
        return TableReader(source: source, table: child, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func tables(_ key: String, optional: Bool = false) throws(ConfigError) -> [TableReader] {
        guard let value = table[key] else {
            if optional { return [] }
            throw missing(key)
        }
        guard let array = value.array else {
            throw error(key, tr("must be a list of tables ([[{key}]]).", ["key": key]))
        }
        var result: [TableReader] = []
        for (index, item) in array.enumerated() {
            guard let child = item.table else {
                throw error(key, tr("entry {number} must be a table.", ["number": String(index + 1)]))
            }
            result.append(
                TableReader(source: source, table: child, path: "\(path.isEmpty ? key : path + "." + key)[\(index)]"))
        }
        return result
    }
}

/// The entries of a programme file that carry an id, each with its own sentences, so that a
/// translator reads whole sentences rather than a name spliced into one.
enum IdentifiedEntry {
    case variant
    case admissionStop
    case module
    case profile

    func invalid(_ id: String) -> String {
        switch self {
        case .variant: tr("\"{id}\" is not a variant id: lower-case letters, digits and '-'.", ["id": id])
        case .admissionStop: tr("\"{id}\" is not an admission stop id: lower-case letters, digits and '-'.", ["id": id])
        case .module: tr("\"{id}\" is not a module id: lower-case letters, digits and '-'.", ["id": id])
        case .profile: tr("\"{id}\" is not a profile id: lower-case letters, digits and '-'.", ["id": id])
        }
    }

    func twice(_ id: String) -> String {
        switch self {
        case .variant: tr("variant \"{id}\" appears twice.", ["id": id])
        case .admissionStop: tr("admission stop \"{id}\" appears twice.", ["id": id])
        case .module: tr("module \"{id}\" appears twice.", ["id": id])
        case .profile: tr("profile \"{id}\" appears twice.", ["id": id])
        }
    }
}
