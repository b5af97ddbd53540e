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
    /// Every client of the selection, in the list's order, with the fields the acting staff member
    /// may see. Every active staff member sees every client until offices and the permission
    /// policy land (issue 15), which narrow this entry point; an inactive or unknown one is
    /// refused. One snapshot, so the file is the list at one moment.
    package func exportClients(_ selection: ExportSelection, actor: Staff.ID) throws -> [ExportedClient] {
        try read {
            guard let person = try staff(id: actor), person.isActive else {
                throw StoreError.refused(tr("Only active staff can export client lists; ask an admin."))
            }
            let ids: [Client.ID]
            switch selection {
            case .clients(let marked):
                ids = marked
            case .filter(let filter, let sort):
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
            for id in ids {
                guard
                    let client = try database.queryFirst(
                        "SELECT \(Store.clientSelection) FROM clients WHERE id = ?", [id], Store.client)
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
    }

    private static let exportPage = 1000
}
