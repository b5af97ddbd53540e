import Testing

@testable import CasebookCore

@Suite struct DayTests {
    @Test(arguments: ["2026-11-23", "2024-02-29", "2000-02-29", "1999-12-31", "0001-01-01", "9999-12-31"])
    func parsesAndPrintsValidDays(_ text: String) throws {
        #expect(try Day(iso: text).iso == text)
    }

    @Test(arguments: ["2026-13-01", "2026-00-10", "2026-04-31", "2025-02-29", "1900-02-29", "2026-02-30"])
    func refusesDaysThatDoNotExist(_ text: String) {
        #expect(throws: DayError.nonexistent(text)) { try Day(iso: text) }
    }

    @Test(arguments: ["", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00", "２０２６-01-01", "abcd-ef-gh", " 2026-01-01"])
    func refusesMalformedText(_ text: String) {
        #expect(throws: DayError.malformed(text)) { try Day(iso: text) }
    }

    @Test func leapYearsFollowTheGregorianRule() {
        #expect(Day.isLeap(2024))
        #expect(Day.isLeap(2000))
        #expect(!Day.isLeap(1900))
        #expect(!Day.isLeap(2026))
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-08-31", 1, "2026-09-30"),
        ("2026-11-23", 14, "2028-01-23"),
        ("2026-01-15", -13, "2024-12-15"),
        ("2023-12-31", 2, "2024-02-29"),
    ])
    func addingMonthsClampsToTheEndOfTheMonth(_ start: String, _ months: Int, _ expected: String) throws {
        #expect(try Day(iso: start).adding(months: months).iso == expected)
    }

    @Test(arguments: [
        ("2026-12-31", 1, "2027-01-01"),
        ("2024-02-28", 1, "2024-02-29"),
        ("2025-02-28", 1, "2025-03-01"),
        ("2026-03-01", -1, "2026-02-28"),
        ("2026-11-23", 7, "2026-11-30"),
        ("2026-11-23", 365, "2027-11-23"),
    ])
    func addingDaysCrossesMonthsAndYears(_ start: String, _ days: Int, _ expected: String) throws {
        #expect(try Day(iso: start).adding(days: days).iso == expected)
    }

    @Test func ordinalsRoundTripOverFourCenturies() {
        var previous = Day(ordinal: -150_001)
        var mismatches: [Int] = []
        for ordinal in -150_000...150_000 {
            let day = Day(ordinal: ordinal)
            let next = previous.day == Day.daysIn(month: previous.month, year: previous.year)
                ? (previous.month == 12 ? Day(year: previous.year + 1, month: 1, day: 1) : Day(year: previous.year, month: previous.month + 1, day: 1))
                : Day(year: previous.year, month: previous.month, day: previous.day + 1)
            if day.ordinal != ordinal || next != day { mismatches.append(ordinal) }
            previous = day
        }
        #expect(mismatches.isEmpty)
        #expect(Day(ordinal: 0).iso == "1970-01-01")
    }

    @Test func weekdayAndAge() throws {
        #expect(try Day(iso: "2026-11-23").weekday == 0)  // a Monday
        #expect(try Day(iso: "2026-11-29").weekday == 6)
        let birth = try Day(iso: "2000-02-29")
        #expect(birth.years(until: try Day(iso: "2026-02-28")) == 25)
        #expect(birth.years(until: try Day(iso: "2026-03-01")) == 26)
        #expect(try Day(iso: "2026-01-01").days(until: try Day(iso: "2026-03-01")) == 59)
    }

    @Test func instantsPrintAndParseUTC() throws {
        let instant = Instant(secondsSinceEpoch: 1_795_421_525)
        #expect(instant.iso == "2026-11-23T08:12:05Z")
        #expect(Instant(iso: instant.iso) == instant)
        #expect(Instant(secondsSinceEpoch: -1).iso == "1969-12-31T23:59:59Z")
        #expect(Instant(iso: "2026-11-23 08:12:05") == nil)
    }

    @Test func fixedClockAnswersItsDay() throws {
        let clock = FixedClock(today: try Day(iso: "2026-11-23"))
        #expect(clock.today.iso == "2026-11-23")
        #expect(clock.now.utcDay == clock.today)
    }
}
