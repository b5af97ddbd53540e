import CasebookConfig
import CasebookCore
import TOMLKit

/// What a mapping file says: columns to targets, values to codes, and the order of dates where a
/// file does not show it. Everything it names wins over what Casebook recognises by itself.
///
/// ```toml
/// [columns]                  # header as in the file = a field name, "external_id" or "ignore"
/// "Saksnr." = "case_number"
/// "Merknad" = "ignore"
///
/// [values.sex]               # sex, residence_category, programme_status, vulnerabilities,
/// "kv" = "F"                 # country (both country columns), language (both language columns)
///
/// [values.country]
/// "Russland" = "RU"
///
/// [dates]                    # header = "day-first" or "month-first", for dates like 03/04/2024
/// "Født" = "day-first"
/// ```
/// Headers and values are compared as `Vocabulary.normalized` compares them.
package struct ImportMapping: Sendable {
    /// What the file named this column as.
    package enum Choice: Equatable, Sendable {
        case target(ImportTarget)
        case ignore
    }

    /// The kinds of value a mapping file can map, by the key of their `[values.KIND]` table.
    package enum ValueKind: String, CaseIterable, Sendable {
        case sex
        case residenceCategory = "residence_category"
        case programmeStatus = "programme_status"
        case vulnerabilities
        case country
        case language

        /// The kind of a field's values, for fields whose values are codes.
        package init?(_ field: ClientField) {
            switch field {
            case .sex: self = .sex
            case .residenceCategory: self = .residenceCategory
            case .programmeStatus: self = .programmeStatus
            case .vulnerabilities: self = .vulnerabilities
            case .countryOfBirth, .nationality: self = .country
            case .languages, .interpreterLanguage: self = .language
            default: return nil
            }
        }

        /// The codes a value may map to, as the mapping file writes them.
        var codes: [String] {
            switch self {
            case .sex: return Sex.allCases.map(\.rawValue)
            case .residenceCategory: return ResidenceCategory.allCases.map(\.rawValue)
            case .programmeStatus: return ProgrammeStatus.allCases.map(\.rawValue)
            case .vulnerabilities: return Vulnerability.allCases.map(\.rawValue)
            case .country, .language: return []
            }
        }

        /// The code as Casebook stores it, or nil when `text` is none.
        func code(_ text: String) -> String? {
            switch self {
            case .country:
                let code = text.uppercased()
                return Countries.isKnown(code) ? code : nil
            case .language:
                let code = text.lowercased()
                return Languages.isKnown(code) ? code : nil
            default:
                return codes.contains(text) ? text : nil
            }
        }
    }

    package var path: String?
    package var columns: [String: Choice] = [:]
    package var values: [ValueKind: [String: String]] = [:]
    package var dateOrders: [String: DateOrder] = [:]
    /// For an import of assessments or qualifications: headers to the names of their columns
    /// (`RecordImport.Column`), which a client import's `[columns]` would refuse.
    package var recordColumns: [String: String] = [:]

    /// No mapping file: everything as Casebook recognises it.
    package init() {}

    /// The choice for a column's header, if the file makes one.
    package func choice(forHeader header: String) -> Choice? { columns[Vocabulary.normalized(header)] }

    package func dateOrder(forHeader header: String) -> DateOrder? { dateOrders[Vocabulary.normalized(header)] }

    /// The code the file maps a value to, if it maps it.
    package func code(for value: String, kind: ValueKind) -> String? { values[kind]?[Vocabulary.normalized(value)] }

    /// Reads a mapping file; anything unknown or malformed is refused with the file, line and key.
    /// `recordColumns`: the column names an import of records takes, in place of the client
    /// form's fields.
    package init(path: String, text: String, recordColumns names: [String]? = nil) throws(ConfigError) {
        self.path = path
        let source = try TOMLSource(path: path, text: text)
        func fail(_ key: String, inTable table: String, _ message: String) -> ConfigError {
            ConfigError(path: path, line: source.line(of: key, inTable: table), message: message)
        }
        func strings(_ key: String) throws(ConfigError) -> [(key: String, value: String)] {
            guard let table = source.root[key]?.table else {
                throw fail(key, inTable: "", "[\(key)] must be a table of \"text\" = \"text\" lines.")
            }
            var pairs: [(key: String, value: String)] = []
            for entry in table.keys.sorted() {
                guard let value = table[entry]?.string else {
                    throw fail(entry, inTable: key, "\"\(entry)\" must be set to text in quotes.")
                }
                pairs.append((entry, value))
            }
            return pairs
        }
        for key in source.root.keys.sorted() {
            switch key {
            case "columns":
                for (header, value) in try strings(key) {
                    if value == "ignore" {
                        columns[Vocabulary.normalized(header)] = .ignore
                    } else if let names {
                        guard names.contains(value) else {
                            throw fail(
                                header, inTable: key,
                                "\"\(value)\" is not a column of this import; use one of \((names + ["ignore"]).joined(separator: ", "))."
                            )
                        }
                        recordColumns[Vocabulary.normalized(header)] = value
                    } else if let target = ImportTarget(key: value) {
                        columns[Vocabulary.normalized(header)] = .target(target)
                    } else {
                        let names = (ImportTarget.all.map(\.key) + ["ignore"]).joined(separator: ", ")
                        throw fail(header, inTable: key, "\"\(value)\" is not a field; use one of \(names).")
                    }
                }
            case "dates":
                for (header, value) in try strings(key) {
                    guard let order = DateOrder(rawValue: value) else {
                        throw fail(
                            header, inTable: key, "\"\(value)\" is not an order of dates; use day-first or month-first."
                        )
                    }
                    dateOrders[Vocabulary.normalized(header)] = order
                }
            case "values":
                guard let table = source.root[key]?.table else {
                    throw fail(key, inTable: "", "values must be tables such as [values.sex].")
                }
                for kindName in table.keys.sorted() {
                    guard let kind = ValueKind(rawValue: kindName) else {
                        let kinds = ValueKind.allCases.map(\.rawValue).joined(separator: ", ")
                        throw fail(
                            kindName, inTable: key, "[values.\(kindName)] is not a kind of value; use one of \(kinds).")
                    }
                    guard let entries = table[kindName]?.table else {
                        throw fail(
                            kindName, inTable: key, "values.\(kindName) must be a table of \"text\" = \"code\" lines.")
                    }
                    for value in entries.keys.sorted() {
                        guard let text = entries[value]?.string, let code = kind.code(text) else {
                            let hint =
                                kind.codes.isEmpty
                                ? (kind == .country ? "an ISO 3166 code such as SY" : "an ISO 639 code such as ar")
                                : "one of " + kind.codes.joined(separator: ", ")
                            throw fail(value, inTable: "values.\(kindName)", "\"\(value)\" must be set to \(hint).")
                        }
                        values[kind, default: [:]][Vocabulary.normalized(value)] = code
                    }
                }
            default:
                throw fail(
                    key, inTable: "",
                    "\"\(key)\" is not a part of a mapping file; use [columns], [values.KIND] or [dates].")
            }
        }
    }
}
