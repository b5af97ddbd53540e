import CasebookL10n

/// A calendar date without time or zone: the unit every deadline, birth date
/// and due date in Casebook is counted in.
///
/// Stored and shown as ISO 8601 text (`2026-11-23`), which also sorts correctly.
package struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let year: Int
    package let month: Int
    package let day: Int

    /// Creates a day, or nil when the combination does not exist (Feb 30, Feb 29 of a common year).
    package init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (four-digit year, two-digit month and day).
    package init(iso text: String) throws(DayError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            throw .malformed(text)
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else {
            throw .malformed(text)
        }
        guard let parsed = Day(year: y, month: m, day: d) else { throw .nonexistent(text) }
        self = parsed
    }

    /// Parses a date as a person types it: ISO (`2024-03-17`) always, and the language's own
    /// day-month-year form (`17.03.2024`, `17/3/2024`: one or two digits for the day and month,
    /// four for the year) when the language has one. The one parser of forms and commands.
    package init(typed text: String) throws(DayError) {
        if let form = DateForm.current, text.contains(form.separator) {
            let parts = text.split(separator: form.separator, omittingEmptySubsequences: false)
            if parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count),
                (1...2).contains(parts[1].count),
                parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
            {
                guard let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
                    let parsed = Day(year: y, month: m, day: d)
                else { throw .nonexistent(text) }
                self = parsed
                return
            }
        }
        // "2024-03-17" has a dash too: a Dutch date is told from it by the year's place.
        try self.init(iso: text)
    }

    /// The day as screens write it: ISO, or the language's own form when the settings ask
    /// for it (`date_format = "locale"`).
    package var shown: String {
        guard let form = DateForm.shown else { return iso }
        let zero = UInt8(ascii: "0")
        let separator = UInt8(ascii: form.separator.unicodeScalars.first ?? ".")
        let bytes: [UInt8] = [
            zero + UInt8(day / 10), zero + UInt8(day % 10), separator, zero + UInt8(month / 10),
            zero + UInt8(month % 10), separator, zero + UInt8(year / 1000 % 10), zero + UInt8(year / 100 % 10),
            zero + UInt8(year / 10 % 10), zero + UInt8(year % 10),
        ]
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Days since 1970-01-01 (negative before), the proleptic Gregorian count.
    package var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The day with the given ordinal (days since 1970-01-01).
    package init(ordinal: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// `YYYY-MM-DD`. Written byte by byte: dates are converted on every row read and written.
    package var iso: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            Day.write(self, into: buffer, at: 0)
            return String(decoding: buffer, as: UTF8.self)
        }
    }

    /// Writes the ten bytes of `iso` at `start`.
    package static func write(_ day: Day, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        let zero = UInt8(ascii: "0")
        buffer[start] = zero + UInt8(day.year / 1000 % 10)
        buffer[start + 1] = zero + UInt8(day.year / 100 % 10)
        buffer[start + 2] = zero + UInt8(day.year / 10 % 10)
        buffer[start + 3] = zero + UInt8(day.year % 10)
        buffer[start + 4] = UInt8(ascii: "-")
        buffer[start + 5] = zero + UInt8(day.month / 10)
        buffer[start + 6] = zero + UInt8(day.month % 10)
        buffer[start + 7] = UInt8(ascii: "-")
        buffer[start + 8] = zero + UInt8(day.day / 10)
        buffer[start + 9] = zero + UInt8(day.day % 10)
    }

    package var description: String { iso }

    package func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Adds calendar months; a day past the end of the target month is clamped to its last day
    /// (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year).
    package func adding(months: Int) -> Day {
        let total = (year * 12 + (month - 1)) + months
        let y = total / 12
        let m = total % 12 + 1
        let d = min(day, Day.daysIn(month: m, year: y))
        return Day(year: y, month: m, day: d) ?? self
    }

    package func adding(years: Int) -> Day { adding(months: years * 12) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    package func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// Completed years from `self` to `other`, as ages are counted.
    package func years(until other: Day) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    /// 0 = Monday ... 6 = Sunday.
    package var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

    package static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    package static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

package enum DayError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case nonexistent(String)

    package var description: String {
        switch self {
        case .malformed:
            guard let form = DateForm.current else {
                return tr("A date must be written YYYY-MM-DD, for example 2026-03-01.")
            }
            let separator = String(form.separator)
            return tr(
                "A date must be written YYYY-MM-DD or as {example} (day, month, year), for example 2026-03-01 or {example}.",
                ["example": "01" + separator + "03" + separator + "2026"])
        case .nonexistent(let text):
            return tr("{date} is not a day of the calendar; check the month and day.", ["date": text])
        }
    }
}

/// A point in time in whole seconds since 1970-01-01T00:00:00Z; what the audit log records.
package struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    package let secondsSinceEpoch: Int

    package init(secondsSinceEpoch: Int) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// The UTC day of this instant.
    package var utcDay: Day {
        let s = secondsSinceEpoch
        return Day(ordinal: s >= 0 ? s / 86400 : (s - 86399) / 86400)
    }

    /// `2026-11-23T08:12:05Z`.
    package var iso: String {
        let day = utcDay
        let seconds = secondsSinceEpoch - day.ordinal * 86400
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            Day.write(day, into: buffer, at: 0)
            let zero = UInt8(ascii: "0")
            let parts = [seconds / 3600, seconds / 60 % 60, seconds % 60]
            buffer[10] = UInt8(ascii: "T")
            for (index, value) in parts.enumerated() {
                buffer[11 + index * 3] = zero + UInt8(value / 10)
                buffer[12 + index * 3] = zero + UInt8(value % 10)
                if index < 2 { buffer[13 + index * 3] = UInt8(ascii: ":") }
            }
            buffer[19] = UInt8(ascii: "Z")
            return String(decoding: buffer, as: UTF8.self)
        }
    }

    /// Parses the form written by `iso`.
    package init?(iso text: String) {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = try? Day(iso: String(parts[0])), parts[1].hasSuffix("Z") else {
            return nil
        }
        let clock = parts[1].dropLast().split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        secondsSinceEpoch = day.ordinal * 86400 + clock[0] * 3600 + clock[1] * 60 + clock[2]
    }

    package var description: String { iso }

    package static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }
}

/// Where "today" and "now" come from. The application uses the system clock;
/// tests pin both so that results do not depend on the day they run.
package protocol Clock: Sendable {
    /// The local calendar day.
    var today: Day { get }
    var now: Instant { get }
}

/// A clock that always answers the same day and instant.
package struct FixedClock: Clock {
    package var today: Day
    package var now: Instant

    package init(today: Day, now: Instant? = nil) {
        self.today = today
        self.now = now ?? Instant(secondsSinceEpoch: today.ordinal * 86400 + 9 * 3600)
    }
}
