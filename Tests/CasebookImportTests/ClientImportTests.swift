import CasebookConfig
import CasebookCore
import Foundation
import Testing

@testable import CasebookImport

@Suite struct ClientImportTests {
    let today = Fixture.today

    /// The same client as an export in each language would write it.
    static let exports: [ImportLanguage: (header: [String], row: [String])] = [
        .english: (
            [
                "Case number", "Family name", "Given names", "Date of birth", "Sex", "Country of birth", "Nationality",
                "Languages", "Arrival date", "Residence category", "Right or obligation",
            ],
            [
                "2026-000001", "Haddad", "Yousef", "1990-03-17", "male", "Syria", "Syria", "Arabic", "2025-09-15",
                "refugee",
                "right and obligation",
            ]
        ),
        .norwegian: (Fixture.norwegianHeader, Fixture.norwegianRow(arrived: "15.09.2025")),
        .german: (
            [
                "Aktenzeichen", "Nachname", "Vorname", "Geburtsdatum", "Geschlecht", "Geburtsland",
                "Staatsangehörigkeit",
                "Sprachen", "Einreisedatum", "Aufenthaltsstatus", "Recht oder Pflicht",
            ],
            [
                "2026-000001", "Haddad", "Yousef", "17.03.1990", "männlich", "Syrien", "Syrien", "Arabisch",
                "15.09.2025",
                "anerkannter Flüchtling", "Recht und Pflicht",
            ]
        ),
        .french: (
            [
                "Numéro de dossier", "Nom", "Prénom", "Date de naissance", "Sexe", "Pays de naissance", "Nationalité",
                "Langues",
                "Date d'arrivée", "Titre de séjour", "Droit ou obligation",
            ],
            [
                "2026-000001", "Haddad", "Yousef", "17/03/1990", "homme", "Syrie", "Syrie", "arabe", "15/09/2025",
                "réfugié",
                "droit et obligation",
            ]
        ),
        .dutch: (
            [
                "Dossiernummer", "Achternaam", "Voornaam", "Geboortedatum", "Geslacht", "Geboorteland", "Nationaliteit",
                "Talen",
                "Aankomstdatum", "Verblijfsstatus", "Recht of plicht",
            ],
            [
                "2026-000001", "Haddad", "Yousef", "17-03-1990", "man", "Syrië", "Syrië", "Arabisch", "15-09-2025",
                "vluchteling",
                "recht en plicht",
            ]
        ),
    ]

