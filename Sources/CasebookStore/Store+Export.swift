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
        let filter = try read { try exportFilter(selection, office: office) }
        // One transaction: the export's row and its read log rows are written together or not at all.
        try write {
            try logRead(.export, clients: exported.map(\.client.id), by: actor)
            if schemaVersion >= 21 {
                try HashChain.exports.append(
                    fields: [clock.now.sqlValue, actor.sqlValue, Int64(exported.count).sqlValue], values: [filter],
                    on: database)
            }
        }
        return exported
    }

    /// The selection in machine form (`ExportFilter`), officers and offices by user name and code.
    private func exportFilter(_ selection: ExportSelection, office: Office.ID?) throws -> String {
        var parts = ExportFilter()
        if let office { parts.office = try self.office(id: office)?.code ?? "#\(office)" }
        switch selection {
        case .clients:
            parts.marked = true
        case .filter(let filter, let sort):
            parts.sort = sort.rawValue
            parts.phase = filter.phase?.rawValue
            parts.officer = try filter.officerID.map(officerName)
            parts.flagged = filter.flaggedOnly
            parts.figure = filter.cohort != nil
            parts.search = filter.search.isEmpty ? nil : filter.search
        }
        return parts.machineForm
    }

    private static let exportPage = 1000
}

/// Which clients an export took, as the export log keeps it: one `key=value` line each, the
/// search text last (it may hold anything, line breaks too). Machine keys, never translated.
package struct ExportFilter: Hashable, Sendable {
    /// The clients marked on the list, not a filter.
    package var marked = false
    package var office: String?
    package var officer: String?
    package var phase: String?
    package var flagged = false
    /// The clients behind a dashboard figure.
    package var figure = false
    package var sort: String?
    package var search: String?

    package init() {}

    package var machineForm: String {
        var lines: [String] = []
        if marked { lines.append("marked") }
        if let office { lines.append("office=\(office)") }
        if let officer { lines.append("officer=\(officer)") }
        if let phase { lines.append("phase=\(phase)") }
        if flagged { lines.append("flagged") }
        if figure { lines.append("figure") }
        if let sort { lines.append("sort=\(sort)") }
        if let search { lines.append("search=\(search)") }
        return lines.joined(separator: "\n")
    }

    /// Read back from `machineForm`; an unknown line is ignored (a later version's key).
    package init(machineForm text: String) {
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("search=") {
                search = String(rest.dropFirst("search=".count))
                return
            }
            let line = rest.prefix { $0 != "\n" }
            rest = rest.dropFirst(line.count).drop { $0 == "\n" }
            let key = line.prefix { $0 != "=" }
            let value = line.count > key.count ? String(line.dropFirst(key.count + 1)) : nil
            switch key {
            case "marked": marked = true
            case "flagged": flagged = true
            case "figure": figure = true
            case "office": office = value
            case "officer": officer = value
            case "phase": phase = value
            case "sort": sort = value
            default: break
            }
        }
    }

    /// The filter in words, for the export log's listing.
    package var words: String {
        var parts: [String] = []
        if marked { parts.append(tr("the marked clients")) }
        if let office { parts.append(tr("office {code}", ["code": office])) }
        if let officer { parts.append(tr("officer {user}", ["user": officer])) }
        if let phase {
            parts.append(tr("phase {phase}", ["phase": CasePhase(rawValue: phase)?.label ?? phase]))
        }
        if flagged { parts.append(tr("flagged only")) }
        if figure { parts.append(tr("the clients behind a dashboard figure")) }
        if let search { parts.append(tr("search “{text}”", ["text": search])) }
        if parts.isEmpty { parts.append(tr("every client they may export")) }
        if let sort, let order = ClientSort(rawValue: sort) {
            parts.append(tr("sorted by {order}", ["order": order.label]))
        }
        return parts.joined(separator: ", ")
    }
}

/// One row of the export log: who exported how many clients, when, with which filter.
package struct ExportEntry: Hashable, Sendable {
    package var id: Int64
    package var at: Instant
    package var staff: String
    package var clients: Int
    /// Nil once blanked (its hash kept in the chain).
    package var filter: ExportFilter?
}

extension HashChain {
    /// The export log's chain: who, when and how many in the clear; the filter, which may hold a
    /// name typed into the search, only through its salted hash.
    static let exports = HashChain(
        table: "exports", fields: ["at", "staff_id", "clients"],
        values: [Value(column: "filter", hashColumn: "filter_hash")])
}

extension Store {
    /// The list exports, newest first, for those who may see the access log: each made by a staff
    /// member of an office where `viewer` may see it.
    package func exportLog(by viewer: Staff.ID, limit: Int = 500) throws -> [ExportEntry] {
        try require(.seeAccessLog, by: viewer)
        guard hasExportLog else { return [] }
        let offices = try actor(viewer).memberships.map(\.officeID).filter { office in
            (try? require(.seeAccessLog, by: viewer, office: office)) != nil
        }
        guard !offices.isEmpty else { return [] }
        return try read {
            try database.query(
                """
                SELECT e.id, e.at, coalesce(s.username, '#' || e.staff_id), e.clients, e.filter
                FROM exports e LEFT JOIN staff s ON s.id = e.staff_id
                WHERE EXISTS (SELECT 1 FROM staff_offices m WHERE m.staff_id = e.staff_id
                    AND m.office_id IN (\(offices.map { _ in "?" }.joined(separator: ", "))))
                ORDER BY e.id DESC LIMIT ?
                """, offices + [Int64(limit)]
            ) { row in
                ExportEntry(
                    id: row.int64(0), at: try row.instant(1), staff: row.text(2), clients: Int(row.int64(3)),
                    filter: row.optionalText(4).map(ExportFilter.init(machineForm:)))
            }
        }
    }

    /// Walks the export log's chain on one snapshot (as `verifyReadLog` does the read log's).
    package func verifyExportLog(recordedHead: ChainHash? = nil) throws -> ChainReport {
        try read { try HashChain.exports.verify(on: database, recordedHead: recordedHead) }
    }

    /// True when the file has an export log (schema 21 and later).
    package var hasExportLog: Bool { schemaVersion >= 21 }
}
