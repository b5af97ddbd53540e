import CasebookL10n

/// A case number as officers write it: the year the case was opened and a six-digit
/// sequence, `2026-000123`.
package struct CaseNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let year: Int
    package let sequence: Int

    package init?(year: Int, sequence: Int) {
        guard (1900...9999).contains(year), (1...999_999).contains(sequence) else { return nil }
        self.year = year
        self.sequence = sequence
    }

    package init(_ text: String) throws(CaseNumberError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 11, bytes[4] == UInt8(ascii: "-"),
            bytes.enumerated().allSatisfy({ $0.offset == 4 || (48...57).contains($0.element) }),
            let year = Int(text.prefix(4)), let sequence = Int(text.suffix(6)),
            let number = CaseNumber(year: year, sequence: sequence)
        else { throw CaseNumberError.malformed }
        self = number
    }

    package var text: String {
        let digits = String(sequence)
        return "\(year)-" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    package var description: String { text }

    package static func < (lhs: CaseNumber, rhs: CaseNumber) -> Bool {
        (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence)
    }
}

package enum CaseNumberError: Error, Equatable, CustomStringConvertible {
    case malformed

    package var description: String {
        tr("A case number is the year, a dash and six digits, for example 2026-000123.")
    }
}
