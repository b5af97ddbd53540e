import Foundation

/// How a spreadsheet export's bytes are text: what European spreadsheets write when they save CSV.
package enum TextEncoding: Sendable, Hashable, CustomStringConvertible {
    /// UTF-8, with or without the byte-order mark Excel's "CSV UTF-8" writes.
    case utf8(byteOrderMark: Bool)
    /// UTF-16 with a byte-order mark: Excel's "Unicode text".
    case utf16(bigEndian: Bool)
    /// Windows-1252, which older Excel writes as "CSV": read when the bytes are not UTF-8.
    case windows1252

    package var description: String {
        switch self {
        case .utf8(let mark): return mark ? "UTF-8 with a byte-order mark" : "UTF-8"
        case .utf16(let big):
            return "UTF-16 \(big ? "big" : "little")-endian with a byte-order mark (Excel's Unicode text)"
        case .windows1252: return "Windows-1252 (the bytes are not UTF-8)"
        }
    }

    /// Decodes a file's bytes: a byte-order mark decides; without one the bytes are UTF-8 when
    /// they are valid UTF-8, else Windows-1252.
    package static func decode(_ bytes: [UInt8]) throws(ImportFileError) -> (text: String, encoding: TextEncoding) {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            throw .unsupportedEncoding("UTF-32")
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw .brokenUTF8 }
            return (text, .utf8(byteOrderMark: true))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let big = bytes[0] == 0xFE
            guard bytes.count % 2 == 0 else { throw .brokenUTF16 }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2 - 1)
            var index = 2
            while index < bytes.count {
                let (high, low) = big ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
                units.append(UInt16(high) << 8 | UInt16(low))
                index += 2
            }
            guard let text = String(validating: units, as: UTF16.self) else { throw .brokenUTF16 }
            return (text, .utf16(bigEndian: big))
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            if looksLikeUTF16WithoutMark(bytes) { throw .unsupportedEncoding("UTF-16 without a byte-order mark") }
            return (text, .utf8(byteOrderMark: false))
        }
        // Five byte values have no character in Windows-1252: a file holding them is neither.
        guard let text = String(data: Data(bytes), encoding: .windowsCP1252) else { throw .unknownEncoding }
        return (text, .windows1252)
    }

    /// A text file of Latin letters in UTF-16 has a zero in every other byte; valid UTF-8 as well.
    private static func looksLikeUTF16WithoutMark(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(512)
        guard sample.count >= 8 else { return false }
        let zeros = sample.filter { $0 == 0 }.count
        return zeros * 3 >= sample.count
    }

    /// The bytes of `text` in this encoding, with the byte-order mark the file had. Characters that
    /// Windows-1252 cannot hold (only in text Casebook adds, as a file read in it held none) become "?".
    package func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8(let mark):
            return (mark ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        case .utf16(let big):
            var bytes: [UInt8] = big ? [0xFE, 0xFF] : [0xFF, 0xFE]
            bytes.reserveCapacity(2 + text.utf16.count * 2)
            for unit in text.utf16 {
                let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
                bytes += big ? pair : pair.reversed()
            }
            return bytes
        case .windows1252:
            if let data = text.data(using: .windowsCP1252) { return [UInt8](data) }
            var bytes: [UInt8] = []
            for character in text {
                bytes += String(character).data(using: .windowsCP1252).map { [UInt8]($0) } ?? [UInt8(ascii: "?")]
            }
            return bytes
        }
    }
}

/// Why a file could not be read as a spreadsheet at all; each is one sentence that says what to do.
package enum ImportFileError: Error, Equatable, CustomStringConvertible {
    case empty
    case unsupportedEncoding(String)
    case unknownEncoding
    case brokenUTF8
    case brokenUTF16
    case noSeparator
    case unterminatedQuote(row: Int)
    case noHeader

    package var description: String {
        switch self {
        case .empty:
            return "The file is empty; export the spreadsheet again with its header row."
        case .unsupportedEncoding(let name):
            return "The file is \(name), which Casebook does not read; save it from the spreadsheet as CSV UTF-8."
        case .unknownEncoding:
            return "The file is neither UTF-8 nor Windows-1252 text; save it from the spreadsheet as CSV UTF-8."
        case .brokenUTF8:
            return
                "The file starts as UTF-8 but holds bytes that are not; save it from the spreadsheet as CSV UTF-8 again."
        case .brokenUTF16:
            return "The file starts as UTF-16 but is cut short or holds broken characters; save it again as CSV UTF-8."
        case .noSeparator:
            return
                "The first row has no semicolon, comma or tab between column names; save the spreadsheet as CSV with its header row."
        case .unterminatedQuote(let row):
            return
                "Row \(row) opens a quoted cell that never closes, so the rows after it cannot be told apart; close or remove that quote."
        case .noHeader:
            return "The first row has no column names; put a header row with a name above every column."
        }
    }
}
