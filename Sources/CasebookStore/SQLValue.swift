import CasebookCore

/// A value bound to a statement parameter.
package enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    /// Bytes (the audit chain's hashes and salts).
    case blob([UInt8])
    case null
}

/// `value` as an SQL value, specialized per type (no existential box): what bulk writes use
/// to build rows cheaply.
@inline(__always)
func sql<T: SQLBindable>(_ value: T) -> SQLValue { value.sqlValue }

/// Something that binds as one SQL value.
package protocol SQLBindable {
    var sqlValue: SQLValue { get }
    /// Appends the value to packed rows (bulk writes), without making an `SQLValue` first
    /// where the type can.
    func pack(into rows: PackedRows)
}

extension SQLBindable {
    package func pack(into rows: PackedRows) { rows.append(sqlValue) }
}

extension Int: SQLBindable {
    package var sqlValue: SQLValue { .integer(Int64(self)) }
    package func pack(into rows: PackedRows) { rows.append(Int64(self)) }
}

extension Int64: SQLBindable {
    package var sqlValue: SQLValue { .integer(self) }
    package func pack(into rows: PackedRows) { rows.append(self) }
}

extension Double: SQLBindable {
    package var sqlValue: SQLValue { .real(self) }
    package func pack(into rows: PackedRows) { rows.append(self) }
}

extension String: SQLBindable {
    package var sqlValue: SQLValue { .text(self) }
    package func pack(into rows: PackedRows) { rows.append(self) }
}

extension Substring: SQLBindable { package var sqlValue: SQLValue { .text(String(self)) } }

extension Bool: SQLBindable {
    package var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    package func pack(into rows: PackedRows) { rows.append(Int64(self ? 1 : 0)) }
}

extension Day: SQLBindable {
    package var sqlValue: SQLValue { .text(iso) }
    package func pack(into rows: PackedRows) { rows.append(self) }
}

extension Instant: SQLBindable { package var sqlValue: SQLValue { .text(iso) } }

extension SQLValue: SQLBindable {
    package var sqlValue: SQLValue { self }
    package func pack(into rows: PackedRows) { rows.append(self) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
    package func pack(into rows: PackedRows) {
        if let self { self.pack(into: rows) } else { rows.appendNull() }
    }
}

extension RawRepresentable where RawValue == String {
    package var sqlValue: SQLValue { .text(rawValue) }
}

extension SQLBindable where Self: RawRepresentable, RawValue == String {
    package func pack(into rows: PackedRows) { rows.append(rawValue) }
}

extension CasePhase: SQLBindable {}
extension Role: SQLBindable {}
extension ExitReason: SQLBindable {}
extension Sex: SQLBindable {}
extension ResidenceCategory: SQLBindable {}
extension ProgrammeStatus: SQLBindable {}
extension RuleBasis: SQLBindable {}

/// Ids bound as one value, a JSON array that `json_each` reads back, so that a query over any
/// number of ids is one statement, prepared once: `IN (?, ?, …)` would be a statement of its own
/// for every length, each kept in the statement cache.
struct IDList: SQLBindable {
    /// The ids as a table, for `client_id IN \(IDList.sql)`.
    static let sql = "(SELECT value FROM json_each(?))"

    let ids: [Int64]

    init(_ ids: [Int64]) { self.ids = ids }

    var sqlValue: SQLValue { .text("[" + ids.map(String.init).joined(separator: ",") + "]") }
}
