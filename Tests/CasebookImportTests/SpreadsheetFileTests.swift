import CasebookCore
import Foundation
import Testing

@testable import CasebookImport

@Suite struct TextEncodingTests {
    static let sample = "Etternavn;Fornavn\r\nØdegård;Åse\r\nMüller;Zoë\r\nCafé;€ 20\r\n"

    @Test(arguments: Fixture.encodings)
    func everyEncodingSpreadsheetsWriteIsReadAndNamed(_ encoding: TextEncoding) throws {
        let decoded = try TextEncoding.decode(Fixture.bytes(Self.sample, encoding))
        #expect(decoded.text == Self.sample)
        #expect(decoded.encoding == encoding)
    }

    @Test func theChoiceIsReportedInWords() {
        #expect(TextEncoding.utf8(byteOrderMark: true).description == "UTF-8 with a byte-order mark")
        #expect(TextEncoding.utf16(bigEndian: false).description.contains("UTF-16 little-endian"))
        #expect(TextEncoding.windows1252.description == "Windows-1252 (the bytes are not UTF-8)")
    }

    @Test func scriptsWindows1252CannotHoldStayUTF8() throws {
        let text = "Etternavn;Fornavn\nحداد;يوسف\nЮсуф;王\n"
        for encoding in [TextEncoding.utf8(byteOrderMark: false), .utf8(byteOrderMark: true), .utf16(bigEndian: false)]
        {
            #expect(try TextEncoding.decode(Fixture.bytes(text, encoding)).text == text)
        }
    }

    /// The five bytes Windows-1252 leaves undefined make a file that is neither.
    @Test(arguments: [0x81, 0x8D, 0x8F, 0x90, 0x9D] as [UInt8])
    func bytesThatAreNeitherUTF8NorWindows1252AreRefused(_ byte: UInt8) {
        #expect(throws: ImportFileError.unknownEncoding) { try TextEncoding.decode([0x41, 0x3B, 0xE6, byte, 0x0A]) }
    }

    @Test func otherEncodingsAndBrokenFilesAreRefusedWithWhatToDo() {
        #expect(throws: ImportFileError.unsupportedEncoding("UTF-32")) {
            try TextEncoding.decode([0xFF, 0xFE, 0, 0, 0x41, 0, 0, 0])
        }
        let noMark = Array("Etternavn;Fornavn\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(throws: ImportFileError.unsupportedEncoding("UTF-16 without a byte-order mark")) {
            try TextEncoding.decode(noMark)
        }
        #expect(throws: ImportFileError.brokenUTF8) { try TextEncoding.decode([0xEF, 0xBB, 0xBF, 0x41, 0xC3]) }
        #expect(throws: ImportFileError.brokenUTF16) { try TextEncoding.decode([0xFF, 0xFE, 0x41]) }
        // An unpaired surrogate.
        #expect(throws: ImportFileError.brokenUTF16) { try TextEncoding.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]) }
        for error in [ImportFileError.unknownEncoding, .brokenUTF16, .unsupportedEncoding("UTF-32")] {
            #expect(
                error.description.hasSuffix("save it from the spreadsheet as CSV UTF-8.")
                    || error.description.hasSuffix("as CSV UTF-8."))
        }
    }

    @Test(arguments: Fixture.encodings)
    func writingGivesBackTheSameBytes(_ encoding: TextEncoding) {
        #expect(encoding.encode(Self.sample) == Fixture.bytes(Self.sample, encoding))
    }

    @Test func windows1252WritesAQuestionMarkForWhatItCannotHold() {
        #expect(TextEncoding.windows1252.encode("Å → ب") == [0xC5, 0x20, 0x3F, 0x20, 0x3F])
    }
}

@Suite struct CSVTableTests {
    static let lineBreaks = ["\n", "\r\n", "\r"]

