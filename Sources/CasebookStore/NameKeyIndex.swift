import CasebookCore

/// The name keys in the search index for the clients a file held before migration 14.
enum NameKeyIndex {
    /// Adds every client's key tokens (`SearchKey.indexTokens` less the words already there).
    /// Each token row copies the client's other columns from one of its own rows, so the step
    /// writes what the table holds whatever columns a later migration gives it; a client whose
    /// names have no token has no key either.
    static func writeTokensV1(on database: Database) throws {
        let others = try database.query("PRAGMA table_info(client_search)", []) { $0.text(1) }.filter {
            $0 != "token"
        }
        let insert = """
            INSERT OR IGNORE INTO client_search (token, \(others.joined(separator: ", ")))
            SELECT ?, \(others.map { "s." + $0 }.joined(separator: ", ")) FROM client_search s WHERE s.client_id = ? LIMIT 1
            """
        let clients = try database.query("SELECT id, family_name, given_names, other_names FROM clients", []) {
            (id: $0.int64(0), names: [$0.text(1), $0.text(2), $0.text(3)])
        }
        var folding = SearchKey.Memo()
        for client in clients {
            for token in NameKey.indexTokens(ofFolded: folding.tokens(of: client.names)) {
                try database.execute(insert, [token, client.id])
            }
        }
    }
}
