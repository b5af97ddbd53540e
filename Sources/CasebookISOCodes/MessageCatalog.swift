/// The translations of a GNU gettext `.mo` file: English message to translated message.
///
/// Read whole into a dictionary: the catalogues Casebook reads (iso-codes' country and language
/// names) hold a few thousand short messages, and lookups then cost a hash.
package struct MessageCatalog: Sendable {
    /// Translated text by original text. Plural forms keep their first form; the header entry
    /// (an empty original) is left out.
    package let translations: [String: String]

    package init(translations: [String: String]) {
        self.translations = translations
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
        func string(table: Int, index: Int) throws(CatalogFormatError) -> String {
            let length = try word(table + index * 8, bigEndian: bigEndian)
            let start = try word(table + index * 8 + 4, bigEndian: bigEndian)
            guard start + length <= bytes.count else { throw .truncated }
            // Plural forms follow the first after a NUL; only the first is kept.
            let text = bytes[start..<start + length]
            let first = text.firstIndex(of: 0).map { text[text.startIndex..<$0] } ?? text
            guard let decoded = String(validating: first, as: UTF8.self) else { throw .notUTF8 }
            return decoded
        }
        var translations: [String: String] = [:]
        translations.reserveCapacity(count)
        for index in 0..<count {
            let original = try string(table: originals, index: index)
            guard !original.isEmpty else { continue }
            translations[original] = try string(table: targets, index: index)
        }
        self.translations = translations
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
