import CasebookCore

/// Core's `trimmed` for cells: most cells have no space at either end, and a file has a hundred
/// thousand of them, so those are returned as they are without walking their scalars.
func trimmedCell(_ text: String) -> String {
    guard let first = text.utf8.first, let last = text.utf8.last else { return text }
    func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
    return plain(first) && plain(last) ? text : trimmed(text)
}
