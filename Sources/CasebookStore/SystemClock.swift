#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CasebookCore

/// The operating system's clock: today in the local time zone, now in UTC.
package struct SystemClock: Clock {
    package init() {}

    package var today: Day {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? Instant(secondsSinceEpoch: Int(seconds)).utcDay
    }

    package var now: Instant { Instant(secondsSinceEpoch: Int(time(nil))) }
}

/// Local wall-clock text of an instant, "2026-11-23 09:12", for people to read: the day in the
/// officer's date setting ("23.11.2026 09:12" when it asks for the language's form).
package func localTimeText(_ instant: Instant) -> String {
    var seconds = time_t(instant.secondsSinceEpoch)
    var parts = tm()
    localtime_r(&seconds, &parts)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    guard let day = Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)) else {
        return instant.iso
    }
    return "\(day.shown) \(two(parts.tm_hour)):\(two(parts.tm_min))"
}
