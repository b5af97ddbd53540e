import CasebookCore
import CasebookL10n
import CasebookText

/// One problem of one row, where a spreadsheet shows it:
/// `row 14, column "Fødselsdato": 31.02.1990 is not a date`.
package struct RowIssue: Hashable, Sendable, CustomStringConvertible {
    package var row: Int
    /// The column's header as the file writes it, or nil for a problem of the whole row.
    package var column: String?
    package var field: ClientField?
    package var message: String

    package init(row: Int, column: String?, field: ClientField?, message: String) {
        self.row = row
        self.column = column
        self.field = field
        self.message = message
    }

    /// The problem without its row, as the reason column of the refused rows writes it.
    package var reason: String {
        let text = message.hasSuffix(".") ? String(message.dropLast()) : message
        guard let column else { return text }
        return "column \"\(Sanitized.inline(column, limit: 40))\": \(text)"
    }

    package var description: String { column == nil ? "row \(row): \(reason)" : "row \(row), \(reason)" }
}

/// A data row of the file read into the client form's draft, and validated by it.
package struct ClientRow: Sendable, RefusableRow {
    package var row: Int
    /// The cells as the file holds them, for the file of refused rows.
    package var cells: [String]
    /// The draft as the client form would hold it: codes and ISO dates, as mapped from the cells.
    package var draft: ClientDraft
    /// The client's id in the system the file comes from, when a column holds one.
    package var externalID: String?
    /// False when the row has no case number: the Store numbers it when it imports it, and the
    /// client here carries a stand-in number that only let the rest be validated.
    package var hasCaseNumber: Bool
    /// The client, or every problem of the row.
    package var outcome: Result<Client, RowProblems>
}

/// Every problem of a refused row, in column order.
package struct RowProblems: Error, Hashable, Sendable {
    package var issues: [RowIssue]

    package init(issues: [RowIssue]) { self.issues = issues }
}

/// A column of the file and the client field (or external id) it is read as.
package typealias ImportColumn = SheetColumn<ImportTarget>

