import CasebookCore

/// A client list written out for a meeting or a register: CSV that spreadsheets open safely, or
/// JSON. The columns are the list's (case number, name, officer, phase, arrival, flags) and then
/// every other field of the record, as codes and ISO dates, keyed by the form's field names.
package enum ClientExport {
    /// The columns' keys, in order: machine keys, the same in every language.
    package static let keys: [String] =
        ["case_number", "family_name", "given_names", "officer", "phase", "arrival_date", "vulnerabilities"]
        + ClientField.allCases.map(\.rawValue).filter {
            !["case_number", "family_name", "given_names", "arrival_date", "vulnerabilities"].contains($0)
        }

    /// One client's cells, in the order of `keys`.
    package static func cells(_ client: Client, officer: String?) -> [String] {
        let values = ClientDraft(client).values
        return keys.map { key in
            switch key {
            case "officer": return officer ?? ""
            case "phase": return client.phase.rawValue
            default: return ClientField(rawValue: key).map { values[$0] ?? "" } ?? ""
            }
        }
    }

    /// The file's bytes. CSV: UTF-8 with a byte-order mark (so that Excel reads the letters
    /// right), commas, CRLF, every cell through `SpreadsheetCell.safe`. JSON: an array of objects.
    package static func bytes(_ rows: [(client: Client, officer: String?)], format: ExportFormat) -> [UInt8] {
        switch format {
        case .csv:
            let writer = CSVWriter(separator: .comma, lineBreak: "\r\n", encoding: .utf8(byteOrderMark: true))
            return writer.bytes(rows: [keys] + rows.map { cells($0.client, officer: $0.officer) })
        case .json:
            var out = "[\n"
            for (index, row) in rows.enumerated() {
                let fields = zip(keys, cells(row.client, officer: row.officer)).map {
                    "\(DashboardReport.jsonString($0)): \(DashboardReport.jsonString($1))"
                }
                out += "  {" + fields.joined(separator: ", ") + "}" + (index + 1 < rows.count ? ",\n" : "\n")
            }
            return Array((out + "]\n").utf8)
        }
    }
}
