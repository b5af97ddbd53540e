import CasebookCore
import CasebookL10n

extension ExportFormat {
    package var label: String {
        switch self {
        case .csv: return tr("CSV (spreadsheets)")
        case .json: return tr("JSON")
        }
    }
}

extension SubjectExportFormat {
    package var label: String {
        switch self {
        case .json: return tr("JSON")
        case .html: return tr("HTML (one printable page)")
        }
    }
}