/// A spreadsheet of clients read for import: the file decoded and parsed, its columns recognised
/// (or mapped by a mapping file), each row turned into the client form's draft and validated by
/// it. Nothing here touches a database: the Store imports the rows that came out valid.
package struct ClientImport: SheetImport {
    /// The header written above the reasons in the file of refused rows, and ignored when that
    /// file comes back corrected.
    package static let reasonHeader = "Reason"

    package let sheet: ImportSheet
    package let columns: [ImportColumn]
    package let mapping: ImportMapping
    let catalogue: NameCatalogue
    let dateEvidence: [Int: ImportDate.Evidence]
    /// The mapping file's order of dates, by column index.
    private let dateOrders: [Int: DateOrder]

    /// Decodes, parses and recognises a file; what cannot be read at all throws one sentence.
    package init(bytes: [UInt8], mapping: ImportMapping = ImportMapping(), catalogue: NameCatalogue)
        throws(ImportFileError)
    {
        sheet = try ImportSheet(bytes: bytes)
        self.mapping = mapping
        self.catalogue = catalogue
        columns = ImportColumn.recognise(
            sheet.headers, ignored: { mapping.choice(forHeader: $0) == .ignore },
            mapped: { header in
                if case .target(let target)? = mapping.choice(forHeader: header) { return target }
                return nil
            }, words: ClientImport.headerWords)
        dateEvidence = sheet.dateEvidence(
            of: columns.filter { column in
                guard case .field(let field)? = column.target else { return false }
                return ClientImport.dateFields.contains(field)
            }.map(\.index))
        var orders: [Int: DateOrder] = [:]
        for column in columns { orders[column.index] = mapping.dateOrder(forHeader: column.header) }
        dateOrders = orders
    }

    private static let dateFields: Set<ClientField> = [.dateOfBirth, .arrivalDate, .permitExpiry]

    /// Required fields no column holds: every row is refused for each.
    package var missingRequiredFields: [ClientField] {
        ClientField.allCases.filter { field in
            field.isRequired && field != .caseNumber && !columns.contains { $0.target == .field(field) }
        }
    }

    /// Each data row, read and validated, in file order.
    package func rows(today: Day) -> [ClientRow] {
        var memo = ValueMemo()
        return dataRecords.map { row($0, today: today, memo: &memo) }
    }

    /// What the cells of coded columns became, by column and text: a column of sexes or
    /// countries holds a handful of distinct texts over thousands of rows.
    struct ValueMemo {
        var values: [Int: [String: Result<String, CellProblem>]] = [:]
    }

    // MARK: Columns

    /// The header index: every recognised header word, the form's labels and field names. The
    /// labels are the English ones whatever language Casebook speaks: a file's words do not
    /// change with the officer reading them (the vocabulary holds the other languages').
    private static let headerWords: [String: (ImportTarget, ImportColumn.Source)] = Messages.speaking(nil) {
        var words: [String: (ImportTarget, ImportColumn.Source)] = [:]
        for target in ImportTarget.all {
            words[Vocabulary.normalized(target.key)] = (target, .formName)
            words[Vocabulary.normalized(target.description)] = (target, .formName)
        }
        for (target, languages) in Vocabulary.headers {
            for language in ImportLanguage.allCases {
                for word in languages[language] ?? [] where words[Vocabulary.normalized(word)] == nil {
                    words[Vocabulary.normalized(word)] = (target, .header(language))
                }
            }
        }
        return words
    }

    /// The target of a header by the vocabulary alone, for tests and the mapping report.
    package static func recognisedTarget(_ header: String) -> (target: ImportTarget, source: ImportColumn.Source)? {
        headerWords[Vocabulary.normalized(header)].map { (target: $0.0, source: $0.1) }
    }

    // MARK: Rows

    /// Reads one record into a draft, maps its values, validates it with the client form's rules.
    package func row(_ record: CSVRecord, today: Day) -> ClientRow {
        var memo = ValueMemo()
        return row(record, today: today, memo: &memo)
    }

    func row(_ record: CSVRecord, today: Day, memo: inout ValueMemo) -> ClientRow {
        var issues: [RowIssue] = []
        var draft = ClientDraft(values: Dictionary(minimumCapacity: ClientField.allCases.count))
        var externalID: String?
        let headerCount = columns.count
        if record.cells.count > headerCount, record.cells[headerCount...].contains(where: { !trimmedCell($0).isEmpty })
        {
            issues.append(
                RowIssue(
                    row: record.row, column: nil, field: nil,
                    message:
                        "the row has \(record.cells.count) cells where the header has \(headerCount); put quotes around a cell that holds the separator"
                ))
        }
        issues += malformedCellIssues(record)
        var failedFields: Set<ClientField> = []
        for column in columns {
            guard let target = column.target,
                let text = column.text(in: record, separator: target == .field(.address) ? ", " : " ")
            else { continue }
            switch target {
            case .externalID:
                if !text.isEmpty { externalID = text }
            case .field(let field):
                let result: Result<String, CellProblem>
                if ImportMapping.ValueKind(field) != nil {
                    if let known = memo.values[column.index]?[text] {
                        result = known
                    } else {
                        result = value(text, field: field, column: column, today: today)
                        memo.values[column.index, default: [:]][text] = result
                    }
                } else {
                    result = value(text, field: field, column: column, today: today)
                }
                switch result {
                case .success(let value): draft[field] = value
                case .failure(let message):
                    failedFields.insert(field)
                    issues.append(RowIssue(row: record.row, column: column.header, field: field, message: message.text))
                }
            }
        }
        let hasCaseNumber = !draft[.caseNumber].isEmpty
        var checked = draft
        // Without a case number the Store numbers the row on import; a stand-in lets the rest be checked.
        if !hasCaseNumber && !failedFields.contains(.caseNumber) { checked[.caseNumber] = "\(today.year)-000001" }
        var outcome: Result<Client, RowProblems>
        do {
            outcome = .success(try checked.validated(today: today))
        } catch {
            for issue in error.issues where !failedFields.contains(issue.field) {
                let column = columns.first { $0.target == .field(issue.field) }
                let message =
                    column == nil
                    ? tr(
                        "{field} is required, and no column holds it; name one in the mapping file",
                        ["field": issue.field.label])
                    : issue.message
                issues.append(RowIssue(row: record.row, column: column?.header, field: issue.field, message: message))
            }
            outcome = .failure(RowProblems(issues: ordered(issues)))
        }
        if case .success = outcome, !issues.isEmpty {
            outcome = .failure(RowProblems(issues: ordered(issues)))
        }
        return ClientRow(
            row: record.row, cells: record.cells, draft: draft, externalID: externalID, hasCaseNumber: hasCaseNumber,
            outcome: outcome)
    }

    /// A message about a cell, as an error.
    struct CellProblem: Error { let text: String }

    /// The cell's text as the draft holds the field: codes and ISO dates.
    private func value(_ text: String, field: ClientField, column: ImportColumn, today: Day) -> Result<
        String, CellProblem
    > {
        guard !text.isEmpty else { return .success("") }
        var shown: String { Sanitized.inline(text, limit: 40) }
        let kind = ImportMapping.ValueKind(field)
        if let kind, field != .languages, field != .vulnerabilities, let code = mapping.code(for: text, kind: kind) {
            return .success(code)
        }
        func unknown(_ what: String, _ hint: String) -> Result<String, CellProblem> {
            .failure(
                CellProblem(text: "\"\(shown)\" is not \(what) Casebook knows; \(hint), or map it in the mapping file"))
        }
        func choice<Value: RawRepresentable & CaseIterable>(
            _ words: [String: Value], _ what: String
        ) -> Result<String, CellProblem> where Value.RawValue == String {
            guard let value = words[Vocabulary.normalized(text)] else {
                return unknown(what, "write one of " + Value.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return .success(value.rawValue)
        }
        func named(
            _ match: NameCatalogue.Match, _ what: String, _ hint: String, name: (String) -> String
        ) -> Result<String, CellProblem> {
            switch match {
            case .code(let code): return .success(code)
            case .ambiguous(let codes):
                let names = codes.map { "\(name($0)) (\($0))" }.joined(separator: " or ")
                return .failure(CellProblem(text: "\"\(shown)\" could be \(names); write the ISO code"))
            case .unknown: return unknown(what, hint)
            }
        }
        switch field {
        case .caseNumber:
            return .success(ClientImport.paddedCaseNumber(text))
        case .dateOfBirth, .arrivalDate, .permitExpiry:
            let read = ImportDate.read(
                text, order: dateOrders[column.index],
                evidence: dateEvidence[column.index] ?? ImportDate.Evidence(), today: today,
                canLieAhead: field == .permitExpiry)
            switch read {
            case .success(let day): return .success(day?.iso ?? "")
            case .failure(let problem): return .failure(CellProblem(text: problem.description))
            }
        case .sex:
            return choice(ClientImport.sexWords, "a sex")
        case .residenceCategory:
            return choice(ClientImport.residenceWords, "a residence category")
        case .programmeStatus:
            return choice(ClientImport.statusWords, "a right-or-obligation status")
        case .vulnerabilities:
            let found = PhraseList.split(text, maximumWords: 5) { phrase -> Vulnerability? in
                if let code = mapping.code(for: phrase, kind: .vulnerabilities) { return Vulnerability(rawValue: code) }
                return ClientImport.vulnerabilityWords[phrase]
            }
            if let first = found.unknown.first {
                return .failure(
                    CellProblem(
                        text: "\"\(Sanitized.inline(first, limit: 40))\" is not a vulnerability Casebook knows; write "
                            + Vulnerability.allCases.map(\.rawValue).joined(separator: ", ")
                            + ", or map it in the mapping file"))
            }
            return .success(found.codes.map(\.rawValue).joined(separator: ", "))
        case .countryOfBirth, .nationality:
            return named(catalogue.country(text), "a country", "write its ISO code, e.g. SY", name: Countries.name)
        case .languages:
            let found = PhraseList.split(text, maximumWords: 4) { phrase -> String? in
                if let code = mapping.code(for: phrase, kind: .language) { return code }
                if case .code(let code) = catalogue.language(phrase) { return code }
                return nil
            }
            if let first = found.unknown.first {
                return .failure(
                    CellProblem(
                        text:
                            "\"\(Sanitized.inline(first, limit: 40))\" is not a language Casebook knows; write its ISO 639 code, e.g. ar, or map it in the mapping file"
                    ))
            }
            return .success(found.codes.joined(separator: ", "))
        case .interpreterLanguage:
            return named(
                catalogue.language(text), "a language", "write its ISO 639 code, e.g. ar", name: Languages.name)
        case .familyName, .givenNames, .otherNames, .municipality, .phone, .email, .address:
            return .success(text)
        }
    }

    /// A cell on one line, as the form's fields are: an address written on two lines in its cell
    /// becomes "Storgata 1, 0155 Oslo"; a line break elsewhere, or a tab, a space.
    static func oneLine(_ text: String, separator: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else { return text }
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map {
            trimmedCell(String($0))
        }
        return lines.filter { !$0.isEmpty }.joined(separator: separator).replacing("\t", with: " ")
    }

    /// "2024-123" as the form writes it, "2024-000123"; anything else as it is, for the draft to judge.
    static func paddedCaseNumber(_ text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...6).contains(parts[1].count),
            (parts[0] + parts[1]).utf8.allSatisfy({ (48...57).contains($0) })
        else { return text }
        return parts[0] + "-" + String(repeating: "0", count: 6 - parts[1].count) + parts[1]
    }

    private static func index<Value: RawRepresentable & CaseIterable>(
        _ words: [Value: Vocabulary.Words], labels: (Value) -> String
    ) -> [String: Value] where Value.RawValue == String {
        var index: [String: Value] = [:]
        for value in Value.allCases {
            index[Vocabulary.normalized(value.rawValue)] = value
            index[Vocabulary.normalized(labels(value))] = value
            for language in ImportLanguage.allCases {
                for word in words[value]?[language] ?? [] { index[Vocabulary.normalized(word)] = value }
            }
        }
        return index
    }

    // The English labels, whatever language Casebook speaks (see `headerWords`).
    static let sexWords = Messages.speaking(nil) { index(Vocabulary.sex, labels: \.label) }
    static let residenceWords = Messages.speaking(nil) { index(Vocabulary.residenceCategory, labels: \.label) }
    static let statusWords = Messages.speaking(nil) { index(Vocabulary.programmeStatus, labels: \.label) }
    static let vulnerabilityWords = Messages.speaking(nil) { index(Vocabulary.vulnerabilities, labels: \.label) }
}
