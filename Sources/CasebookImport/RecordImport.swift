import CasebookCore
import CasebookText
import CasebookL10n

/// A data row of a file of assessments or qualifications: the client it names and the record.
package struct RecordRow: Sendable, RefusableRow {
    package var row: Int
    package var cells: [String]
    /// The client, by case number (as the form writes it) or by the other system's id.
    package var caseNumber: String?
    package var externalID: String?
    /// The draft, validated by the form's rules, or every problem of the row.
    package var outcome: Result<RecordDraft, RowProblems>
}

/// A spreadsheet of language assessments (client, date, skill, level, instrument, provider) or
/// foreign qualifications (client, title, country, level, year) for clients already held, read
/// as the client import reads its files: the same decoding, CSV, dates and refused-rows file,
/// headers in five languages, every row validated by the form's draft. The Store finds the
/// clients and writes the records.
package struct RecordImport: SheetImport {
    /// A column an import of records reads; the raw value is the mapping file's name for it.
    package enum Column: String, CaseIterable, Sendable, CustomStringConvertible {
        case caseNumber = "case_number"
        case externalID = "external_id"
        case date, skill, level, instrument, provider, certified
        case title, country, year, field, institution, documents, regulated, identified
        /// The recognition procedure, a variant of the client's programme (empty: the standard
        /// one); the Store reads it against the client's programme.
        case procedure

        package var description: String { rawValue }

        /// The columns of a kind; the first two name the client.
        package static func of(_ kind: RecordKind) -> [Column] {
            switch kind {
            case .assessments: [.caseNumber, .externalID, .date, .skill, .level, .instrument, .provider, .certified]
            case .qualifications:
                [
                    .caseNumber, .externalID, .title, .country, .level, .year, .field, .institution, .documents,
                    .regulated, .identified, .procedure,
                ]
            }
        }

        /// Columns every file of the kind must hold (the client is either of two).
        static func required(_ kind: RecordKind) -> [Column] {
            switch kind {
            case .assessments: [.date, .skill, .level, .instrument, .provider]
            case .qualifications: [.title, .country, .level, .year]
            }
        }
    }

    package let kind: RecordKind
    package let sheet: ImportSheet
    /// Every column of the header; a column not imported has no target.
    package let columns: [SheetColumn<Column>]
    let mapping: ImportMapping
    let catalogue: NameCatalogue
    private let dateEvidence: [Int: ImportDate.Evidence]

    package init(kind: RecordKind, bytes: [UInt8], mapping: ImportMapping = ImportMapping(), catalogue: NameCatalogue)
        throws(ImportFileError)
    {
        sheet = try ImportSheet(bytes: bytes)
        self.kind = kind
        self.mapping = mapping
        self.catalogue = catalogue
        columns = SheetColumn.recognise(
            sheet.headers, ignored: { mapping.choice(forHeader: $0) == .ignore },
            mapped: { mapping.recordColumns[Vocabulary.normalized($0)].flatMap(Column.init(rawValue:)) },
            words: RecordImport.headerWords(kind))
        dateEvidence = sheet.dateEvidence(
            of: columns.filter { $0.target == .date || $0.target == .identified }.map(\.index))
    }

    /// Required columns the file lacks, and whether any column names the client: the command
    /// refuses such a file before reading a row.
    package var missingColumns: [Column] {
        let held = Set(columns.compactMap(\.target))
        var missing = Column.required(kind).filter { !held.contains($0) }
        if !held.contains(.caseNumber) && !held.contains(.externalID) { missing.insert(.caseNumber, at: 0) }
        return missing
    }

    /// What the dry run prints before the counts: how the file was read, column by column.
    package func mappingLines() -> [String] {
        var lines = [
            tr(
                "File: {encoding}; cells separated by {separator}; {rows} rows after the header.",
                ["encoding": "\(encoding)", "separator": "\(table.separator)", "rows": String(dataRecords.count)])
        ]
        for entry in columns {
            let name = Sanitized.inline(entry.header, limit: 40)
            if let column = entry.target {
                lines.append(
                    tr(
                        "Column {index} \"{header}\": {column}",
                        ["index": String(entry.index + 1), "header": name, "column": column.rawValue]))
            } else {
                lines.append(
                    tr("Column {index} \"{header}\": not imported", ["index": String(entry.index + 1), "header": name]))
            }
        }
        for column in missingColumns {
            lines.append(
                tr(
                    "No column holds {column}, which is required; name one in the mapping file.",
                    ["column": column.rawValue]))
        }
        return lines
    }

    /// Each data row, read and validated, in file order.
    package func rows(today: Day) -> [RecordRow] { dataRecords.map { row($0, today: today) } }

    // MARK: Rows

    private func row(_ record: CSVRecord, today: Day) -> RecordRow {
        var issues: [RowIssue] = []
        var cells: [Column: (header: String, text: String, index: Int)] = [:]
        for entry in columns {
            guard let column = entry.target, let text = entry.text(in: record), !text.isEmpty else { continue }
            cells[column] = (entry.header, text, entry.index)
        }
        issues += malformedCellIssues(record)
        func problem(_ column: Column, _ message: String) {
            issues.append(RowIssue(row: record.row, column: cells[column]?.header, field: nil, message: message))
        }
        func shown(_ column: Column) -> String { Sanitized.inline(cells[column]?.text ?? "", limit: 40) }
        let caseNumber = cells[.caseNumber].map { ClientImport.paddedCaseNumber($0.text) }
        let externalID = cells[.externalID]?.text
        if let caseNumber, (try? CaseNumber(caseNumber)) == nil {
            problem(
                .caseNumber, tr("\"{value}\" is not a case number, e.g. 2024-000123", ["value": shown(.caseNumber)]))
        }
        if caseNumber == nil && externalID == nil {
            issues.append(
                RowIssue(
                    row: record.row, column: nil, field: nil,
                    message: tr("the row names no client; give the case number or the external id")))
        }
        func day(_ column: Column) -> Day? {
            guard let cell = cells[column] else { return nil }
            switch ImportDate.read(
                cell.text, order: mapping.dateOrder(forHeader: cell.header),
                evidence: dateEvidence[cell.index] ?? ImportDate.Evidence(), today: today, canLieAhead: false)
            {
            case .success(let day): return day
            case .failure(let error):
                problem(column, error.description)
                return nil
            }
        }
        func yesNo(_ column: Column, default value: Bool) -> Bool? {
            guard let cell = cells[column] else { return value }
            if let known = RecordImport.yesNoWords[Vocabulary.normalized(cell.text)] { return known }
            problem(column, tr("\"{value}\" is neither yes nor no", ["value": shown(column)]))
            return nil
        }
        var draft: RecordDraft
        switch kind {
        case .assessments:
            var form = AssessmentDraft(on: day(.date), skills: nil, isCertified: yesNo(.certified, default: false))
            if let text = cells[.skill]?.text {
                if let skills = RecordImport.skillWords[Vocabulary.normalized(text)] {
                    form.skills = skills
                } else {
                    problem(
                        .skill,
                        tr(
                            "\"{value}\" is not a skill Casebook knows; write one of {skills}, or all",
                            [
                                "value": shown(.skill),
                                "skills": Skill.allCases.map(\.rawValue).joined(separator: ", "),
                            ]))
                }
            }
            if let text = cells[.level]?.text {
                if let level = try? CEFRLevel(parsing: text) {
                    form.level = level
                } else {
                    problem(
                        .level,
                        tr(
                            "\"{value}\" is not a CEFR level; write one of {levels}",
                            [
                                "value": shown(.level),
                                "levels": CEFRLevel.allCases.map(\.rawValue).joined(separator: ", "),
                            ]))
                }
            }
            form.instrument = cells[.instrument]?.text ?? ""
            form.provider = cells[.provider]?.text ?? ""
            draft = .assessment(form)
        case .qualifications:
            var form = QualificationDraft(
                title: cells[.title]?.text ?? "", field: cells[.field]?.text ?? "",
                institution: cells[.institution]?.text ?? "", hasDocuments: yesNo(.documents, default: true),
                isRegulatedProfession: yesNo(.regulated, default: false),
                identifiedOn: cells[.identified] == nil ? today : day(.identified),
                procedure: cells[.procedure].flatMap { RecordImport.isStandardProcedure($0.text) ? nil : $0.text })
            if let text = cells[.country]?.text {
                switch mapping.code(for: text, kind: .country).map(NameCatalogue.Match.code) ?? catalogue.country(text)
                {
                case .code(let code): form.country = code
                case .ambiguous(let codes):
                    problem(
                        .country,
                        tr(
                            "\"{value}\" could be {codes}; write the ISO code",
                            ["value": shown(.country), "codes": codes.joined(separator: " or ")]))
                case .unknown:
                    problem(
                        .country,
                        tr(
                            "\"{value}\" is not a country Casebook knows; write its ISO code, e.g. SY, or map it in the mapping file",
                            ["value": shown(.country)]))
                }
            }
            if let text = cells[.level]?.text {
                if let level = RecordImport.iscedLevel(text) {
                    form.iscedLevel = level
                } else {
                    problem(
                        .level,
                        tr(
                            "\"{value}\" is not an ISCED level; write 0 to 8 (6 bachelor, 7 master)",
                            ["value": shown(.level)]))
                }
            }
            if let text = cells[.year]?.text {
                if let year = Int(text) {
                    form.year = year
                } else {
                    problem(.year, tr("\"{value}\" is not a year, e.g. 2015", ["value": shown(.year)]))
                }
            }
            draft = .qualification(form)
        }
        // The form's own rules, for what the cells above did not already refuse.
        let failed = Set(issues.compactMap(\.column))
        for (column, message) in validationIssues(draft, today: today) {
            let header = self.column(column)?.header
            if let header, failed.contains(header) { continue }
            let text =
                header == nil
                ? tr(
                    "{column} is required, and no column holds it; name one in the mapping file",
                    ["column": column.rawValue])
                : message
            issues.append(RowIssue(row: record.row, column: header, field: nil, message: text))
        }
        issues = ordered(issues)
        return RecordRow(
            row: record.row, cells: record.cells, caseNumber: caseNumber, externalID: externalID,
            outcome: issues.isEmpty ? .success(draft) : .failure(RowProblems(issues: issues)))
    }

    /// The draft's problems by the column that holds the field.
    private func validationIssues(_ draft: RecordDraft, today: Day) -> [(Column, String)] {
        switch draft {
        case .assessment(let form):
            do {
                try form.validated(clientID: 0, today: today)
                return []
            } catch {
                return error.issues.map { issue in
                    let column: Column =
                        switch issue.field {
                        case .date: .date
                        case .skills: .skill
                        case .level: .level
                        case .instrument: .instrument
                        case .provider: .provider
                        case .certified: .certified
                        }
                    return (column, issue.message)
                }
            }
        case .qualification(let form):
            do {
                try form.validated(clientID: 0, today: today)
                return []
            } catch {
                return error.issues.compactMap { issue in
                    let column: Column? =
                        switch issue.field {
                        case .title: .title
                        case .field: .field
                        case .country: .country
                        case .institution: .institution
                        case .year: .year
                        case .isced: .level
                        case .documents: .documents
                        case .regulated: .regulated
                        case .identifiedOn: .identified
                        // The procedure is the client's programme's: the Store reads it.
                        case .procedure: nil
                        }
                    return column.map { ($0, issue.message) }
                }
            }
        }
    }

    /// "6", "ISCED 6", "level 7", or a word for the usual degrees.
    static func iscedLevel(_ text: String) -> Int? {
        let word = Vocabulary.normalized(text)
        if let level = iscedWords[word] { return level }
        let digits = word.split(separator: " ").last.map(String.init) ?? word
        guard let level = Int(digits), QualificationDraft.iscedLevels.contains(level) else { return nil }
        return level
    }

    // MARK: Words

    private static func headerWords(_ kind: RecordKind) -> [String: (Column, ColumnSource)] {
        var words: [String: (Column, ColumnSource)] = [:]
        for column in Column.of(kind) {
            words[Vocabulary.normalized(column.rawValue)] = (column, .formName)
            for language in ImportLanguage.allCases {
                let own = RecordImport.headers[column]?[language] ?? []
                let client: [String] =
                    switch column {
                    case .caseNumber: Vocabulary.headers[.field(.caseNumber)]?[language] ?? []
                    case .externalID: Vocabulary.headers[.externalID]?[language] ?? []
                    default: []
                    }
                for word in own + client where words[Vocabulary.normalized(word)] == nil {
                    words[Vocabulary.normalized(word)] = (column, .header(language))
                }
            }
        }
        // The same word means the ISCED level in a file of qualifications.
        if kind == .qualifications {
            for language in ImportLanguage.allCases {
                for word in RecordImport.iscedHeaders[language] ?? [] {
                    words[Vocabulary.normalized(word)] = (.level, .header(language))
                }
            }
        }
        return words
    }

    static let headers: [Column: Vocabulary.Words] = [
        .date: [
            .english: ["date", "assessment date", "test date", "assessed on"],
            .norwegian: ["dato", "testdato", "prøvedato", "vurderingsdato"],
            .german: ["datum", "testdatum", "prüfungsdatum"],
            .french: ["date", "date du test", "date de l'évaluation", "date d'évaluation"],
            .dutch: ["datum", "toetsdatum", "testdatum"],
        ],
        .skill: [
            .english: ["skill", "skills", "language skill"],
            .norwegian: ["ferdighet", "delferdighet", "delprøve"],
            .german: ["fertigkeit", "kompetenz", "teilbereich", "prüfungsteil"],
            .french: ["compétence", "aptitude", "épreuve"],
            .dutch: ["vaardigheid", "onderdeel"],
        ],
        .level: [
            .english: ["level", "cefr level", "cefr", "result"],
            .norwegian: ["nivå", "resultat", "cefr nivå"],
            .german: ["niveau", "stufe", "ergebnis", "ger niveau"],
            .french: ["niveau", "résultat", "niveau cecrl"],
            .dutch: ["niveau", "resultaat", "erk niveau"],
        ],
        .instrument: [
            .english: ["instrument", "test", "test name", "exam"],
            .norwegian: ["prøve", "test", "prøvetype"],
            .german: ["prüfung", "test", "testverfahren"],
            .french: ["test", "examen"],
            .dutch: ["toets", "examen", "test"],
        ],
        .provider: [
            .english: ["provider", "test centre", "test center", "organiser"],
            .norwegian: ["tilbyder", "arrangør", "prøvested"],
            .german: ["anbieter", "träger", "prüfstelle"],
            .french: ["organisme", "prestataire", "centre d'examen"],
            .dutch: ["aanbieder", "examencentrum", "toetscentrum"],
        ],
        .certified: [
            .english: ["certified", "certificate"],
            .norwegian: ["sertifisert", "bevis", "prøvebevis"],
            .german: ["zertifiziert", "zertifikat"],
            .french: ["certifié", "certificat"],
            .dutch: ["gecertificeerd", "certificaat"],
        ],
        .title: [
            .english: ["title", "qualification", "degree"],
            .norwegian: ["tittel", "utdanning", "grad"],
            .german: ["titel", "abschluss", "qualifikation"],
            .french: ["titre", "diplôme", "qualification"],
            .dutch: ["titel", "diploma", "kwalificatie"],
        ],
        .country: [
            .english: ["country", "awarding country", "country of qualification"],
            .norwegian: ["land", "utdanningsland"],
            .german: ["land", "ausstellungsland"],
            .french: ["pays", "pays d'obtention"],
            .dutch: ["land", "land van afgifte"],
        ],
        .year: [
            .english: ["year", "year awarded", "graduation year"],
            .norwegian: ["år", "fullført år", "årstall"],
            .german: ["jahr", "abschlussjahr"],
            .french: ["année", "année d'obtention"],
            .dutch: ["jaar", "jaar van afgifte"],
        ],
        .field: [
            .english: ["field", "field of study", "subject"],
            .norwegian: ["fagområde", "fag"],
            .german: ["fachrichtung", "fach"],
            .french: ["domaine", "discipline"],
            .dutch: ["vakgebied", "studierichting"],
        ],
        .institution: [
            .english: ["institution", "school", "university"],
            .norwegian: ["lærested", "institusjon"],
            .german: ["hochschule", "einrichtung", "institution"],
            .french: ["établissement", "institution"],
            .dutch: ["onderwijsinstelling", "instelling"],
        ],
        .documents: [
            .english: ["documents", "has documents"],
            .norwegian: ["dokumentasjon", "dokumenter"],
            .german: ["nachweise", "dokumente", "unterlagen"],
            .french: ["justificatifs", "documents"],
            .dutch: ["documenten", "bewijsstukken"],
        ],
        .regulated: [
            .english: ["regulated", "regulated profession"],
            .norwegian: ["lovregulert yrke", "regulert"],
            .german: ["reglementierter beruf", "reglementiert"],
            .french: ["profession réglementée", "réglementée"],
            .dutch: ["gereglementeerd beroep", "gereglementeerd"],
        ],
        .procedure: [
            .english: ["procedure", "recognition procedure"],
            .norwegian: ["prosedyre", "godkjenningsprosedyre"],
            .german: ["verfahren", "anerkennungsverfahren"],
            .french: ["procédure", "procédure de reconnaissance"],
            .dutch: ["procedure", "erkenningsprocedure"],
        ],
        .identified: [
            .english: ["identified", "identified on", "date identified"],
            .norwegian: ["registrert", "kartlagt"],
            .german: ["erfasst am", "erfasst"],
            .french: ["identifié le", "date d'identification"],
            .dutch: ["vastgesteld op", "geregistreerd"],
        ],
    ]

    /// True for a cell of the procedure column that names the standard procedure.
    static func isStandardProcedure(_ text: String) -> Bool {
        let word = Vocabulary.normalized(text)
        return standardProcedure.values.contains { $0.contains { Vocabulary.normalized($0) == word } }
    }

    /// The words for the standard procedure in a procedure column, as an empty cell is read.
    static let standardProcedure: Vocabulary.Words = [
        .english: ["standard", "standard procedure"], .norwegian: ["standard", "vanlig", "ordinær"],
        .german: ["standard", "regelverfahren", "regulär", "standardverfahren"],
        .french: ["standard", "procédure standard", "procédure normale"],
        .dutch: ["standaard", "reguliere procedure", "standaardprocedure"],
    ]

    static let iscedHeaders: Vocabulary.Words = [
        .english: ["isced", "isced level", "education level"],
        .norwegian: ["utdanningsnivå", "isced nivå"],
        .german: ["bildungsniveau", "isced stufe"],
        .french: ["niveau d'études", "niveau isced"],
        .dutch: ["opleidingsniveau", "isced niveau"],
    ]

    static let iscedWords: [String: Int] = {
        let words: [Int: [String]] = [
            6: ["bachelor", "bachelorgrad", "licence", "bachelordiploma"],
            7: ["master", "mastergrad", "masterdiploma"],
            8: ["doctorate", "phd", "doktorgrad", "promotion", "doctorat", "doctoraat"],
        ]
        var index: [String: Int] = [:]
        for (level, list) in words { for word in list { index[Vocabulary.normalized(word)] = level } }
        return index
    }()

    /// The skills' English labels whatever language Casebook speaks, beside the vocabulary.
    static let skillWords: [String: [Skill]] = Messages.speaking(nil) {
        let words: [Skill: [String]] = [
            .listening: ["listening", "lytting", "lytte", "hören", "hörverstehen", "compréhension orale", "luisteren"],
            .reading: [
                "reading", "lesing", "lese", "lesen", "leseverstehen", "compréhension écrite", "lecture", "lezen",
            ],
            .spokenInteraction: [
                "spoken interaction", "muntlig samhandling", "an gesprächen teilnehmen", "interaction orale",
                "gesprekken voeren",
            ],
            .spokenProduction: [
                "spoken production", "muntlig produksjon", "muntlig", "zusammenhängendes sprechen", "sprechen",
                "production orale", "spreken",
            ],
            .writing: ["writing", "skriving", "skrive", "schreiben", "production écrite", "écrit", "schrijven"],
            .mediation: ["mediation", "mediering", "sprachmittlung", "médiation", "mediatie"],
        ]
        var index: [String: [Skill]] = [:]
        for skill in Skill.allCases {
            index[Vocabulary.normalized(skill.rawValue)] = [skill]
            index[Vocabulary.normalized(skill.label)] = [skill]
            for word in words[skill] ?? [] { index[Vocabulary.normalized(word)] = [skill] }
        }
        for word in ["all", "all five", "alle", "alle fem", "alle fünf", "tous", "toutes", "alle vijf"] {
            index[Vocabulary.normalized(word)] = Skill.core
        }
        return index
    }

    static let yesNoWords: [String: Bool] = {
        var index: [String: Bool] = [:]
        for word in ["yes", "y", "true", "1", "x", "ja", "j", "oui", "o", "vrai", "wahr"] {
            index[Vocabulary.normalized(word)] = true
        }
        for word in ["no", "n", "false", "0", "nei", "nein", "non", "nee", "faux", "falsch"] {
            index[Vocabulary.normalized(word)] = false
        }
        return index
    }()
}
