/// The translations of a GNU gettext `.mo` file: English message to translated message.
///
/// Read whole into a dictionary: the catalogues Casebook reads (iso-codes' country and language
/// names, and Casebook's own messages) hold a few thousand short messages, and lookups then cost
/// a hash.
package struct MessageCatalog: Sendable {
    /// Translated text by original text. Plural forms keep their first form; the header entry
    /// (an empty original) is left out.
    package let translations: [String: String]
    /// Every form of a plural message by its singular original, in the order the catalogue's
    /// `Plural-Forms` rule numbers them.
    package let plurals: [String: [String]]
    /// The header entry's text (`Content-Type`, `Plural-Forms`, ...), empty when there is none.
    package let header: String

    package init(translations: [String: String], plurals: [String: [String]] = [:], header: String = "") {
        self.translations = translations
        self.plurals = plurals
        self.header = header
    }

    /// The value of one header field ("Plural-Forms"), nil when the header lacks it.
    package func headerField(_ name: String) -> String? {
        for line in header.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), line[..<colon] == name else { continue }
            return String(line[line.index(after: colon)...].drop { $0 == " " })
        }
        return nil
    }

    /// Parses the bytes of a `.mo` file (either byte order).
    package init(bytes: [UInt8]) throws(CatalogFormatError) {
        func word(_ offset: Int, bigEndian: Bool) throws(CatalogFormatError) -> Int {
            guard offset >= 0, offset + 4 <= bytes.count else { throw .truncated }
            let b = bytes[offset..<offset + 4].map(UInt32.init)
            let value =
                bigEndian ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
            return Int(value)
        }
        let magic = try word(0, bigEndian: false)
        let bigEndian: Bool
        switch magic {
        case 0x9504_12DE: bigEndian = false
        case 0xDE12_0495: bigEndian = true
        default: throw .notACatalog
        }
        guard try word(4, bigEndian: bigEndian) >> 16 == 0 else { throw .unsupportedRevision }
        let count = try word(8, bigEndian: bigEndian)
        let originals = try word(12, bigEndian: bigEndian)
        let targets = try word(16, bigEndian: bigEndian)
        // Each entry is 8 bytes of length and offset: a count beyond the file is a corrupt file.
        guard count <= bytes.count / 8 else { throw .truncated }
        // A plural entry holds its forms one after another, each ended by a NUL but the last.
        func strings(table: Int, index: Int) throws(CatalogFormatError) -> [String] {
            let length = try word(table + index * 8, bigEndian: bigEndian)
            let start = try word(table + index * 8 + 4, bigEndian: bigEndian)
            guard start + length <= bytes.count else { throw .truncated }
            var forms: [String] = []
            for part in bytes[start..<start + length].split(separator: 0, omittingEmptySubsequences: false) {
                guard let decoded = String(validating: part, as: UTF8.self) else { throw .notUTF8 }
                forms.append(decoded)
            }
            return forms
        }
        var translations: [String: String] = [:]
        var plurals: [String: [String]] = [:]
        var header = ""
        translations.reserveCapacity(count)
        for index in 0..<count {
            let original = try strings(table: originals, index: index)[0]
            let forms = try strings(table: targets, index: index)
            guard !original.isEmpty else {
                header = forms[0]
                continue
            }
            translations[original] = forms[0]
            if forms.count > 1 { plurals[original] = forms }
        }
        self.translations = translations
        self.plurals = plurals
        self.header = header
    }

    package subscript(original: String) -> String? { translations[original] }
}

/// Why the bytes of a `.mo` file could not be read.
package enum CatalogFormatError: Error, Equatable, CustomStringConvertible {
    case notACatalog
    case unsupportedRevision
    case truncated
    case notUTF8

    package var description: String {
        switch self {
        case .notACatalog: return "is not a gettext message catalogue"
        case .unsupportedRevision: return "is a gettext catalogue of a revision this reader does not know"
        case .truncated: return "is cut short or has an entry pointing outside the file"
        case .notUTF8: return "holds text that is not UTF-8"
        }
    }
}
