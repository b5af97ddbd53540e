/// Writes rows as CSV in a file's own format: its separator, line end, encoding and byte-order mark,
/// so that a spreadsheet opens the file of refused rows as it opened the original.
package struct CSVWriter: Sendable {
    package var separator: Separator
    package var lineBreak: String
    package var encoding: TextEncoding

    package init(separator: Separator, lineBreak: String = "\r\n", encoding: TextEncoding) {
        self.separator = separator
        self.lineBreak = lineBreak
        self.encoding = encoding
    }

    /// The same format as `table`, read from a file in `encoding`.
    package init(like table: CSVTable, encoding: TextEncoding) {
        self.init(separator: table.separator, lineBreak: table.lineBreak, encoding: encoding)
    }

    /// The file's bytes: every row, each cell made safe (`SpreadsheetCell.safe`) and quoted where
    /// needed; after Excel's `sep=` line when `separatorLine` is true.
    package func bytes(rows: [[String]], separatorLine: Bool = false) -> [UInt8] {
        var text = separatorLine ? "sep=\(separator.character)\(lineBreak)" : ""
        for row in rows {
            text += row.map(cell).joined(separator: String(separator.character))
            text += lineBreak
        }
        return encoding.encode(text)
    }

    /// One cell as CSV text.
    package func cell(_ text: String) -> String {
        let safe = SpreadsheetCell.safe(text)
        let separatorByte = separator.rawValue
        let needsQuotes =
            safe.utf8.contains { $0 == separatorByte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || safe.utf8.first == 0x20 || safe.utf8.last == 0x20 || safe.utf8.first == 0x27
        guard needsQuotes else { return safe }
        return "\"" + safe.replacing("\"", with: "\"\"") + "\""
    }
}

/// Cells a spreadsheet would run as a formula, made inert.
///
/// A cell starting with = + - @, a tab or a carriage return is a formula, or becomes one, when a
/// spreadsheet opens the file (OWASP's CSV injection); such a cell is written with a leading
/// apostrophe, which spreadsheets show as text. Reading strips that apostrophe again, so a phone
/// number "+47 912 34 567" goes out to be corrected and comes back unchanged.
package enum SpreadsheetCell {
    package static func isRisky(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return false }
        return first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D
    }

    /// The text to write. A text that itself starts like a guarded one ("'=x") gets a guard too,
    /// so that reading gives it back.
    package static func safe(_ text: String) -> String {
        isRisky(text) || unguarded(text) != text ? "'" + text : text
    }

    /// The text a written cell stood for: `safe` undone.
    package static func unguarded(_ text: String) -> String {
        guard text.utf8.first == UInt8(ascii: "'") else { return text }
        let rest = String(text.unicodeScalars.dropFirst())
        return isRisky(rest) || unguarded(rest) != rest ? rest : text
    }
}
