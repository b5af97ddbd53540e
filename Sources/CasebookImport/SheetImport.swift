import CasebookCore
import CasebookL10n
import CasebookText

/// A spreadsheet as every kind of import reads it: decoded, parsed, with a header and its data
/// rows. What differs between clients, assessments and qualifications is which columns a kind
/// reads and how a row becomes its Core draft (`SheetImport`); the file itself is read once, here.
package struct ImportSheet: Sendable {
    package let encoding: TextEncoding
    package let table: CSVTable
    /// The data rows, blank ones left out.
    package let dataRecords: [CSVRecord]

    /// Decodes and parses a file; what cannot be read at all throws one sentence.
    package init(bytes: [UInt8]) throws(ImportFileError) {
        if bytes.isEmpty { throw .empty }
        let decoded = try TextEncoding.decode(bytes)
        encoding = decoded.encoding
        table = try CSVTable(text: decoded.text)
        guard let header = table.records.first, header.cells.contains(where: { !trimmedCell($0).isEmpty }) else {
            throw .noHeader
        }
        dataRecords = table.records.dropFirst().filter { !$0.isBlank }
    }

    /// The header's cells as the file writes them.
    package var headers: [String] { table.records.first?.cells ?? [] }

    /// The number of blank rows between or after the data, which are skipped.
    package var blankRows: Int { table.records.count - 1 - dataRecords.count }

    /// What the dates of each of these columns show about their order (day or month first), so
    /// that a row's `03.04.2024` is read as the rest of its column is.
    func dateEvidence(of columns: some Sequence<Int>) -> [Int: ImportDate.Evidence] {
        var evidence: [Int: ImportDate.Evidence] = [:]
        for index in columns {
            var seen = ImportDate.Evidence()
            for record in dataRecords where index < record.cells.count {
                seen.observe(ImportDate.form(of: record.cells[index]), row: record.row)
            }
            evidence[index] = seen
        }
        return evidence
    }

    /// The bytes of the file of refused rows: the reason first, then the row's cells as read,
    /// in the file's own separator, line end, encoding and byte-order mark, so that the officer
    /// corrects the rows there and imports that file (its reason column is then passed over).
    func refusedRowsFile(_ rows: some Sequence<some RefusableRow>) -> [UInt8] {
        let writer = CSVWriter(like: table, encoding: encoding)
        var lines: [[String]] = [[ClientImport.reasonHeader] + headers]
        for row in rows where !row.issues.isEmpty {
            lines.append([row.issues.map(\.reason).joined(separator: "; ")] + row.cells)
        }
        return writer.bytes(rows: lines, separatorLine: table.hasSeparatorLine)
    }
}

/// A row of any import, as the file of refused rows writes it back.
package protocol RefusableRow {
    /// What a valid row is read into: a client, or the draft of a record.
    associatedtype Valid
    /// The spreadsheet's row number (the header is row 1).
    var row: Int { get }
    /// The cells as the file holds them.
    var cells: [String] { get }
    /// The validated row, or every problem of the row.
    var outcome: Result<Valid, RowProblems> { get }
}

extension RefusableRow {
    /// Every problem of the row; none for a row that was read.
    package var issues: [RowIssue] {
        if case .failure(let problems) = outcome { return problems.issues }
        return []
    }
}

/// How a column came to be read as it is, or why it is not.
package enum ColumnSource: Equatable, Sendable {
    case header(ImportLanguage)
    /// The form's own label or field name ("Date of birth", "date_of_birth").
    case formName
    case mappingFile
    case ignoredByMapping
    /// The reason column of a file of refused rows.
    case reasonColumn
    case unrecognised
    /// Another column already holds the target (its 0-based index).
    case duplicate(of: Int)
}

