import CasebookCore
import CasebookText

extension ClientImport {
    /// What `casebook import clients FILE --dry-run` prints before the counts: how the file was
    /// read and the mapping it would use, column by column, with the values of coded columns and
    /// what each becomes. Names no client: dates are described by their order, not their values.
    package func mappingLines(today: Day) -> [String] {
        let records = dataRecords
        var lines = [
            "File: \(encoding); cells separated by \(table.separator); \(records.count) rows after the header"
                + (blankRows > 0 ? ", \(blankRows) blank rows skipped." : ".")
        ]
        for column in columns {
            var line = "Column \(column.index + 1) \"\(Sanitized.inline(column.header, limit: 40))\": "
            switch column.source {
            case .unrecognised:
                line +=
                    column.header.isEmpty
                    ? "not imported; it has no header"
                    : "not imported; no header Casebook recognises (name it in the mapping file to import it)"
            case .ignoredByMapping:
                line += "not imported; the mapping file says ignore"
            case .reasonColumn:
                line += "not imported; the reasons of a file of refused rows"
            case .duplicate(let first):
                let target = columns[first].target.map { "\($0)" } ?? "it"
                line += "not imported; column \(first + 1) already holds \(target)"
            case .header(let language):
                line += "\(column.target.map { "\($0)" } ?? "") (a \(language) header)"
            case .formName:
                line += "\(column.target.map { "\($0)" } ?? "") (the form's name for it)"
            case .mappingFile:
                line += "\(column.target.map { "\($0)" } ?? "") (the mapping file)"
            }
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
                "No column holds \(field.label), which is required: every row will be refused; name a column for it in the mapping file."
            )
        }
        if !columns.contains(where: { $0.target == .field(.caseNumber) }) {
            lines.append("No column holds the case number: each imported client gets the next free one.")
        }
        return lines
    }

    private func dateLine(_ column: ImportColumn) -> String? {
        if let order = mapping.dateOrder(forHeader: column.header) { return "dates \(order) (the mapping file)" }
        guard let evidence = dateEvidence[column.index] else { return nil }
        switch (evidence.dayFirstRow, evidence.monthFirstRow) {
        case (let day?, nil): return "dates day first, as row \(day) shows"
        case (nil, let month?): return "dates month first, as row \(month) shows"
        case (let day?, let month?):
            return "dates both day first (row \(day)) and month first (row \(month)): dates that fit both are refused"
        case (nil, nil):
            let ambiguous = dataRecords.contains { record in
                guard column.index < record.cells.count,
                    case .yearLast(let first, let second, _, _, false) = ImportDate.form(of: record.cells[column.index])
                else { return false }
                return first != second && first <= 12 && second <= 12
            }
            return ambiguous
                ? "no date shows whether the day or the month comes first: dates that fit both are refused unless the mapping file says"
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
        guard !counts.isEmpty else { return "no values" }
        let ordered = counts.values.sorted { ($0.rows, $1.text) > ($1.rows, $0.text) }
        let shown = ordered.prefix(8).map { entry -> String in
            var probe = CSVRecord(row: 0, cells: Array(repeating: "", count: columns.count))
            probe.cells[column.index] = entry.text
            let result = row(probe, today: today)
            let outcome =
                result.issues.contains { $0.field == field && $0.column == column.header }
                ? "not recognised" : "as " + (result.draft[field].isEmpty ? "nothing" : result.draft[field])
            let rows = entry.rows == 1 ? "1 row" : "\(entry.rows) rows"
            return "\"\(Sanitized.inline(entry.text, limit: 30))\" \(outcome) (\(rows))"
        }
        let more = ordered.count > 8 ? ", and \(ordered.count - 8) more values" : ""
        return "values " + shown.joined(separator: ", ") + more
    }
}
