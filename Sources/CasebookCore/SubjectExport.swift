import CasebookL10n

/// One stored value as the subject export shows it.
package enum ExportValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var plain: String {
        switch self {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let text): text
        }
    }

    var json: String {
        switch self {
        case .null: "null"
        case .integer(let value): String(value)
        case .real(let value): value.isFinite ? String(value) : "null"
        case .text(let text): DashboardReport.jsonString(text)
        }
    }
}

/// The rows of one table that concern the person, every column as stored.
package struct ExportSection: Hashable, Sendable {
    /// The table's name: the key in JSON.
    package var table: String
    package var columns: [String]
    package var rows: [[ExportValue]]

    package init(table: String, columns: [String], rows: [[ExportValue]]) {
        self.table = table
        self.columns = columns
        self.rows = rows
    }

    /// What the section holds, for people.
    package var title: String {
        switch table {
        case "clients": tr("The record: personal details, contact, residence and the case")
        case "client_search": tr("Search keys made from the names")
        case "enrolments": tr("Enrolment in the programme")
        case "phase_history": tr("The case's phases")
        case "language_assessments": tr("Language: assessments")
        case "language_target_overrides": tr("Language: targets set for this person")
        case "language_courses": tr("Language: courses")
        case "course_attendance": tr("Language: attendance")
        case "qualifications": tr("Recognition: qualifications")
        case "recognition_events": tr("Recognition: steps")
        case "civic_status": tr("Civic orientation: requirement")
        case "civic_sessions": tr("Civic orientation: sessions")
        case "civic_tests": tr("Civic orientation: tests")
        case "contracts": tr("Integration contract")
        case "contract_versions": tr("Integration contract: every version")
        case "contract_version_obligations": tr("Integration contract: obligations of earlier versions")
        case "obligations": tr("Integration contract: obligations in force")
        case "contract_events": tr("Integration contract: events")
        case "notes": tr("Case notes")
        case "audit": tr("Change history: who changed what and when")
        case "read_log": tr("Read log: who looked at this file")
        case "legal_holds": tr("Legal holds")
        case "restrictions": tr("Restrictions of processing (GDPR Art. 18)")
        case "erasures": tr("Erasure")
        case "client_facts": tr("Figures derived for the caseload dashboard")
        default: table
        }
    }
}

/// A category of the data held, why it is held and on what legal basis.
package struct DataCategory: Hashable, Sendable {
    package var name: String
    package var tables: [String]
    package var purpose: String
    package var legalBasis: String
}

