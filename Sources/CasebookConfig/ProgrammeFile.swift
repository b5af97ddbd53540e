import CasebookCore
import TOMLKit

/// Reads a programme preset (`config/programmes/*.toml`) into a `Programme`. Anything unknown
/// or malformed is refused with the file, the line and the key; an unknown level, skill or
/// party is refused by name.
package enum ProgrammeFile {
    package static func parse(path: String, text: String) throws(ConfigError) -> Programme {
        let source = try TOMLSource(path: path, text: text)
        var reader = TableReader(source: source, table: source.root, path: "")
        try reader.allow(["id", "name", "country", "language", "hours", "recognition", "civic", "profiles", "obligations"])
        let id = try reader.string("id")
        guard Programme.isValidID(id) else {
            throw reader.error("id", "\"\(id)\" is not a programme id: 2 to 40 lower-case letters, digits and '-'.")
        }
        let name = try reader.string("name")
        let country = try reader.string("country")
        guard Countries.isKnown(country) else { throw reader.error("country", "\"\(country)\" is not an ISO 3166 country code.") }
        let language = try reader.string("language")
        guard Languages.isKnown(language) else { throw reader.error("language", "\"\(language)\" is not an ISO 639 language code.") }

        var hours = try reader.table("hours")
        try hours.allow(["language", "civic"])
        let languageHours = try hours.integer("language", in: 0...5000)
        let civicHours = try hours.integer("civic", in: 0...2000)

        var recognition = try reader.table("recognition")
        try recognition.allow(["decision_within", "acknowledge_within", "qualifications_passport_valid"])
        let decision = try recognition.span("decision_within")
        let acknowledgement = try recognition.span("acknowledge_within")
        let passport = try recognition.span("qualifications_passport_valid")

        var civic = try reader.table("civic")
        try civic.allow(["required", "modules", "test"])
        let civicRequired = try civic.bool("required")
        var modules: [CivicModule] = []
        for var module in try civic.tables("modules", optional: true) {
            try module.allow(["id", "name", "hours"])
            let moduleID = try module.string("id")
            guard Programme.isValidID(moduleID) else { throw module.error("id", "\"\(moduleID)\" is not a module id: lower-case letters, digits and '-'.") }
            guard !modules.contains(where: { $0.id == moduleID }) else { throw module.error("id", "module \"\(moduleID)\" appears twice.") }
            modules.append(CivicModule(id: moduleID, name: try module.string("name"), hours: try module.optionalInteger("hours", in: 0...1000)))
        }
        var test: CivicTestRule?
        if var table = try civic.table("test", optional: true) {
            try table.allow(["name", "questions", "pass_mark"])
            let questions = try table.optionalInteger("questions", in: 1...500)
            let passMark = try table.optionalInteger("pass_mark", in: 1...500)
            if (questions == nil) != (passMark == nil) {
                throw table.error(questions == nil ? "questions" : "pass_mark", "give both questions and pass_mark, or neither (a pass/fail test).")
            }
            if let questions, let passMark, passMark > questions {
                throw table.error("pass_mark", "the pass mark (\(passMark)) exceeds the number of questions (\(questions)).")
            }
            test = CivicTestRule(name: try table.string("name"), questions: questions, passMark: passMark)
        }

        var profiles: [LearnerProfile] = []
        for var profile in try reader.tables("profiles") {
            try profile.allow(["id", "name", "targets", "language_hours", "duration"])
            let profileID = try profile.string("id")
            guard Programme.isValidID(profileID) else { throw profile.error("id", "\"\(profileID)\" is not a profile id: lower-case letters, digits and '-'.") }
            guard !profiles.contains(where: { $0.id == profileID }) else { throw profile.error("id", "profile \"\(profileID)\" appears twice.") }
            var targets: [Skill: CEFRLevel] = [:]
            if let table = try profile.table("targets", optional: true) {
                for skillName in table.table.keys {
                    let skill: Skill
                    do { skill = try Skill(parsing: skillName) } catch { throw table.error(skillName, error.description) }
                    let levelName = try table.string(skillName)
                    do { targets[skill] = try CEFRLevel(parsing: levelName) } catch { throw table.error(skillName, error.description) }
                }
            }
            let hours = try profile.optionalInteger("language_hours", in: 0...5000)
            let duration = try profile.optionalSpan("duration")
            profiles.append(LearnerProfile(id: profileID, name: try profile.string("name"), targets: targets, languageHours: hours, duration: duration))
        }
        guard !profiles.isEmpty else { throw reader.error("profiles", "a programme needs at least one [[profiles]] entry.") }

        var obligations: [ObligationTemplate] = []
        for var obligation in try reader.tables("obligations", optional: true) {
            try obligation.allow(["party", "category", "description", "legal_basis", "anchor", "due"])
            let party = try obligation.choice("party", Party.self)
            let category = try obligation.choice("category", ObligationCategory.self)
            let anchor = try obligation.choice("anchor", Anchor.self)
            obligations.append(
                ObligationTemplate(
                    party: party, category: category, description: try obligation.string("description"),
                    legalBasis: try obligation.string("legal_basis"), anchor: anchor, due: try obligation.span("due")))
        }
        return Programme(
            id: id, version: 0, name: name, country: country, languageCode: language, languageHours: languageHours,
            civicHours: civicHours, recognitionDecision: decision, recognitionAcknowledgement: acknowledgement,
            qualificationsPassportValidity: passport, civicRequired: civicRequired, civicModules: modules, civicTest: test,
            profiles: profiles, obligations: obligations)
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
            throw error(key, "unknown key; the keys here are " + listing(known, conjunction: "and") + ".")
        }
    }

    private func value(_ key: String) throws(ConfigError) -> TOMLValueConvertible {
        guard let value = table[key] else { throw missing(key) }
        return value
    }

    private func missing(_ key: String) -> ConfigError {
        let name = path.isEmpty ? key : "\(path).\(key)"
        let line = path.isEmpty ? 1 : source.line(of: "", inTable: path)
        return ConfigError(path: source.path, line: line, message: "\(name) is missing.")
    }

    func string(_ key: String) throws(ConfigError) -> String {
        guard let text = try value(key).string else { throw error(key, "must be a string in quotes.") }
        guard !trimmed(text).isEmpty, !text.unicodeScalars.contains(where: Sanitized.isForbidden), text.count <= 500 else {
            throw error(key, "must be a non-empty line of text of at most 500 characters.")
        }
        return text
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let number = try value(key).int else { throw error(key, "must be a whole number.") }
        guard range.contains(number) else { throw error(key, "must lie between \(range.lowerBound) and \(range.upperBound).") }
        return number
    }

    func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        table[key] == nil ? nil : try integer(key, in: range)
    }

    func bool(_ key: String) throws(ConfigError) -> Bool {
        guard let flag = try value(key).bool else { throw error(key, "must be true or false.") }
        return flag
    }

    func span(_ key: String) throws(ConfigError) -> TimeSpan {
        let text = try string(key)
        guard let span = TimeSpan(text) else { throw error(key, "\"\(text)\" is not a duration; write \"14d\", \"2w\", \"3m\" or \"1y\".") }
        return span
    }

    func optionalSpan(_ key: String) throws(ConfigError) -> TimeSpan? {
        table[key] == nil ? nil : try span(key)
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(ConfigError) -> E where E.RawValue == String {
        let text = try string(key)
        guard let value = E(rawValue: text) else {
            throw error(key, "\"\(text)\" is not a known \(key); use " + listing(E.allCases.map(\.rawValue)) + ".")
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
        guard let child = value.table else { throw error(key, "must be a table ([\(path.isEmpty ? key : path + "." + key)]).") }
        return TableReader(source: source, table: child, path: path.isEmpty ? key : "\(path).\(key)")
    }

    func tables(_ key: String, optional: Bool = false) throws(ConfigError) -> [TableReader] {
        guard let value = table[key] else {
            if optional { return [] }
            throw missing(key)
        }
        guard let array = value.array else { throw error(key, "must be a list of tables ([[\(key)]]).") }
        var result: [TableReader] = []
        for (index, item) in array.enumerated() {
            guard let child = item.table else { throw error(key, "entry \(index + 1) must be a table.") }
            result.append(TableReader(source: source, table: child, path: "\(path.isEmpty ? key : path + "." + key)[\(index)]"))
        }
        return result
    }
}
