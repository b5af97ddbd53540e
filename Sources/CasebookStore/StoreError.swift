import CasebookCore
import CasebookL10n

/// What can go wrong with the case file, each in a sentence the user can act on.
/// No message carries client data.
package enum StoreError: Error, CustomStringConvertible {
    case missing(path: String)
    case notADatabase(path: String)
    case notCasebook(path: String)
    case newerSchema(path: String, found: Int, supported: Int)
    case olderSchema(path: String, found: Int)
    case readOnly(path: String)
    case cannotCreate(path: String, reason: String)
    case corrupt(String)
    case busy
    case diskFull
    /// The file at the path is no longer the one opened (deleted, or replaced).
    case replacedWhileOpen(path: String)
    case ioError(String)
    /// Someone else saved the record since it was read; nothing was written.
    case conflict(entity: String, by: String, at: Instant)
    case notFound(String)
    case duplicateUsername(String)
    case unknownStaff(String)
    case unknownOffice(String)
    /// A command's input without a form of its own (a user name, a programme file) breaks a rule.
    case invalidInput(String)
    /// What the record holds rules the change out (a contract already ended, an obligation
    /// already settled); nothing was written.
    case refused(String)
    case notStaff(username: String)
    /// The permission policy refuses the action; the sentence says who may take it.
    case notAllowed(String)
    case lastAdmin
    case backupExists(path: String)
    /// A draft broke rules of its form: every problem with its field (a `ValidationFailure`
    /// of the draft's fields), checked again here whoever calls.
    case invalid(any DraftFailure)
    case database(DatabaseError)

    package var description: String {
        switch self {
        case .missing(let path):
            return "There is no database at \(path); create it with `casebook init --db \(path)`."
        case .notADatabase(let path):
            return "\(path) is not a SQLite database (or its header is damaged); it was left untouched. Check the path, or restore it from a backup."
        case .notCasebook(let path):
            return "\(path) is a SQLite database but not a Casebook one; it was left untouched. Check the path."
        case .newerSchema(let path, let found, let supported):
            return "\(path) was written by a newer Casebook (schema \(found); this program knows up to \(supported)). Install the newer Casebook; the file was left untouched."
        case .olderSchema(let path, let found):
            return "\(path) was written by an older Casebook (schema \(found)) and was opened read-only, so it was not brought up to date. Run `casebook init --db \(path)` once, then try again."
        case .readOnly(let path):
            return "Casebook cannot write to \(path): the file or its folder is read-only. Check its permissions, or ask an administrator."
        case .cannotCreate(let path, let reason):
            return "Cannot create \(path): \(reason)."
        case .corrupt(let what):
            return "The database is damaged (\(what)). Run `casebook check`, and restore from a backup if it reports errors."
        case .busy:
            return "The database stayed locked by another Casebook for 5 seconds; nothing was saved. Try again."
        case .diskFull:
            return "The disk is full; nothing was saved. Free some space and try again."
        case .replacedWhileOpen(let path):
            return "The case file \(path) was deleted or replaced while Casebook had it open; nothing was saved. Quit, and restore it from a backup."
        case .ioError(let what):
            return "The database file could not be read or written (\(what)); nothing was saved. Check that the file still exists and the disk is mounted."
        case .conflict(let entity, let by, let at):
            return "This \(entity) was changed by \(by) at \(Sanitized.inline(at.iso)) after you opened it; nothing was overwritten. Reload to see their change."
        case .notFound(let what):
            return "No \(what) found."
        case .duplicateUsername(let name):
            return "A staff member with the user name \(Sanitized.inline(name, limit: 40)) already exists."
        case .unknownOffice(let code):
            return tr("There is no office {code}; `casebook office list` shows the offices.", ["code": Sanitized.inline(code)])
        case .unknownStaff(let name):
            return "No staff member has the user name \(Sanitized.inline(name, limit: 40)); list them with `casebook staff list`."
        case .invalidInput(let message), .refused(let message), .notAllowed(let message):
            return message
        case .notStaff(let username):
            return "\(Sanitized.inline(username, limit: 40)) is not registered as staff in this database; an admin can add you with `casebook staff add \(Sanitized.inline(username, limit: 40)) --role officer`."
        case .backupExists(let path):
            return "\(path) already exists; choose a new file name, or add --force to replace it."
        case .lastAdmin:
            return "This is the last admin; make someone else admin first."
        case .invalid(let failure):
            return failure.description
        case .database(let error):
            return "The database reported an unexpected error: \(error.description)"
        }
    }

    /// A refusal of one field of a draft, by a rule that needs what is stored.
    package static func invalid<Field: DraftField>(_ field: Field, _ message: String) -> StoreError {
        .invalid(ValidationFailure(field, message))
    }

    /// Maps a raw SQLite error to the message a user should read.
    package static func from(_ error: DatabaseError, path: String) -> StoreError {
        if error.isBusy { return .busy }
        if error.isFull { return .diskFull }
        if error.isReadOnly { return .readOnly(path: path) }
        if error.isNotADatabase { return .notADatabase(path: path) }
        if error.isCorrupt { return .corrupt("SQLite reports a malformed page") }
        if error.isIOError { return .ioError("SQLite error \(error.extendedCode)") }
        return .database(error)
    }
}