/// Everything Casebook holds about one person (GDPR Art. 15), ready to print as JSON or as one
/// self-contained HTML page.
package struct SubjectExport: Hashable, Sendable {
    package var caseNumber: String
    package var exportedAt: Instant
    package var exportedBy: String
    /// The programme the person is enrolled in, by name (nil when none).
    package var programme: String?
    /// The laws the programme's obligations cite.
    package var programmeLaws: [String]
    package var sections: [ExportSection]

    package init(
        caseNumber: String, exportedAt: Instant, exportedBy: String, programme: String?, programmeLaws: [String],
        sections: [ExportSection]
    ) {
        self.caseNumber = caseNumber
        self.exportedAt = exportedAt
        self.exportedBy = exportedBy
        self.programme = programme
        self.programmeLaws = programmeLaws
        self.sections = sections
    }

    /// The categories of data, each with its purpose and legal basis: GDPR Art. 6(1)(e) (a task
    /// in the public interest) under the programme's law, and Art. 9(2)(g) for the
    /// special-category data (vulnerabilities, health in notes).
    package var categories: [DataCategory] {
        let law =
            programmeLaws.isEmpty
            ? tr("the integration law of the programme")
            : programmeLaws.joined(separator: "; ")
        let publicTask = tr("GDPR Art. 6(1)(e), a task in the public interest under {law}", ["law": law])
        let special = tr(
            "GDPR Art. 9(2)(g), substantial public interest under {law}, for special-category data", ["law": law])
        let security = tr("GDPR Art. 5(2) and 32: accountability and security of processing")
        return [
            DataCategory(
                name: tr("Identity and contact"), tables: ["clients", "client_search"],
                purpose: tr("To know who the person is, reach them and find their file."), legalBasis: publicTask),
            DataCategory(
                name: tr("Vulnerabilities"), tables: ["clients"],
                purpose: tr("To adapt the programme to the person's needs."), legalBasis: special),
            DataCategory(
                name: tr("Programme and case"), tables: ["enrolments", "phase_history", "client_facts"],
                purpose: tr("To run the introduction programme and report on it."), legalBasis: publicTask),
            DataCategory(
                name: tr("Language, recognition and civic orientation"),
                tables: [
                    "language_assessments", "language_target_overrides", "language_courses", "course_attendance",
                    "qualifications", "recognition_events", "civic_status", "civic_sessions", "civic_tests",
                ],
                purpose: tr("To plan and follow the person's training and the recognition of their qualifications."),
                legalBasis: publicTask),
            DataCategory(
                name: tr("Integration contract"),
                tables: [
                    "contracts", "contract_versions", "contract_version_obligations", "obligations", "contract_events",
                ],
                purpose: tr("To record what both sides agreed and whether it was kept."), legalBasis: publicTask),
            DataCategory(
                name: tr("Case notes"), tables: ["notes"],
                purpose: tr("To record contacts with the person and what follows from them."), legalBasis: publicTask),
            DataCategory(
                name: tr("Change history, read log, holds and restrictions"),
                tables: ["audit", "read_log", "legal_holds", "restrictions", "erasures"],
                purpose: tr(
                    "To show who changed or looked at the file, and to keep or restrict it where the law asks."),
                legalBasis: security),
        ]
    }

    // MARK: JSON

    /// One JSON object: the case, the categories, then every section's rows as objects.
    package var json: String {
        var out = "{\n"
        out += "  \"format\": \"casebook-subject-export-1\",\n"
        out += "  \"case_number\": \(DashboardReport.jsonString(caseNumber)),\n"
        out += "  \"exported_at\": \(DashboardReport.jsonString(exportedAt.iso)),\n"
        out += "  \"exported_by\": \(DashboardReport.jsonString(exportedBy)),\n"
        out += "  \"programme\": \(programme.map(DashboardReport.jsonString) ?? "null"),\n"
        out += "  \"categories\": [\n"
        out += categories.map { category in
            "    {\"name\": \(DashboardReport.jsonString(category.name)), \"tables\": ["
                + category.tables.map(DashboardReport.jsonString).joined(separator: ", ")
                + "], \"purpose\": \(DashboardReport.jsonString(category.purpose)), \"legal_basis\": \(DashboardReport.jsonString(category.legalBasis))}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"data\": {\n"
        out += sections.map { section in
            let rows = section.rows.map { row in
                "      {"
                    + zip(section.columns, row).map { "\(DashboardReport.jsonString($0)): \($1.json)" }.joined(
                        separator: ", ") + "}"
            }
            return "    \(DashboardReport.jsonString(section.table)): ["
                + (rows.isEmpty ? "" : "\n" + rows.joined(separator: ",\n") + "\n    ") + "]"
        }.joined(separator: ",\n")
        return out + "\n  }\n}\n"
    }

    // MARK: HTML

    /// One self-contained, printable page: no script, no file or address outside it, every
    /// stored text escaped, and well-formed as XML too (every element closed), so that a test
    /// parses it.
    package var html: String {
        let e = HTMLText.escape
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8" />
            <title>\(e(tr("Data held about case {case}", ["case": caseNumber])))</title>
            <style>
            body { font-family: sans-serif; margin: 2em; line-height: 1.35; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid #000; }
            table { border-collapse: collapse; font-size: .85em; margin: .4em 0; }
            th, td { border: 1px solid #888; padding: .15em .4em; text-align: left; vertical-align: top; }
            p.none { font-style: italic; }
            @media print { h2 { break-after: avoid; } tr { break-inside: avoid; } }
            </style>
            </head>
            <body>

            """
        out += "<h1>\(e(tr("Data held about case {case}", ["case": caseNumber])))</h1>\n"
        out +=
            "<p>\(e(tr("Exported on {at} by {by}, under GDPR Art. 15 (the right of access).", ["at": exportedAt.iso, "by": exportedBy])))</p>\n"
        if let programme {
            out += "<p>\(e(tr("Programme: {name}", ["name": programme])))</p>\n"
        }
        out += "<h2>\(e(tr("What is held, why, and on what legal basis")))</h2>\n<table>\n"
        out +=
            "<tr><th>\(e(tr("Category")))</th><th>\(e(tr("Purpose")))</th><th>\(e(tr("Legal basis")))</th></tr>\n"
        for category in categories {
            out +=
                "<tr><td>\(e(category.name))</td><td>\(e(category.purpose))</td><td>\(e(category.legalBasis))</td></tr>\n"
        }
        out += "</table>\n"
        for section in sections {
            out += "<h2>\(e(section.title))</h2>\n"
            guard !section.rows.isEmpty else {
                out += "<p class=\"none\">\(e(tr("Nothing recorded.")))</p>\n"
                continue
            }
            out += "<table>\n<tr>" + section.columns.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
            for row in section.rows {
                out += "<tr>" + row.map { "<td>\(e($0.plain))</td>" }.joined() + "</tr>\n"
            }
            out += "</table>\n"
        }
        return out + "</body>\n</html>\n"
    }
}

/// Text made safe for HTML content and attribute values.
package enum HTMLText {
    /// Control characters (a stored sort key holds U+0001) are shown as their Control Pictures
    /// (U+2401): neither HTML nor XML may carry them, and a page must show what is stored.
    package static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20, let picture = Unicode.Scalar(0x2400 + scalar.value) {
                    out.unicodeScalars.append(picture)
                } else if scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out.unicodeScalars.append("\u{2421}")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