    @Test(arguments: ImportLanguage.allCases)
    func anExportInEachLanguageBecomesTheSameClient(_ language: ImportLanguage) throws {
        let export = try #require(Self.exports[language])
        let file = try Fixture.read([export.header, export.row])
        #expect(
            file.columns.allSatisfy { $0.target != nil }, "\(file.columns.filter { $0.target == nil }.map(\.header))")
        let rows = file.rows(today: today)
        let client = try rows[0].outcome.get()
        #expect(client.caseNumber.text == "2026-000001")
        #expect(client.familyName == "Haddad" && client.givenNames == "Yousef")
        #expect(client.dateOfBirth.iso == "1990-03-17")
        #expect(client.sex == .male)
        #expect(client.countryOfBirth == "SY" && client.nationality == "SY")
        #expect(client.languages == ["ar"])
        #expect(client.arrivalDate.iso == "2025-09-15")
        #expect(client.residenceCategory == .refugee)
        #expect(client.programmeStatus == .rightAndObligation)
        #expect(rows[0].row == 2)
        #expect(rows[0].hasCaseNumber)
    }

    @Test(arguments: Fixture.encodings, Separator.allCases)
    func everyEncodingAndSeparatorGivesTheSameDrafts(_ encoding: TextEncoding, _ separator: Separator) throws {
        let rows = [
            Fixture.norwegianHeader + ["Adresse"],
            Fixture.norwegianRow(family: "Ødegård", given: "Åse Marie") + ["Storgata 1\r\n0155 Oslo"],
            Fixture.norwegianRow(case: "2026-000002", family: "Hansen, jr.", given: "Ola \"Olle\"") + [
                "Bygata 2; 3. etg"
            ],
        ]
        let text = Fixture.csv(rows, separator: String(separator.character))
        let file = try ClientImport(bytes: Fixture.bytes(text, encoding), catalogue: Fixture.names())
        #expect(file.encoding == encoding)
        #expect(file.table.separator == separator)
        let read = file.rows(today: today)
        #expect(read.map(\.row) == [2, 3])
        let first = try read[0].outcome.get()
        #expect(first.familyName == "Ødegård" && first.givenNames == "Åse Marie")
        // The form holds one line: an address on two lines in its cell is joined.
        #expect(first.address == "Storgata 1, 0155 Oslo")
        let second = try read[1].outcome.get()
        #expect(second.familyName == "Hansen, jr." && second.givenNames == "Ola \"Olle\"")
        #expect(second.address == "Bygata 2; 3. etg")
    }

    @Test func theIssuesExampleReadsAsTheIssueWritesIt() throws {
        var rows = [Fixture.norwegianHeader]
        for number in 1...13 { rows.append(Fixture.norwegianRow(case: String(format: "2026-%06d", number))) }
        rows[13][3] = "31.02.1990"
        let refused = try Fixture.read(rows).rows(today: today).filter { !$0.issues.isEmpty }
        #expect(refused.map(\.row) == [14])
        #expect(refused[0].issues.map(\.description) == ["row 14, column \"Fødselsdato\": 31.02.1990 is not a date"])
    }

    /// Every kind of refused row, each with the message it gets.
    @Test(
        arguments: [
            (
                3, "02/03/1990",
                "column \"Fødselsdato\": 02/03/1990 could be 1990-03-02 or 1990-02-03 and no date in this column tells which; set the column's order in the mapping file"
            ),
            (
                3, "17 mars 1990",
                "column \"Fødselsdato\": \"17 mars 1990\" is not a date in a form Casebook reads, such as 2024-03-17 or 17.03.2024"
            ),
            (3, "17.10.2025", "column \"Ankomstdato\": Lies before the date of birth"),
            (3, "17.03.1890", "column \"Fødselsdato\": Means an age over 120; check the year"),
            (
                4, "Q",
                "column \"Kjønn\": \"Q\" is not a sex Casebook knows; write one of F, M, X, U, or map it in the mapping file"
            ),
            (
                5, "Atlantis",
                "column \"Fødeland\": \"Atlantis\" is not a country Casebook knows; write its ISO code, e.g. SY, or map it in the mapping file"
            ),
            (
                5, "Guin",
                "column \"Fødeland\": \"Guin\" could be Guinea (GN) or Equatorial Guinea (GQ) or Guinea-Bissau (GW); write the ISO code"
            ),
            (
                7, "arabisk, klingon",
                "column \"Språk\": \"klingon\" is not a language Casebook knows; write its ISO 639 code, e.g. ar, or map it in the mapping file"
            ),
            (
                9, "asylsøker",
                "column \"Oppholdsgrunnlag\": \"asylsøker\" is not a residence category Casebook knows; write one of refugee, subsidiary_protection, temporary_protection, humanitarian, family_reunification, labour_migrant, other, or map it in the mapping file"
            ),
            (
                10, "kanskje",
                "column \"Rett og plikt\": \"kanskje\" is not a right-or-obligation status Casebook knows; write one of right_and_obligation, right, obligation, voluntary, or map it in the mapping file"
            ),
            (1, "", "column \"Etternavn\": Required"),
            (
                1, "Haddad\u{1B}[2J",
                "column \"Etternavn\": Contains control characters or direction overrides (shown as ␛, ␉ or �); delete them and save again"
            ),
            (1, String(repeating: "x", count: 101), "column \"Etternavn\": Too long: at most 100 characters"),
            (
                0, "2026/12",
                "column \"Saksnummer\": A case number is the year, a dash and six digits, for example 2026-000123"
            ),
        ] as [(Int, String, String)])
    func everyKindOfRefusedRowSaysWhyWithItsColumn(_ column: Int, _ value: String, _ reason: String) throws {
        var row = Fixture.norwegianRow()
        row[column] = value
        let read = try Fixture.read([Fixture.norwegianHeader, row]).rows(today: today)
        #expect(read[0].issues.map(\.reason) == [reason])
        #expect(read[0].issues.first?.description == "row 2, " + reason)
    }

    @Test func aBirthInTheFutureIsRefusedWithWhatFollowsFromIt() throws {
        let read = try Fixture.read([Fixture.norwegianHeader, Fixture.norwegianRow(born: "17.03.2027")]).rows(
            today: today)
        #expect(
            read[0].issues.map(\.reason) == [
                "column \"Fødselsdato\": Lies in the future; check the year",
                "column \"Ankomstdato\": Lies before the date of birth",
            ])
    }

    @Test func everyProblemOfARowIsReportedInColumnOrder() throws {
        var row = Fixture.norwegianRow(born: "31.02.1990", sex: "Q")
        row[1] = ""
        row.append("extra")
        let read = try Fixture.read([Fixture.norwegianHeader, row]).rows(today: today)
        #expect(
            read[0].issues.map(\.description) == [
                "row 2: the row has 12 cells where the header has 11; put quotes around a cell that holds the separator",
                "row 2, column \"Etternavn\": Required",
                "row 2, column \"Fødselsdato\": 31.02.1990 is not a date",
                "row 2, column \"Kjønn\": \"Q\" is not a sex Casebook knows; write one of F, M, X, U, or map it in the mapping file",
            ])
    }

    @Test func aCellWithTextAfterItsClosingQuoteIsRefused() throws {
        let text =
            Fixture.csv([Fixture.norwegianHeader])
            + "2026-000001;\"Haddad\"x;Yousef;17.03.1990;M;SY;SY;ar;01.09.2025;refugee;right\r\n"
        let read = try ClientImport(bytes: Array(text.utf8), catalogue: Fixture.names()).rows(today: today)
        #expect(
            read[0].issues.map(\.reason) == [
                "column \"Etternavn\": text follows the closing quote of this cell; put the whole cell in quotes"
            ])
    }

    @Test func aMissingRequiredColumnRefusesEveryRowAndIsNamedOnce() throws {
        let header = Array(Fixture.norwegianHeader.dropLast())  // no "Rett og plikt"
        let file = try Fixture.read([header, Array(Fixture.norwegianRow().dropLast())])
        #expect(file.missingRequiredFields == [.programmeStatus])
        let issues = file.rows(today: today)[0].issues
        #expect(
            issues.map(\.description) == [
                "row 2: Right or obligation is required, and no column holds it; name one in the mapping file"
            ])
        #expect(
            file.mappingLines(today: today).contains {
                $0.hasPrefix("No column holds Right or obligation, which is required")
            })
    }

    @Test func rowsWithoutACaseNumberAreCheckedAndLeftForTheStoreToNumber() throws {
        let header = Array(Fixture.norwegianHeader.dropFirst())
        let read = try Fixture.read([header, Array(Fixture.norwegianRow().dropFirst())]).rows(today: today)
        let client = try read[0].outcome.get()
        #expect(!read[0].hasCaseNumber)
        #expect(read[0].draft[.caseNumber].isEmpty)
        #expect(client.familyName == "Haddad")
    }

    @Test(arguments: [
        ("2024-123", "2024-000123"), ("2024-000123", "2024-000123"), ("2024-1234567", "2024-1234567"), ("abc", "abc"),
    ])
    func shortCaseNumbersArePadded(_ text: String, _ padded: String) {
        #expect(ClientImport.paddedCaseNumber(text) == padded)
    }

    @Test func codedValuesInTheFiveLanguagesBecomeCodes() throws {
        let header = Fixture.norwegianHeader + ["Sårbarhet", "Tolkespråk", "Gyldig til", "Telefon", "Ekstern ID"]
        let row =
            Fixture.norwegianRow(
                sex: "K", languages: "Arabisch, Tigrinja", category: "familiegjenforening", status: "frivillig")
            + ["enslig forsørger; Traume", "ti", "1.9.28", "'+47 912 34 567", "A-77"]
        let read = try Fixture.read([header, row]).rows(today: today)
        let client = try read[0].outcome.get()
        #expect(client.sex == .female)
        #expect(client.languages == ["ar", "ti"])
        #expect(client.residenceCategory == .familyReunification)
        #expect(client.programmeStatus == .voluntary)
        #expect(client.vulnerabilities == [.singleParent, .trauma])
        #expect(client.interpreterLanguage == "ti")
        #expect(client.permitExpiry?.iso == "2028-09-01")
        #expect(client.phone == "+47 912 34 567")  // the writer's guard is dropped again
        #expect(read[0].externalID == "A-77")
    }

    @Test func aMappingFileMapsWhatCasebookDoesNotRecognise() throws {
        let mapping = try ImportMapping(
            path: "m.toml",
            text: """
                [columns]
                "Saksnr." = "case_number"
                "Navn" = "family_name"
                "Merknad" = "ignore"
                [values.sex]
                "kv" = "F"
                [values.country]
                "Russland" = "RU"
                [dates]
                "Født" = "month-first"
                """)
        let header = [
            "Saksnr.", "Navn", "Fornavn", "Født", "Kjønn", "Fødeland", "Statsborgerskap", "Språk", "Ankomstdato",
            "Oppholdsgrunnlag", "Rett og plikt", "Merknad",
        ]
        let row = [
            "2026-000009", "Ivanova", "Anna", "03/04/1990", "kv", "Russland", "Russland", "ru", "01.09.2025",
            "flyktning", "rett", "not this",
        ]
        let file = try Fixture.read([header, row], mapping: mapping)
        #expect(
            file.columns.map(\.source) == [
                .mappingFile, .mappingFile, .header(.norwegian), .header(.norwegian), .header(.norwegian),
                .header(.norwegian), .header(.norwegian), .header(.norwegian), .header(.norwegian), .header(.norwegian),
                .header(.norwegian), .ignoredByMapping,
            ])
        let client = try file.rows(today: today)[0].outcome.get()
        #expect(client.caseNumber.text == "2026-000009" && client.familyName == "Ivanova")
        #expect(client.sex == .female && client.countryOfBirth == "RU")
        #expect(client.dateOfBirth.iso == "1990-03-04")
    }

    @Test func aSecondColumnForTheSameFieldIsNotImported() throws {
        let header = Fixture.norwegianHeader + ["Nachname"]
        let file = try Fixture.read([header, Fixture.norwegianRow() + ["Other"]])
        #expect(file.columns.last?.source == .duplicate(of: 1))
        #expect(try file.rows(today: today)[0].outcome.get().familyName == "Haddad")
        #expect(
            file.mappingLines(today: today).contains(
                "Column 12 \"Nachname\": not imported; column 2 already holds Family name"))
    }

    @Test func blankRowsAreSkippedAndRowNumbersStayTheSpreadsheets() throws {
        let text =
            Fixture.csv([Fixture.norwegianHeader, Fixture.norwegianRow()]) + ";;;;;;;;;;\r\n\r\n"
            + Fixture.csv([Fixture.norwegianRow(case: "2026-000002", born: "31.02.1990")])
        let file = try ClientImport(bytes: Array(text.utf8), catalogue: Fixture.names())
        #expect(file.blankRows == 2)
        #expect(file.rows(today: today).map(\.row) == [2, 5])
        #expect(file.rows(today: today)[1].issues.first?.row == 5)
    }

    @Test func filesThatAreNoSpreadsheetAreRefused() throws {
        #expect(throws: ImportFileError.empty) { try ClientImport(bytes: [], catalogue: Fixture.names()) }
        #expect(throws: ImportFileError.noHeader) {
            try ClientImport(bytes: Array(";;\r\n1;2;3\r\n".utf8), catalogue: Fixture.names())
        }
    }
}