    @Test(arguments: Separator.allCases, lineBreaks)
    func separatorsAndLineEndsAreFound(_ separator: Separator, _ lineBreak: String) throws {
        let s = String(separator.character)
        let text =
            ["Etternavn\(s)Fornavn\(s)Født", "Hansen\(s)Ola\(s)17.03.1990", "Berg\(s)Kari\(s)01.02.1985"]
            .joined(separator: lineBreak) + lineBreak
        let table = try CSVTable(text: text)
        #expect(table.separator == separator)
        #expect(table.lineBreak == lineBreak)
        #expect(
            table.records.map(\.cells) == [
                ["Etternavn", "Fornavn", "Født"], ["Hansen", "Ola", "17.03.1990"], ["Berg", "Kari", "01.02.1985"],
            ])
        #expect(table.records.map(\.row) == [1, 2, 3])
    }

    @Test(arguments: Separator.allCases)
    func quotedCellsHoldSeparatorsQuotesAndLineBreaks(_ separator: Separator) throws {
        let s = String(separator.character)
        let text =
            "Navn\(s)Adresse\(s)Merknad\r\n"
            + "\"Hansen\(s) Ola\"\(s)\"Storgata 1\r\n0155 Oslo\"\(s)\"sier \"\"hei\"\"\"\r\n"
            + "Berg\(s)\"\"\(s)\r\n"
        let table = try CSVTable(text: text)
        #expect(table.separator == separator)
        #expect(table.records.count == 3)
        #expect(table.records[1].cells == ["Hansen\(s) Ola", "Storgata 1\r\n0155 Oslo", "sier \"hei\""])
        #expect(table.records[2].cells == ["Berg", "", ""])
        // A line break inside quotes does not start a row: row 3 follows row 2.
        #expect(table.records.map(\.row) == [1, 2, 3])
    }

    @Test func blankLinesAreRowsAsASpreadsheetShowsThem() throws {
        let table = try CSVTable(text: "a;b\n1;2\n\n3;4\n;\n5;6")
        #expect(table.records.map(\.row) == [1, 2, 3, 4, 5, 6])
        #expect(table.records.map(\.isBlank) == [false, false, true, false, true, false])
        #expect(table.records.last?.cells == ["5", "6"])
    }

    @Test func semicolonFilesWithCommasInNamesStaySemicolonFiles() throws {
        let table = try CSVTable(
            text: "Navn;Født;Land\nHansen, Ola;17.03.1990;Norge\nBerg, Kari Anne;01.02.1985;Norge\n")
        #expect(table.separator == .semicolon)
        #expect(table.records[1].cells == ["Hansen, Ola", "17.03.1990", "Norge"])
    }

    @Test func excelsSeparatorLineIsReadAndNotARow() throws {
        let table = try CSVTable(text: "sep=,\r\nName;Born,Country\r\nA;B,C\r\n")
        #expect(table.separator == .comma)
        #expect(table.hasSeparatorLine)
        #expect(table.records.map(\.cells) == [["Name;Born", "Country"], ["A;B", "C"]])
        #expect(table.records.first?.row == 1)
    }

    @Test func aQuoteThatNeverClosesIsRefusedWithItsRow() {
        let text = "a;b\n1;2\n3;\"unclosed\n5;6\n7;8\n"
        #expect(throws: ImportFileError.unterminatedQuote(row: 3)) { try CSVTable(text: text) }
        #expect(
            ImportFileError.unterminatedQuote(row: 3).description.hasPrefix(
                "Row 3 opens a quoted cell that never closes"))
    }

    @Test func textAfterAClosingQuoteIsKeptAndMarked() throws {
        let table = try CSVTable(text: "a;b;c\n\"abc\"def;2;3\n4;5;6\n")
        #expect(table.records[1].cells == ["abcdef", "2", "3"])
        #expect(table.records[1].malformedCells == [0])
        #expect(table.records[2].cells == ["4", "5", "6"])
        #expect(table.records[2].malformedCells.isEmpty)
    }

    @Test func aQuoteInsideAnUnquotedCellIsText() throws {
        let table = try CSVTable(text: "a;b\n5\" screen;O\"Brien\n")
        #expect(table.records[1].cells == ["5\" screen", "O\"Brien"])
        #expect(table.records[1].malformedCells.isEmpty)
    }

    @Test func aFileWithoutSeparatorsOrTextIsRefused() {
        #expect(throws: ImportFileError.noSeparator) { try CSVTable(text: "Etternavn\nHansen\n") }
        #expect(throws: ImportFileError.empty) { try CSVTable(text: "\r\n\r\n") }
        #expect(throws: ImportFileError.empty) { try CSVTable(text: "") }
    }

    @Test func aTrailingSeparatorMakesAnEmptyLastCell() throws {
        let table = try CSVTable(text: "a;b;\n1;2;")
        #expect(table.records.map(\.cells) == [["a", "b", ""], ["1", "2", ""]])
    }
}

@Suite struct CSVWriterTests {
    static let awkward = [
        ["Navn", "Adresse", "Telefon", "Merknad"],
        ["Hansen; Ola", "Storgata 1\r\n0155 Oslo", "+47 912 34 567", "sier \"hei\""],
        ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "-2+3", "\tTab"],
        ["\rCR", "'quoted", " space ", "Ødegård, Åse"],
    ]

    @Test(arguments: Fixture.encodings, Separator.allCases)
    func writtenRowsReadBackTheSameInTheSameFormat(_ encoding: TextEncoding, _ separator: Separator) throws {
        let writer = CSVWriter(separator: separator, lineBreak: "\r\n", encoding: encoding)
        let bytes = writer.bytes(rows: Self.awkward)
        let decoded = try TextEncoding.decode(bytes)
        #expect(decoded.encoding == encoding)
        let table = try CSVTable(text: decoded.text)
        #expect(table.separator == separator)
        #expect(table.records.map { $0.cells.map(SpreadsheetCell.unguarded) } == Self.awkward)
    }

    @Test(arguments: ["=1+1", "+47 912 34 567", "-2", "@SUM(A1)", "\tx", "\rx"])
    func cellsThatWouldRunAsFormulasAreWrittenInert(_ text: String) {
        let cell = CSVWriter(separator: .semicolon, encoding: .utf8(byteOrderMark: false)).cell(text)
        #expect(cell.hasPrefix("\"'"))
        #expect(SpreadsheetCell.unguarded(String(cell.dropFirst().dropLast())) == text)
    }

    @Test(arguments: ["Hansen", "O'Brien", "1990-03-17", "", "a=b"])
    func plainCellsAreWrittenAsTheyAre(_ text: String) {
        #expect(CSVWriter(separator: .semicolon, encoding: .windows1252).cell(text) == text)
        #expect(SpreadsheetCell.unguarded(text) == text)
    }

    @Test func aCellStartingWithAnApostropheKeepsItThroughARoundTrip() throws {
        let writer = CSVWriter(separator: .comma, encoding: .utf8(byteOrderMark: false))
        let table = try CSVTable(
            text: String(decoding: writer.bytes(rows: [["a", "b"], ["'=x", "'plain"]]), as: UTF8.self))
        #expect(table.records[1].cells.map(SpreadsheetCell.unguarded) == ["'=x", "'plain"])
    }
}
