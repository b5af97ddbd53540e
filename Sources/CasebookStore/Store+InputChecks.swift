import CasebookCore

/// The checks the track entry points make of what an officer typed, before they write.
extension Store {
    /// Checks a short text typed into a track form (instrument, provider...).
    func checkText(_ text: String, _ name: String, required: Bool = true, limit: Int = 200) throws {
        let clean = trimmed(text)
        if required, clean.isEmpty { throw StoreError.invalidInput("\(name) is required.") }
        if clean.count > limit || clean.unicodeScalars.contains(where: Sanitized.isForbidden) {
            throw StoreError.invalidInput("\(name) has at most \(limit) characters and no control characters.")
        }
    }

    func checkNotFuture(_ day: Day, _ name: String) throws {
        if day > clock.today { throw StoreError.invalidInput("\(name) lies in the future; record what has happened.") }
    }
}