@Suite struct RefusedRowsTests {
    let today = Fixture.today

    @Test(arguments: Fixture.encodings, Separator.allCases)
    func refusedRowsGoOutInTheFilesOwnFormatAndComeBackCorrected(_ encoding: TextEncoding, _ separator: Separator)
        throws
    {
        let rows = [
            Fixture.norwegianHeader + ["Telefon", "Merknad"],
            Fixture.norwegianRow() + ["+47 912 34 567", ""],
            Fixture.norwegianRow(case: "2026-000002", family: "Ødegård", born: "31.02.1990") + [
                "", "=HYPERLINK(\"x\")",
            ],
            Fixture.norwegianRow(case: "2026-000003", given: "Åse", sex: "Q") + ["+47 22 33 44 55", "@SUM(A1)"],
        ]
        let text = "sep=\(separator.character)\r\n" + Fixture.csv(rows, separator: String(separator.character))
        let file = try ClientImport(bytes: Fixture.bytes(text, encoding), catalogue: Fixture.names())
        let read = file.rows(today: today)
        let out = file.refusedRowsFile(read)

        let back = try ClientImport(bytes: out, catalogue: Fixture.names())
        #expect(back.encoding == encoding)
        #expect(back.table.separator == separator)
        #expect(back.table.lineBreak == "\r\n")
        #expect(back.table.hasSeparatorLine)
        #expect(back.columns.first?.source == .reasonColumn)
        #expect(back.table.records.first?.cells == [ClientImport.reasonHeader] + rows[0])
        let refused = back.dataRecords
        #expect(refused.count == 2)
        #expect(refused[0].cells.first == "column \"Fødselsdato\": 31.02.1990 is not a date")
        #expect(
            refused[1].cells.first
                == "column \"Kjønn\": \"Q\" is not a sex Casebook knows; write one of F, M, X, U, or map it in the mapping file"
        )
        // The cells as read, a formula made inert on the way out and whole again on the way in.
        #expect(refused[0].cells.dropFirst().map(SpreadsheetCell.unguarded) == rows[2])
        #expect(refused[0].cells.last == "'=HYPERLINK(\"x\")")

