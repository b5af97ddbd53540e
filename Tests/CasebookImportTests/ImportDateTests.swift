import CasebookCore
import Testing

@testable import CasebookImport

@Suite struct ImportDateTests {
    let today = Fixture.today

    func read(
        _ text: String, order: DateOrder? = nil, evidence: ImportDate.Evidence = ImportDate.Evidence(),
        canLieAhead: Bool = false
    ) -> Result<Day?, DateProblem> {
        ImportDate.read(text, order: order, evidence: evidence, today: today, canLieAhead: canLieAhead)
    }

    @Test(arguments: [
        ("2024-03-17", "2024-03-17"), ("2024-3-7", "2024-03-07"), ("2024/03/17", "2024-03-17"),
        ("17.03.2024", "2024-03-17"), ("17.3.2024", "2024-03-17"), ("17.3.24", "2024-03-17"),
        ("7.3.24", "2024-03-07"), ("17/03/2024", "2024-03-17"), ("17-03-2024", "2024-03-17"),
        ("05/05/2024", "2024-05-05"), (" 17.03.2024 ", "2024-03-17"), ("2024-03-17 00:00:00", "2024-03-17"),
        ("2024-03-17T08:30", "2024-03-17"), ("17.03.2024 00:00:00.000", "2024-03-17"),
    ])
    func theFormsSpreadsheetsWriteAreRead(_ text: String, _ iso: String) throws {
        let day = try #require(try read(text).get())
        #expect(day.iso == iso)
    }

    @Test func anEmptyCellIsNoDate() throws {
        #expect(try read("").get() == nil)
        #expect(try read("   ").get() == nil)
    }

    /// Dots are day first whatever the column shows; no convention writes month.day.year.
    @Test func dotsAreAlwaysDayFirst() throws {
        let monthFirst = ImportDate.Evidence(monthFirstRow: 4)
        #expect(try read("03.04.2024", evidence: monthFirst).get()?.iso == "2024-04-03")
    }

    @Test func aDateThatFitsBothOrdersIsRefusedWhenTheColumnShowsNeither() {
        #expect(
            throws: DateProblem.ambiguous(
                "03/04/2024", dayFirst: Day(year: 2024, month: 4, day: 3)!,
                monthFirst: Day(year: 2024, month: 3, day: 4)!)
        ) {
            try read("03/04/2024").get()
        }
        let problem = DateProblem.ambiguous(
            "03/04/2024", dayFirst: Day(year: 2024, month: 4, day: 3)!, monthFirst: Day(year: 2024, month: 3, day: 4)!)
        #expect(problem.description.hasPrefix("03/04/2024 could be 2024-04-03 or 2024-03-04"))
        #expect(problem.description.hasSuffix("set the column's order in the mapping file"))
    }

    @Test func theColumnsOtherDatesDecideTheOrder() throws {
        var dayFirst = ImportDate.Evidence()
        for (row, text) in [(2, "03/04/2024"), (3, "17/03/2024"), (4, "20/01/1990")] {
            dayFirst.observe(ImportDate.form(of: text), row: row)
        }
        #expect(dayFirst == ImportDate.Evidence(dayFirstRow: 3))
        #expect(dayFirst.order == .dayFirst)
        #expect(try read("03/04/2024", evidence: dayFirst).get()?.iso == "2024-04-03")

        var monthFirst = ImportDate.Evidence()
        monthFirst.observe(ImportDate.form(of: "12/31/1999"), row: 7)
        #expect(monthFirst.order == .monthFirst)
        #expect(try read("03/04/2024", evidence: monthFirst).get()?.iso == "2024-03-04")
        // A dotted date in the column shows day first too.
        var dotted = ImportDate.Evidence()
        dotted.observe(ImportDate.form(of: "03.04.2024"), row: 9)
        #expect(dotted.order == .dayFirst)
    }

    @Test func aColumnShowingBothOrdersRefusesWhatFitsBothAndReadsTheRest() throws {
        var mixed = ImportDate.Evidence()
        mixed.observe(ImportDate.form(of: "17/03/2024"), row: 5)
        mixed.observe(ImportDate.form(of: "03/17/2024"), row: 9)
        #expect(mixed.order == nil)
        #expect(throws: DateProblem.mixedOrders("03/04/2024", dayFirstRow: 5, monthFirstRow: 9)) {
            try read("03/04/2024", evidence: mixed).get()
        }
        #expect(try read("17/03/2024", evidence: mixed).get()?.iso == "2024-03-17")
        #expect(try read("03/17/2024", evidence: mixed).get()?.iso == "2024-03-17")
    }

    @Test func theMappingFilesOrderWinsAndADateAgainstItIsNamed() throws {
        #expect(try read("03/04/2024", order: .monthFirst).get()?.iso == "2024-03-04")
        #expect(
            try read("03/04/2024", order: .dayFirst, evidence: ImportDate.Evidence(monthFirstRow: 2)).get()?.iso
                == "2024-04-03")
        #expect(throws: DateProblem.againstOrder("13/03/2024", .monthFirst)) {
            try read("13/03/2024", order: .monthFirst).get()
        }
        #expect(
            DateProblem.againstOrder("13/03/2024", .monthFirst).description
                == "13/03/2024 is not a date read month first, the order of this column's dates")
    }

    @Test(arguments: ["31.02.1990", "29.02.2023", "2023-02-29", "32/01/2024", "00.01.2024", "15.13.2024", "31/31/2024"])
    func impossibleDatesAreNotDates(_ text: String) {
        #expect(throws: DateProblem.notADay(text)) { try read(text).get() }
        #expect(DateProblem.notADay(text).description == "\(text) is not a date")
    }

    @Test(arguments: [
        "17 March 1990", "1990", "17.03", "17..03.1990", "1990-03-17-01", "17.03.199", "abc", "17.03.2024 25h",
    ])
    func otherTextIsNotADateInAReadableForm(_ text: String) {
        #expect(throws: DateProblem.unreadable(text)) { try read(text).get() }
    }

    @Test func aCellsTextIsShownWithoutControlCharacters() {
        #expect(throws: DateProblem.unreadable("17.03.1990[2J x")) { try read("17.03.1990\u{1B}[2J x").get() }
    }

    /// In 2026: a birth or an arrival is never ahead, so 26 is 2026 and 27 is 1927; an expiry
    /// is the nearest year within 50 back and 49 ahead.
    @Test(arguments: [
        (24, false, 2024), (26, false, 2026), (27, false, 1927), (58, false, 1958), (0, false, 2000), (99, false, 1999),
        (24, true, 2024), (30, true, 2030), (75, true, 2075), (76, true, 1976), (99, true, 1999), (0, true, 2000),
    ])
    func twoDigitYearsFollowTheStatedRule(_ twoDigits: Int, _ canLieAhead: Bool, _ year: Int) {
        #expect(ImportDate.fullYear(twoDigits, today: today, canLieAhead: canLieAhead) == year)
    }

    @Test func twoDigitYearsInCells() throws {
        #expect(try read("17.3.58").get()?.iso == "1958-03-17")
        #expect(try read("17.3.30", canLieAhead: true).get()?.iso == "2030-03-17")
        #expect(try read("17.3.30").get()?.iso == "1930-03-17")
    }
}
