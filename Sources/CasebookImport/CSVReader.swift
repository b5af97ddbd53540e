/// The character between cells.
package enum Separator: UInt8, CaseIterable, Sendable, CustomStringConvertible {
    case semicolon = 0x3B
    case comma = 0x2C
    case tab = 0x09

    package var character: Character { Character(Unicode.Scalar(rawValue)) }

    package var description: String {
        switch self {
        case .semicolon: return "semicolon (;)"
        case .comma: return "comma (,)"
        case .tab: return "tab"
        }
    }
}

/// One record of a CSV file: its row as a spreadsheet shows it and its cells.
package struct CSVRecord: Sendable, Hashable {
    /// The row number a spreadsheet shows: the header is row 1, a line break inside quotes
    /// does not start a row, an empty line is a row.
    package var row: Int
    package var cells: [String]
    /// Cells (by index) where text followed a closing quote (`"abc"def`): read as a spreadsheet
    /// reads them, and refused, as what was meant is unclear.
    package var malformedCells: [Int]

    package init(row: Int, cells: [String], malformedCells: [Int] = []) {
        self.row = row
        self.cells = cells
        self.malformedCells = malformedCells
    }

    /// True for a row with no text in any cell: a blank line, or only separators.
    package var isBlank: Bool { cells.allSatisfy { $0.utf8.allSatisfy { $0 == 0x20 } } }
}

/// A CSV file as records, RFC 4180 as spreadsheets write it: the separator detected, quoted cells
/// holding separators, doubled quotes and line breaks, CRLF, LF or CR line ends.
///
/// Written here rather than taken from CSV.swift 2.5.2 or SwiftCSV 0.10.0, both tried on these
/// cases: with a quote that never closes, both read the rest of the file silently as one cell;
/// with text after a closing quote (`"abc"def;2`) CSV.swift drops a character and runs the rest
/// of the file into one cell, and SwiftCSV throws for the whole file without saying where. An
/// import must name the row instead, and lose nothing.
package struct CSVTable: Sendable {
    package var separator: Separator
    /// The line end of the first row, written again in the file of refused rows.
    package var lineBreak: String
    /// True when the file starts with Excel's `sep=;` line, which spreadsheets do not show as a row.
    package var hasSeparatorLine: Bool
    package var records: [CSVRecord]

    /// Reads `text`; finds the separator when none is given.
    package init(text: String, separator: Separator? = nil) throws(ImportFileError) {
        var bytes = Array(text.utf8)
        var hint: Separator?
        hasSeparatorLine = false
        if let line = CSVTable.separatorLine(bytes) {
            hint = line.separator
            hasSeparatorLine = true
            bytes.removeFirst(line.length)
        }
        guard bytes.contains(where: { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 }) else { throw .empty }
        let chosen: Separator
        if let given = separator ?? hint { chosen = given } else { chosen = try CSVTable.detectSeparator(bytes) }
        self.separator = chosen
        lineBreak = CSVTable.firstLineBreak(bytes)
        records = try CSVTable.parse(bytes, separator: chosen.rawValue, limit: nil)
    }

    /// Excel's first line `sep=;` (or `sep=,`, `sep=<tab>`) and its length with its line end.
    private static func separatorLine(_ bytes: [UInt8]) -> (separator: Separator, length: Int)? {
        guard bytes.count >= 5, bytes[0...3].map({ $0 | 0x20 }) == Array("sep=".utf8),
            let separator = Separator(rawValue: bytes[4])
        else { return nil }
        var length = 5
        while length < bytes.count && length < 7 && (bytes[length] == 0x0D || bytes[length] == 0x0A) { length += 1 }
        guard length > 5 || length == bytes.count else { return nil }
        return (separator, length)
    }

    private static func firstLineBreak(_ bytes: [UInt8]) -> String {
        var quoted = false
        for (index, byte) in bytes.enumerated() {
            if byte == 0x22 { quoted.toggle() }
            guard !quoted else { continue }
            if byte == 0x0A { return "\n" }
            if byte == 0x0D { return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? "\r\n" : "\r" }
        }
        return "\r\n"
    }

    /// The separator that splits the header into the most columns while the first rows split into
    /// as many; a semicolon file whose names hold commas ("Hansen, Ola") stays a semicolon file.
    private static func detectSeparator(_ bytes: [UInt8]) throws(ImportFileError) -> Separator {
        var best: (separator: Separator, score: (Int, Int))?
        var failure: ImportFileError?
        for candidate in Separator.allCases {
            let sample: [CSVRecord]
            do { sample = try parse(bytes, separator: candidate.rawValue, limit: 50) } catch {
                failure = error
                continue
            }
            guard let header = sample.first, header.cells.count > 1 else { continue }
            let rows = sample.dropFirst().filter { !$0.isBlank }
            let consistent = rows.filter { $0.cells.count == header.cells.count }.count
            let score = (rows.isEmpty ? 100 : consistent * 100 / rows.count, header.cells.count)
            if let current = best, current.score >= score { continue }
            best = (candidate, score)
        }
        guard let best else { throw failure ?? .noSeparator }
        return best.separator
    }

    /// The state machine of RFC 4180, byte by byte: separators, quotes and line ends are ASCII,
    /// so they never occur inside a UTF-8 sequence.
    private static func parse(_ bytes: [UInt8], separator: UInt8, limit: Int?) throws(ImportFileError) -> [CSVRecord] {
        let quote: UInt8 = 0x22
        let cr: UInt8 = 0x0D
        let lf: UInt8 = 0x0A
        var records: [CSVRecord] = []
        var cells: [String] = []
        var malformed: [Int] = []
        var cell: [UInt8] = []
        var index = 0
        var row = 1
        var quotedCellRow = 0
        let count = bytes.count

        func endCell() {
            cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endCell()
            records.append(CSVRecord(row: row, cells: cells, malformedCells: malformed))
            cells = []
            malformed = []
            row += 1
        }

        while index < count {
            if let limit, records.count >= limit { return records }
            // At the start of a cell.
            if bytes[index] == quote {
                quotedCellRow = row
                index += 1
                var closed = false
                while index < count {
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < count && bytes[index + 1] == quote {
                            cell.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    cell.append(byte)
                    index += 1
                }
                guard closed else { throw .unterminatedQuote(row: quotedCellRow) }
                // After the closing quote: a separator, a line end, the end, or stray text.
                if index < count && bytes[index] != separator && bytes[index] != cr && bytes[index] != lf {
                    malformed.append(cells.count)
                }
            }
            // The unquoted part of a cell, up to a separator or a line end. A quote here is text,
            // as spreadsheets read it (`5" screen`).
            while index < count {
                let byte = bytes[index]
                if byte == separator || byte == cr || byte == lf { break }
                cell.append(byte)
                index += 1
            }
            guard index < count else { break }
            let byte = bytes[index]
            index += 1
            if byte == separator {
                endCell()
                if index == count { endRecord() }
                continue
            }
            if byte == cr && index < count && bytes[index] == lf { index += 1 }
            endRecord()
        }
        if !cell.isEmpty || !cells.isEmpty { endRecord() }
        return records
    }
}
