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
            return tr("There is no database at {path}; create it with `casebook init --db {path}`.", ["path": path])
        case .notADatabase(let path):
            return tr(
                "{path} is not a SQLite database (or its header is damaged); it was left untouched. Check the path, or restore it from a backup.",
                ["path": path])
        case .notCasebook(let path):
            return tr("{path} is a SQLite database but not a Casebook one; it was left untouched. Check the path.", ["path": path])
        case .newerSchema(let path, let found, let supported):
            return tr(
                "{path} was written by a newer Casebook (schema {found}; this program knows up to {supported}). Install the newer Casebook; the file was left untouched.",
                ["path": path, "found": String(found), "supported": String(supported)])
        case .olderSchema(let path, let found):
            return tr(
                "{path} was written by an older Casebook (schema {found}) and was opened read-only, so it was not brought up to date. Run `casebook init --db {path}` once, then try again.",
                ["path": path, "found": String(found)])
        case .readOnly(let path):
            return tr(
                "Casebook cannot write to {path}: the file or its folder is read-only. Check its permissions, or ask an administrator.",
                ["path": path])
        case .cannotCreate(let path, let reason):
            // TRANSLATORS: {reason} comes from the operating system, in its own language.
            return tr("Cannot create {path}: {reason}.", ["path": path, "reason": reason])
        case .corrupt(let what):
            return tr(
                "The database is damaged ({what}). Run `casebook check`, and restore from a backup if it reports errors.",
                ["what": what])
        case .busy:
            return tr("The database stayed locked by another Casebook for 5 seconds; nothing was saved. Try again.")
        case .diskFull:
            return tr("The disk is full; nothing was saved. Free some space and try again.")
        case .replacedWhileOpen(let path):
            return tr(
                "The case file {path} was deleted or replaced while Casebook had it open; nothing was saved. Quit, and restore it from a backup.",
                ["path": path])
        case .ioError(let what):
            return tr(
                "The database file could not be read or written ({what}); nothing was saved. Check that the file still exists and the disk is mounted.",
                ["what": what])
        case .conflict(let entity, let by, let at):
            // TRANSLATORS: {record} is one of the record names ("client", "contract", ...).
            return tr(
                "This {record} was changed by {name} at {time} after you opened it; nothing was overwritten. Reload to see their change.",
                ["record": StoreError.record(entity), "name": by, "time": Sanitized.inline(at.iso)])
        case .notFound(let what):
            // Some callers give the whole sentence; the rest name the record.
            if what.hasSuffix(".") { return what }
            // TRANSLATORS: {record} is one of the record names ("client", "contract", ...).
            return tr("No {record} found.", ["record": StoreError.record(what)])
        case .duplicateUsername(let name):
            return tr("A staff member with the user name {name} already exists.", ["name": Sanitized.inline(name, limit: 40)])
        case .unknownOffice(let code):
            return tr("There is no office {code}; `casebook office list` shows the offices.", ["code": Sanitized.inline(code)])
        case .unknownStaff(let name):
            return tr(
                "No staff member has the user name {name}; list them with `casebook staff list`.",
                ["name": Sanitized.inline(name, limit: 40)])
        case .invalidInput(let message), .refused(let message), .notAllowed(let message):
            return message
        case .notStaff(let username):
            return tr(
                "{name} is not registered as staff in this database; an admin can add you with `casebook staff add {name} --role officer`.",
                ["name": Sanitized.inline(username, limit: 40)])
        case .backupExists(let path):
            return tr("{path} already exists; choose a new file name, or add --force to replace it.", ["path": path])
        case .lastAdmin:
            return tr("This is the last admin; make someone else admin first.")
        case .invalid(let failure):
            return failure.description
        case .database(let error):
            return tr("The database reported an unexpected error: {error}", ["error": error.description])
        }
    }

    /// The name of a record as the Store's callers give it ("client"), in the language `tr`
    /// speaks; a name not listed stays as it is.
    private static func record(_ name: String) -> String {
        switch name {
        case "client": return tr("client")
        case "contract": return tr("contract")
        case "obligation": return tr("obligation")
        case "recognition file": return tr("recognition file")
        case "qualification": return tr("qualification")
        case "intake mapping": return tr("intake mapping")
        case "partner organisation": return tr("partner organisation")
        case "import batch": return tr("import batch")
        default: return name
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
        if error.isCorrupt { return .corrupt(tr("SQLite reports a malformed page")) }
        if error.isIOError { return .ioError("SQLite error \(error.extendedCode)") }
        return .database(error)
    }
}
