import CasebookCore

/// A value bound to a statement parameter.
package enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null
}

/// `value` as an SQL value, specialized per type (no existential box): what bulk writes use
/// to build rows cheaply.
@inline(__always)
func sql<T: SQLBindable>(_ value: T) -> SQLValue { value.sqlValue }

/// Something that binds as one SQL value.
package protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension Int: SQLBindable { package var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { package var sqlValue: SQLValue { .integer(self) } }
extension Double: SQLBindable { package var sqlValue: SQLValue { .real(self) } }
extension String: SQLBindable { package var sqlValue: SQLValue { .text(self) } }
extension Substring: SQLBindable { package var sqlValue: SQLValue { .text(String(self)) } }
extension Bool: SQLBindable { package var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension Day: SQLBindable { package var sqlValue: SQLValue { .text(iso) } }
extension Instant: SQLBindable { package var sqlValue: SQLValue { .text(iso) } }
extension SQLValue: SQLBindable { package var sqlValue: SQLValue { self } }

extension Optional: SQLBindable where Wrapped: SQLBindable {
    package var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension RawRepresentable where RawValue == String {
    package var sqlValue: SQLValue { .text(rawValue) }
}

extension CasePhase: SQLBindable {}
extension Role: SQLBindable {}
extension ExitReason: SQLBindable {}
extension Sex: SQLBindable {}
extension ResidenceCategory: SQLBindable {}
extension ProgrammeStatus: SQLBindable {}
