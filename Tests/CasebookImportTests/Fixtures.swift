import CasebookCore
import CasebookISOCodes
import Foundation
import Testing

@testable import CasebookImport

/// Spreadsheet files made by the tests, written independently of the writer under test.
enum Fixture {
    /// The day every import test runs on.
    static let today = Day(year: 2026, month: 12, day: 1)!

    /// Names from Debian's iso-codes, as `make test` installs them; read once for all tests.
    static let catalogue: Result<NameCatalogue, ISOCodesError> = {
        do throws(ISOCodesError) { return .success(try NameCatalogue(isoCodes: try ISOCodes())) } catch {
            return .failure(error)
        }
    }()

    static func names() throws -> NameCatalogue { try catalogue.get() }

    /// CSV text as a spreadsheet writes it: cells quoted only when they must be.
    static func csv(_ rows: [[String]], separator: String = ";", lineBreak: String = "\r\n") -> String {
        rows.map { row in
            row.map { cell in
                let needsQuotes =
                    cell.contains(separator) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                return needsQuotes ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
            }.joined(separator: separator)
        }.joined(separator: lineBreak) + lineBreak
    }

    /// The bytes of a text in one of the encodings spreadsheets write.
    static func bytes(_ text: String, _ encoding: TextEncoding) -> [UInt8] {
        switch encoding {
        case .utf8(let mark):
            return (mark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        case .utf16(let big):
            var out: [UInt8] = big ? [0xFE, 0xFF] : [0xFF, 0xFE]
            for unit in text.utf16 {
                out += big ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            }
            return out
        case .windows1252:
            return [UInt8](text.data(using: .windowsCP1252) ?? Data())
        }
    }

    static let encodings: [TextEncoding] = [
        .utf8(byteOrderMark: false), .utf8(byteOrderMark: true), .utf16(bigEndian: false), .utf16(bigEndian: true),
        .windows1252,
    ]

    /// A valid client in Norwegian, as a municipality's export would hold one.
    static let norwegianHeader = [
        "Saksnummer", "Etternavn", "Fornavn", "Fødselsdato", "Kjønn", "Fødeland", "Statsborgerskap", "Språk",
        "Ankomstdato", "Oppholdsgrunnlag", "Rett og plikt",
    ]

    static func norwegianRow(
        case number: String = "2026-000001", family: String = "Haddad", given: String = "Yousef",
        born: String = "17.03.1990", sex: String = "Mann", country: String = "Syria", languages: String = "arabisk",
        arrived: String = "01.09.2025", category: String = "flyktning", status: String = "rett og plikt"
    ) -> [String] {
        [number, family, given, born, sex, country, country, languages, arrived, category, status]
    }

    /// Reads a file made of rows, UTF-8 with semicolons, as the importer would.
    static func read(_ rows: [[String]], mapping: ImportMapping = ImportMapping()) throws -> ClientImport {
        try ClientImport(bytes: Array(csv(rows).utf8), mapping: mapping, catalogue: names())
    }
}