        // Corrected in the spreadsheet and saved again (cells as it shows them), the refused rows import.
        var corrected = back.table.records.map(\.cells)
        corrected[1][4] = "17.03.1990"
        corrected[2][5] = "K"
        let saved = Fixture.csv(corrected, separator: String(separator.character))
        let again = try ClientImport(bytes: Fixture.bytes(saved, encoding), catalogue: Fixture.names())
        let fixed = again.rows(today: today)
        #expect(fixed.allSatisfy { $0.issues.isEmpty }, "\(fixed.flatMap(\.issues))")
        #expect(try fixed[0].outcome.get().familyName == "Ødegård")
        #expect(try fixed[1].outcome.get().phone == "+47 22 33 44 55")
    }

    @Test func aRowWithMoreCellsThanTheHeaderKeepsThemAll() throws {
        let file = try Fixture.read([Fixture.norwegianHeader, Fixture.norwegianRow() + ["stray", "more"]])
        let back = try CSVTable(text: String(decoding: file.refusedRowsFile(file.rows(today: today)), as: UTF8.self))
        #expect(back.records[1].cells.suffix(2) == ["stray", "more"])
    }
}

@Suite struct MappingReportTests {
    let today = Fixture.today

    @Test func theDryRunShowsHowTheFileIsReadColumnByColumn() throws {
        let header = Fixture.norwegianHeader.dropFirst() + ["Merknad", "Reason"]
        var rows = [Array(header)]
        for (index, sex) in ["Mann", "Mann", "Kvinne", "Q"].enumerated() {
            var row = Array(Fixture.norwegianRow(born: index == 0 ? "17/03/1990" : "01/02/1985", sex: sex).dropFirst())
            row += ["note", ""]
            rows.append(row)
        }
        let lines = try Fixture.read(rows).mappingLines(today: today)
        #expect(lines[0] == "File: UTF-8; cells separated by semicolon (;); 4 rows after the header.")
        #expect(lines[1] == "Column 1 \"Etternavn\": Family name (a Norwegian header)")
        #expect(
            lines[3] == "Column 3 \"Fødselsdato\": Date of birth (a Norwegian header); dates day first, as row 2 shows")
        #expect(
            lines[4]
                == "Column 4 \"Kjønn\": Sex (a Norwegian header); values \"Mann\" as M (2 rows), \"Kvinne\" as F (1 row), \"Q\" not recognised (1 row)"
        )
        #expect(
            lines[5] == "Column 5 \"Fødeland\": Country of birth (a Norwegian header); values \"Syria\" as SY (4 rows)")
        #expect(
            lines[11]
                == "Column 11 \"Merknad\": not imported; no header Casebook recognises (name it in the mapping file to import it)"
        )
        #expect(lines[12] == "Column 12 \"Reason\": not imported; the reasons of a file of refused rows")
        #expect(lines.last == "No column holds the case number: each imported client gets the next free one.")
        // Dates are described by their order, never by their values.
        #expect(!lines.joined().contains("1990"))
    }

    @Test func aColumnThatCannotTellItsOrderSaysSo() throws {
        var row = Fixture.norwegianRow()
        row[3] = "03/04/1990"
        let lines = try Fixture.read([Fixture.norwegianHeader, row]).mappingLines(today: today)
        #expect(
            lines.contains {
                $0.hasPrefix("Column 4 \"Fødselsdato\"")
                    && $0.hasSuffix(
                        "no date shows whether the day or the month comes first: dates that fit both are refused unless the mapping file says"
                    )
            })
    }
}
