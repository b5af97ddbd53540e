import CasebookTUI

/// The columns of a list a command prints as text (`staff list`, `office list`...): each as
/// wide as its heading in the officer's language or its widest value, whichever is wider, in
/// the terminal's display columns (`TextWidth`), two spaces apart, so that a German heading
/// longer than its English one never runs into the next column.
struct TextColumns {
    let headings: [String]
    let widths: [Int]

    /// `values[i]`: the width the values of column `i` need (the last column's is not used:
    /// it is never padded).
    init(_ headings: [String], values: [Int]) {
        self.headings = headings
        widths = headings.indices.map { max(TextWidth.of(headings[$0]), $0 < values.count ? values[$0] : 0) }
    }

    /// The heading line.
    var heading: String { line(headings) }

    /// One row: every cell but the last padded to its column's width.
    func line(_ cells: [String]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { text += "  " }
            guard index < cells.count - 1, index < widths.count else {
                text += cell
                continue
            }
            text += cell + String(repeating: " ", count: max(0, widths[index] - TextWidth.of(cell)))
        }
        return text
    }
}
