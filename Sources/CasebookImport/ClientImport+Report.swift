import CasebookCore
import CasebookL10n
import CasebookText

extension ClientImport {
    /// What `casebook import clients FILE --dry-run` prints before the counts: how the file was
    /// read and the mapping it would use, column by column, with the values of coded columns and
    /// what each becomes. Names no client: dates are described by their order, not their values.
    package func mappingLines(today: Day) -> [String] {
        let records = dataRecords
        var lines = [
            blankRows > 0
                ? trn(
                    "File: {encoding}; cells separated by {separator}; {count} row after the header, {blank} blank rows skipped.",
                    "File: {encoding}; cells separated by {separator}; {count} rows after the header, {blank} blank rows skipped.",
                    records.count,
                    ["encoding": "\(encoding)", "separator": "\(table.separator)", "blank": String(blankRows)])
                : trn(
                    "File: {encoding}; cells separated by {separator}; {count} row after the header.",
                    "File: {encoding}; cells separated by {separator}; {count} rows after the header.", records.count,
                    ["encoding": "\(encoding)", "separator": "\(table.separator)"])
        ]
        for column in columns {
            let target = ["target": column.target.map { "\($0)" } ?? ""]
            let what: String
            switch column.source {
            case .unrecognised:
                what =
                    column.header.isEmpty
                    ? tr("not imported; it has no header")
                    : tr("not imported; no header Casebook recognises (name it in the mapping file to import it)")
            case .ignoredByMapping:
                what = tr("not imported; the mapping file says ignore")
            case .reasonColumn:
                what = tr("not imported; the reasons of a file of refused rows")
            case .duplicate(let first):
                what = tr(
                    "not imported; column {first} already holds {target}",
                    ["first": String(first + 1), "target": columns[first].target.map { "\($0)" } ?? tr("it")])
            case .header(let language):
                // TRANSLATORS: {target} is a field of the client form, {language} the language of the header.
                what = tr("{target} (a {language} header)", ["target": target["target"] ?? "", "language": "\(language)"])
            case .formName:
                what = tr("{target} (the form's name for it)", target)
            case .mappingFile:
                what = tr("{target} (the mapping file)", target)
            }
            // TRANSLATORS: one line of the import's dry run; {what} says how the column is read.
            var line = tr(
                "Column {number} \"{header}\": {what}",
                ["number": String(column.index + 1), "header": Sanitized.inline(column.header, limit: 40), "what": what])
            if case .field(let field)? = column.target {
                if let dates = dateLine(column) { line += "; " + dates }
                if ImportMapping.ValueKind(field) != nil {
                    line += "; " + valuesLine(column, field: field, today: today)
                }
            }
            lines.append(line)
        }
        for field in missingRequiredFields {
            lines.append(
                tr(
                    "No column holds {field}, which is required: every row will be refused; name a column for it in the mapping file.",
                    ["field": field.label]))
        }
        if !columns.contains(where: { $0.target == .field(.caseNumber) }) {
            lines.append(tr("No column holds the case number: each imported client gets the next free one."))
        }
        return lines
    }

    private func dateLine(_ column: ImportColumn) -> String? {
        if let order = mapping.dateOrder(forHeader: column.header) { return tr("dates {order} (the mapping file)", ["order": "\(order)"]) }
        guard let evidence = dateEvidence[column.index] else { return nil }
        switch (evidence.dayFirstRow, evidence.monthFirstRow) {
        case (let day?, nil): return tr("dates day first, as row {row} shows", ["row": String(day)])
        case (nil, let month?): return tr("dates month first, as row {row} shows", ["row": String(month)])
        case (let day?, let month?):
            return tr(
                "dates both day first (row {day}) and month first (row {month}): dates that fit both are refused",
                ["day": String(day), "month": String(month)])
        case (nil, nil):
            let ambiguous = dataRecords.contains { record in
                guard column.index < record.cells.count,
                    case .yearLast(let first, let second, _, _, false) = ImportDate.form(of: record.cells[column.index])
                else { return false }
                return first != second && first <= 12 && second <= 12
            }
            return ambiguous
                ? tr(
                    "no date shows whether the day or the month comes first: dates that fit both are refused unless the mapping file says"
                )
                : nil
        }
    }

    /// The distinct values of a coded column, most frequent first: `"K" as F (512 rows)`.
    private func valuesLine(_ column: ImportColumn, field: ClientField, today: Day) -> String {
        var counts: [String: (text: String, rows: Int)] = [:]
        for record in dataRecords where column.index < record.cells.count {
            let text = trimmedCell(SpreadsheetCell.unguarded(record.cells[column.index]))
            guard !text.isEmpty else { continue }
            counts[text, default: (text, 0)].rows += 1
        }
        guard !counts.isEmpty else { return tr("no values") }
        let ordered = counts.values.sorted { ($0.rows, $1.text) > ($1.rows, $0.text) }
        let shown = ordered.prefix(8).map { entry -> String in
            var probe = CSVRecord(row: 0, cells: Array(repeating: "", count: columns.count))
            probe.cells[column.index] = entry.text
            let result = row(probe, today: today)
            let value = ["value": Sanitized.inline(entry.text, limit: 30), "code": result.draft[field]]
            // TRANSLATORS: a value of a coded column in the import's dry run, and how many rows hold it.
            if result.issues.contains(where: { $0.field == field && $0.column == column.header }) {
                return trn("\"{value}\" not recognised ({count} row)", "\"{value}\" not recognised ({count} rows)", entry.rows, value)
            }
            if result.draft[field].isEmpty {
                return trn("\"{value}\" as nothing ({count} row)", "\"{value}\" as nothing ({count} rows)", entry.rows, value)
            }
            return trn("\"{value}\" as {code} ({count} row)", "\"{value}\" as {code} ({count} rows)", entry.rows, value)
        }
        let values = ["values": shown.joined(separator: ", ")]
        guard ordered.count > 8 else { return tr("values {values}", values) }
        return trn(
            "values {values}, and {count} more value", "values {values}, and {count} more values", ordered.count - 8,
            values)
    }
}