/// A column of the file and what one kind of import reads it as: a client field, or a column of
/// a file of assessments or qualifications.
package struct SheetColumn<Target: Hashable & Sendable>: Sendable, Equatable {
    package typealias Source = ColumnSource

    /// 0-based.
    package var index: Int
    package var header: String
    package var target: Target?
    package var source: ColumnSource

    /// Reads a header row: the mapping file first (a column it ignores, or names), then the reason
    /// column of a file of refused rows, then the kind's header words; a second column of the same
    /// target is not read.
    static func recognise(
        _ headers: [String], ignored: (String) -> Bool, mapped: (String) -> Target?,
        words: [String: (Target, ColumnSource)]
    ) -> [SheetColumn] {
        var columns: [SheetColumn] = []
        var taken: [Target: Int] = [:]
        for (index, header) in headers.enumerated() {
            var column = SheetColumn(index: index, header: trimmedCell(header), target: nil, source: .unrecognised)
            let key = Vocabulary.normalized(header)
            if ignored(header) {
                column.source = .ignoredByMapping
            } else if let target = mapped(header) {
                column.target = target
                column.source = .mappingFile
            } else if key == Vocabulary.normalized(ClientImport.reasonHeader) {
                column.source = .reasonColumn
            } else if let (target, source) = words[key] {
                column.target = target
                column.source = source
            }
            if let target = column.target {
                if let first = taken[target] {
                    column.target = nil
                    column.source = .duplicate(of: first)
                } else {
                    taken[target] = index
                }
            }
            columns.append(column)
        }
        return columns
    }

    /// The cell of this column as a form's field holds it: the spreadsheet guard taken off,
    /// trimmed, on one line (`separator` joins its lines); nil where the row is short.
    func text(in record: CSVRecord, separator: String = " ") -> String? {
        guard index < record.cells.count else { return nil }
        return ClientImport.oneLine(
            trimmedCell(SpreadsheetCell.unguarded(record.cells[index])), separator: separator)
    }
}

/// One kind of import (clients, language assessments, qualifications): the machinery it shares
/// with the others is the file (`ImportSheet`), the columns' recognition (`SheetColumn`), the
/// problems of a row in column order, and the file of refused rows; what is its own is its
/// columns and how a row becomes its Core draft and is validated by it (`rows(today:)`).
package protocol SheetImport: Sendable {
    associatedtype Target: Hashable & Sendable
    associatedtype Row: RefusableRow

    var sheet: ImportSheet { get }
    /// Every column of the header, read or not, in file order.
    var columns: [SheetColumn<Target>] { get }
    /// Each data row, read and validated, in file order.
    func rows(today: Day) -> [Row]
}

extension SheetImport {
    package var encoding: TextEncoding { sheet.encoding }
    package var table: CSVTable { sheet.table }
    /// The data rows, blank ones left out.
    package var dataRecords: [CSVRecord] { sheet.dataRecords }
    /// The number of blank rows between or after the data, which are skipped.
    package var blankRows: Int { sheet.blankRows }

    /// The first column read as `target`.
    package func column(_ target: Target) -> SheetColumn<Target>? { columns.first { $0.target == target } }

    /// The bytes of the file of refused rows (`ImportSheet.refusedRowsFile`).
    package func refusedRowsFile(_ rows: [Row]) -> [UInt8] { sheet.refusedRowsFile(rows) }

    /// A cell with text after its closing quote, for each such cell of a read column's place.
    func malformedCellIssues(_ record: CSVRecord) -> [RowIssue] {
        record.malformedCells.filter { $0 < columns.count }.map { index in
            RowIssue(
                row: record.row, column: columns[index].header, field: nil,
                message: tr("text follows the closing quote of this cell; put the whole cell in quotes"))
        }
    }

    /// A row's problems as they are reported: those of the whole row first, then by column.
    func ordered(_ issues: [RowIssue]) -> [RowIssue] {
        func rank(_ issue: RowIssue) -> Int {
            guard let column = issue.column else { return -1 }
            return columns.first { $0.header == column }?.index ?? columns.count
        }
        return issues.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(
            \.element)
    }
}
