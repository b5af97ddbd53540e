import CasebookCore

/// The columns one query reads or one insert writes, named once (GRDB's `Column` idea): the
/// cases' order is the order of the SELECT list (or of the INSERT's columns), and each case
/// reads or writes its own position, so a name and its position cannot drift apart. A case
/// stands for the column of its name in snake case (`caseNumber` is `case_number`, as GRDB's
/// `convertFromSnakeCase`); `expression` gives another SQL expression (a joined table's column,
/// a subquery).
///
/// Reading by position stays as fast as before: a case is its position (its `Int32` raw value,
/// implicit, from 0), and no name is looked up per row.
protocol ColumnSet: CaseIterable, RawRepresentable where RawValue == Int32, AllCases == [Self] {
    /// The SQL the column selects, when it is not the column named after the case.
    var expression: String? { get }
}

extension ColumnSet {
    var expression: String? { nil }

    /// The column's name: the case's name in snake case.
    var name: String { snakeCase(String(describing: self)) }

    /// The names, in order (for an INSERT's column list).
    static var names: [String] { allCases.map(\.name) }

    /// The SELECT list: each column's expression, or its name qualified by `alias`; `chosen`
    /// gives the expressions a query picks per call. Build a fixed one once (a `static let`).
    static func selection(from alias: String? = nil, _ chosen: (Self) -> String? = { _ in nil }) -> String {
        precondition(
            allCases.enumerated().allSatisfy { Int32($0.offset) == $0.element.rawValue },
            "the columns of \(Self.self) are read by position: give them no raw values of their own")
        let prefix = alias.map { $0 + "." } ?? ""
        return allCases.map { chosen($0) ?? $0.expression ?? prefix + $0.name }.joined(separator: ", ")
    }
}

/// `familyName` → `family_name`, `officerID` → `officer_id`.
func snakeCase(_ name: String) -> String {
    var result = ""
    var previous: Character?
    for character in name {
        if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { result.append("_") }
        result += character.lowercased()
        previous = character
    }
    return result
}

/// A row read by the columns of `Columns` instead of by number.
struct NamedRow<Columns: ColumnSet> {
    let row: Row

    init(_ row: Row) { self.row = row }

    @inline(__always) func isNull(_ column: Columns) -> Bool { row.isNull(column.rawValue) }
    @inline(__always) func int64(_ column: Columns) -> Int64 { row.int64(column.rawValue) }
    @inline(__always) func int(_ column: Columns) -> Int { row.int(column.rawValue) }
    @inline(__always) func bool(_ column: Columns) -> Bool { row.int64(column.rawValue) != 0 }
    @inline(__always) func double(_ column: Columns) -> Double { row.double(column.rawValue) }
    @inline(__always) func text(_ column: Columns) -> String { row.text(column.rawValue) }
    @inline(__always) func optionalText(_ column: Columns) -> String? { row.optionalText(column.rawValue) }
    @inline(__always) func optionalInt64(_ column: Columns) -> Int64? { row.optionalInt64(column.rawValue) }
    @inline(__always) func optionalInt(_ column: Columns) -> Int? { row.optionalInt(column.rawValue) }
    @inline(__always) func dayOrdinal(_ column: Columns) -> Int? { row.dayOrdinal(column.rawValue) }
    @inline(__always) func bytes(_ column: Columns) -> UnsafeRawBufferPointer { row.bytes(column.rawValue) }
    @inline(__always) func day(_ column: Columns) throws -> Day { try row.day(column.rawValue) }
    @inline(__always) func optionalDay(_ column: Columns) throws -> Day? { try row.optionalDay(column.rawValue) }
    @inline(__always) func instant(_ column: Columns) throws -> Instant { try row.instant(column.rawValue) }

    @inline(__always) func value<E: RawRepresentable>(_ column: Columns, as type: E.Type) throws -> E
    where E.RawValue == String {
        try row.value(column.rawValue, as: type)
    }

    /// A code that may be NULL; an unknown one reads as nil (for optional codes such as a route).
    @inline(__always) func optionalValue<E: RawRepresentable>(_ column: Columns, as type: E.Type) -> E?
    where E.RawValue == String {
        row.optionalText(column.rawValue).flatMap(E.init(rawValue:))
    }
}

/// The values of one row to write, set by column, in the order of `Columns`.
struct RowValues<Columns: ColumnSet> {
    private(set) var values: [SQLValue]

    init() { values = Array(repeating: .null, count: Columns.allCases.count) }

    subscript(column: Columns) -> SQLValue {
        get { values[Int(column.rawValue)] }
        set { values[Int(column.rawValue)] = newValue }
    }
}
