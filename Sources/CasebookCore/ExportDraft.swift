import CasebookL10n

/// The formats a client list is exported in.
package enum ExportFormat: String, CaseIterable, Sendable {
    case csv, json
}

/// Where the client list's export goes, as the export form holds it: the file the officer
/// confirms, and its format.
package struct ExportDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case path, format

        package var characterLimit: Int? { self == .path ? 1000 : nil }
    }

    package var path: String
    package var format: ExportFormat?

    package init(path: String = "", format: ExportFormat? = .csv) {
        self.path = path
        self.format = format
    }

    package var requiredFields: Set<Field> { [.path, .format] }

    /// The path (trimmed) and the format, or every problem.
    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> (path: String, format: ExportFormat) {
        var issues = FieldIssues<Field>()
        let path = issues.text(path, .path, required: tr("Name the file to write, e.g. clients.csv."))
        if path.hasSuffix("/") { issues.add(.path, tr("This is a folder; add the file's name, e.g. clients.csv.")) }
        let format = issues.require(format, .format, tr("Choose CSV or JSON."))
        guard let format, issues.isEmpty else { throw issues.failure }
        return (path, format)
    }
}

/// The formats of a person's own export (GDPR Art. 15).
package enum SubjectExportFormat: String, CaseIterable, Sendable {
    case json, html
}

/// Where a person's own export goes, as the record's export form holds it: the file the
/// officer confirms, and its format.
package struct SubjectExportDraft: FormDraft, Hashable {
    package enum Field: String, DraftField {
        case path, format

        package var characterLimit: Int? { self == .path ? 1000 : nil }
    }

    package var path: String
    package var format: SubjectExportFormat?

    package init(path: String = "", format: SubjectExportFormat? = .html) {
        self.path = path
        self.format = format
    }

    package var requiredFields: Set<Field> { [.path, .format] }

    /// The path (trimmed) and the format, or every problem.
    @discardableResult
    package func validated() throws(ValidationFailure<Field>) -> (path: String, format: SubjectExportFormat) {
        var issues = FieldIssues<Field>()
        let path = issues.text(path, .path, required: tr("Name the file to write, e.g. access-request.html."))
        if path.hasSuffix("/") {
            issues.add(.path, tr("This is a folder; add the file's name, e.g. access-request.html."))
        }
        let format = issues.require(format, .format, tr("Choose JSON or HTML."))
        guard let format, issues.isEmpty else { throw issues.failure }
        return (path, format)
    }
}
