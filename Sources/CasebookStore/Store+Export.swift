import CasebookCore
import CasebookL10n

/// A client as a list export writes it: the record and the list's columns beside it.
package struct ExportedClient: Sendable, Hashable {
    package var client: Client
    /// The officer's user name, as the list shows it.
    package var officer: String?
}

/// Which clients an export writes: a list's filter and order, or the clients marked on it.
package enum ExportSelection: Sendable, Hashable {
    case filter(ClientFilter, ClientSort)
    /// The marked clients, in the order given.
    case clients([Client.ID])
}

extension Store {
    /// Every client of the selection the acting staff member may see, in the list's order, with
    /// the fields the policy lets them take out (`export`); a marked client outside their reach
    /// refuses the whole export. One snapshot, so the file is the list at one moment; the read log
    /// records every client exported.
    /// `office`: only that office's clients of the selection (`clients export --office CODE`),
    /// refused unless the person may export from it.
    package func exportClients(_ selection: ExportSelection, office: Office.ID? = nil, actor: Staff.ID) throws
        -> [ExportedClient]
    {
        try require(.export, by: actor)
        if let office { try require(.export, by: actor, office: office) }
        if case .clients(let marked) = selection {
            for id in marked { try require(.export, by: actor, client: id) }
        }
        let exported: [ExportedClient] = try read {
            let ids: [Client.ID]
            switch selection {
            case .clients(let marked):
                ids = marked
            case .filter(var filter, let sort):
                // Only what the list would show this person: their offices' clients.
                filter.viewer = actor
                var all: [Client.ID] = []
                var last: ClientSummary?
                while true {
                    let page = try clientList.page(filter, sort: sort, after: last, limit: Store.exportPage)
                    all += page.map(\.id)
                    guard page.count == Store.exportPage else { break }
                    last = page.last
                }
                ids = all
            }
            var officers: [Staff.ID: String] = [:]
            var result: [ExportedClient] = []
            result.reserveCapacity(ids.count)
            let selection =
                "SELECT \(Store.clientSelection) FROM clients WHERE id = ?"
                + (office == nil ? "" : " AND office_id = ?")
            for id in ids {
                guard
                    let client = try database.queryFirst(
                        selection, office.map { [id, $0] } ?? [id], Store.client)
                else { continue }
                var officer: String?
                if let officerID = client.officerID {
                    if officers[officerID] == nil { officers[officerID] = try officerName(officerID) }
                    officer = officers[officerID]
                }
                result.append(ExportedClient(client: client, officer: officer))
            }
            return result
        }
        try logRead(.export, clients: exported.map(\.client.id), by: actor)
        return exported
    }

    private static let exportPage = 1000
}
