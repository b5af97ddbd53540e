import CasebookCore

/// Which part of a date written with the year last comes first.
package enum DateOrder: String, CaseIterable, Sendable, CustomStringConvertible {
    case dayFirst = "day-first"
    case monthFirst = "month-first"

    package var description: String { self == .dayFirst ? "day first" : "month first" }
}

/// Dates as spreadsheets export them: `2024-03-17`, `17.03.2024`, `17/03/2024`, `17-03-2024`,
/// `17.3.24`, with or without a time of day after them (`2024-03-17 00:00:00`).
///
/// The rules:
/// - Year first (`2024-03-17`, `2024-3-7`, `2024/03/17`) is year, month, day.
/// - Dots (`17.03.2024`) are always day first: no convention writes month.day.year.
/// - Slashes and dashes with the year last (`03/04/2024`) are read in the column's order: the
///   mapping file's, else the one the column itself shows. A value whose first part is over 12
///   (`17/03/2024`), or a dotted date, shows day first; one whose second part is over 12 shows
///   month first. A value that fits both orders (`03/04/2024`, not `05/05/2024`) is refused when
///   the column shows neither, or shows both.
/// - A two-digit year is the latest such year up to this year for dates that cannot lie ahead
///   (birth, arrival): `17.3.24` is 2024, `17.3.58` is 1958 (in 2026). For others (a permit's
///   expiry) it is the nearest such year, within 50 years back and 49 ahead.
package enum ImportDate {
    /// What a date cell says before the column's order is known.
    package enum Form: Equatable, Sendable {
        case empty
        case day(Day)
        /// Year last with slashes or dashes: `first` and `second` are day and month in some order.
        case yearLast(first: Int, second: Int, year: Int, twoDigitYear: Bool, dotted: Bool)
        /// Year first, but no such day (`2023-02-29`).
        case nonexistent
        case malformed
    }

    /// Reads the digits of a cell.
    package static func form(of text: String) -> Form {
        var bytes = Array(trimmedCell(text).utf8)
        if bytes.isEmpty { return .empty }
        // A time of day after the date ("2024-03-17 00:00:00", "2024-03-17T08:00") is dropped.
        if let cut = bytes.firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: "T") }),
            isTime(bytes[(cut + 1)...])
        {
            bytes = Array(bytes[..<cut])
        }
        guard let separator = bytes.first(where: { !isDigit($0) }),
            separator == UInt8(ascii: "-") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "/")
        else { return .malformed }
        let parts = bytes.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isDigit) }) else { return .malformed }
        let lengths = parts.map(\.count)
        let numbers = parts.map { $0.reduce(0) { $0 * 10 + Int($1 - 48) } }
        if lengths[0] == 4 && lengths[1] <= 2 && lengths[2] <= 2 {
            guard let day = Day(year: numbers[0], month: numbers[1], day: numbers[2]) else { return .nonexistent }
            return .day(day)
        }
        guard lengths[0] <= 2, lengths[1] <= 2, lengths[2] == 4 || lengths[2] == 2 else { return .malformed }
        return .yearLast(
            first: numbers[0], second: numbers[1], year: numbers[2], twoDigitYear: lengths[2] == 2,
            dotted: separator == UInt8(ascii: "."))
    }

    /// What a column's values show about their order.
    package struct Evidence: Sendable, Equatable {
        /// The first row whose value can only be day first, and one that can only be month first.
        package var dayFirstRow: Int?
        package var monthFirstRow: Int?

        package init(dayFirstRow: Int? = nil, monthFirstRow: Int? = nil) {
            self.dayFirstRow = dayFirstRow
            self.monthFirstRow = monthFirstRow
        }

        package mutating func observe(_ form: Form, row: Int) {
            guard case .yearLast(let first, let second, _, _, let dotted) = form else { return }
            if (dotted || first > 12) && second <= 12 {
                dayFirstRow = dayFirstRow ?? row
            } else if second > 12 && first <= 12 {
                monthFirstRow = monthFirstRow ?? row
            }
        }

        /// The order the column shows, when it shows exactly one.
        package var order: DateOrder? {
            switch (dayFirstRow, monthFirstRow) {
            case (_?, nil): return .dayFirst
            case (nil, _?): return .monthFirst
            default: return nil
            }
        }
    }

    /// The day a cell stands for, or why it stands for none. `order` is the mapping file's, else nil.
    package static func read(
        _ text: String, order: DateOrder?, evidence: Evidence, today: Day, canLieAhead: Bool
    ) -> Result<Day?, DateProblem> {
        switch form(of: text) {
        case .empty: return .success(nil)
        case .day(let day): return .success(day)
        case .nonexistent:
            return .failure(.notADay(Sanitized.inline(trimmedCell(text), limit: 30)))
        case .malformed:
            return .failure(.unreadable(Sanitized.inline(trimmedCell(text), limit: 30)))
        case .yearLast(let first, let second, let shortYear, let twoDigits, let dotted):
            let shown = Sanitized.inline(trimmedCell(text), limit: 30)
            let year = twoDigits ? fullYear(shortYear, today: today, canLieAhead: canLieAhead) : shortYear
            let asDayFirst = Day(year: year, month: second, day: first)
            let asMonthFirst = Day(year: year, month: first, day: second)
            let chosen: Day?
            if dotted {
                chosen = asDayFirst
            } else if let order = order ?? evidence.order {
                chosen = order == .dayFirst ? asDayFirst : asMonthFirst
                if chosen == nil && (order == .dayFirst ? asMonthFirst : asDayFirst) != nil {
                    return .failure(.againstOrder(shown, order))
                }
            } else if let dayFirst = asDayFirst, let monthFirst = asMonthFirst, dayFirst != monthFirst {
                guard let dayRow = evidence.dayFirstRow, let monthRow = evidence.monthFirstRow else {
                    return .failure(.ambiguous(shown, dayFirst: dayFirst, monthFirst: monthFirst))
                }
                return .failure(.mixedOrders(shown, dayFirstRow: dayRow, monthFirstRow: monthRow))
            } else {
                chosen = asDayFirst ?? asMonthFirst
            }
            guard let chosen else { return .failure(.notADay(shown)) }
            return .success(chosen)
        }
    }

    /// A two-digit year as a full one (see the rules above).
    package static func fullYear(_ twoDigits: Int, today: Day, canLieAhead: Bool) -> Int {
        var year = today.year / 100 * 100 + twoDigits
        if canLieAhead {
            if year > today.year + 49 { year -= 100 } else if year < today.year - 50 { year += 100 }
        } else if year > today.year {
            year -= 100
        }
        return year
    }

    private static func isTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return false }
        return parts.enumerated().allSatisfy { index, part in
            // Seconds may carry a fraction ("00:00:00.000").
            let digits = index == 2 ? part.prefix { $0 != UInt8(ascii: ".") } : part
            return digits.count == 2 && digits.allSatisfy(isDigit)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
}

/// Why a date cell was refused; the text shown is the cell's, cut short and without control characters.
package enum DateProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shaped like a date, but no such day (31.02.1990).
    case notADay(String)
    case unreadable(String)
    /// A day only in the other order than the column's (13/03/2024 in a month-first column).
    case againstOrder(String, DateOrder)
    case ambiguous(String, dayFirst: Day, monthFirst: Day)
    case mixedOrders(String, dayFirstRow: Int, monthFirstRow: Int)

    package var description: String {
        switch self {
        case .notADay(let text):
            return "\(text) is not a date"
        case .unreadable(let text):
            return "\"\(text)\" is not a date in a form Casebook reads, such as 2024-03-17 or 17.03.2024"
        case .againstOrder(let text, let order):
            return "\(text) is not a date read \(order), the order of this column's dates"
        case .ambiguous(let text, let dayFirst, let monthFirst):
            return "\(text) could be \(dayFirst.iso) or \(monthFirst.iso) and no date in this column tells which; "
                + "set the column's order in the mapping file"
        case .mixedOrders(let text, let dayRow, let monthRow):
            return "\(text) could be read two ways, and this column has dates day first (row \(dayRow)) "
                + "and month first (row \(monthRow)); write it as year-month-day"
        }
    }
}
