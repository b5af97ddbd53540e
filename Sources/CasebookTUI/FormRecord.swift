import CasebookCore
import CasebookStore

/// The stored record a form's save changes: the version the form read (a save on an older one
/// is refused, never written over a colleague's), and how to read the record again (Ctrl-R).
package struct FormRecord<Draft> {
    package var version: Int
    /// The record's version now, and what the form's fields show of it: nil for a form whose
    /// fields are not stored on the record (a phase change, a review), which keeps its own.
    let read: (App) throws -> (version: Int, draft: Draft?)
}

extension FormRecord {
    /// A client's record, read again by its id: its version and, for a form of its fields, `draft` of it.
    static func client(_ client: Client, draft: ((Client) -> Draft)? = nil) -> FormRecord {
        FormRecord(version: client.version) { app in
            guard let current = try app.store.client(id: client.id, by: app.me.id) else {
                throw StoreError.notFound("client")
            }
            return (current.version, draft?(current))
        }
    }

    static func contract(_ contract: Contract) -> FormRecord {
        version(contract.version, of: "contract") { try $0.store.contract(id: contract.id, by: $0.me.id)?.version }
    }

    static func obligation(_ obligation: Obligation) -> FormRecord {
        version(obligation.version, of: "obligation") {
            try $0.store.obligation(id: obligation.id, by: $0.me.id)?.version
        }
    }

    static func qualification(_ file: Qualification) -> FormRecord {
        version(file.version, of: "qualification") { try $0.store.qualification(id: file.id, by: $0.me.id)?.version }
    }

    /// A record whose version is all the form reads again (`current` is nil once it is gone).
    private static func version(_ version: Int, of entity: String, _ current: @escaping (App) throws -> Int?)
        -> FormRecord
    {
        FormRecord(version: version) { app in
            guard let now = try current(app) else { throw StoreError.notFound(entity) }
            return (now, nil)
        }
    }
}

extension FormRecord where Draft == ObligationDraft {
    /// The terms of `obligation` (none for a new one): its contract's version guards them.
    static func terms(of obligation: Obligation?, in contract: Contract) -> FormRecord {
        FormRecord(version: contract.version) { app in
            guard let current = try app.store.contract(id: contract.id, by: app.me.id) else {
                throw StoreError.notFound("contract")
            }
            return (
                current.version,
                try obligation.flatMap { try app.store.obligation(id: $0.id, by: app.me.id) }.map(ObligationDraft.init)
            )
        }
    }
}
