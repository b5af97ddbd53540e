import CasebookTUI
import Testing

@testable import casebook

/// The columns of the commands' text lists: as wide as the heading in the officer's language
/// or the widest value, in display columns.
struct TextColumnsTests {
    @Test func aColumnIsAsWideAsItsHeadingOrItsWidestValue() {
        let columns = TextColumns(["KÜRZEL", "NAME", "ORTE"], values: [3, 10])
        #expect(columns.widths == [6, 10, 4])
        #expect(columns.heading == "KÜRZEL  NAME        ORTE")
        #expect(columns.line(["AB", "Nordby", "Vestby"]) == "AB      Nordby      Vestby")
    }

    @Test func wideCharactersCountTheColumnsTheyTake() {
        // Two columns each in a terminal: the heading takes 8, and a value of 4 wide characters too.
        let columns = TextColumns(["名前名前", "X"], values: [0])
        #expect(columns.widths.first == 8)
        #expect(columns.line(["محمد", "x"]) == "محمد" + String(repeating: " ", count: 6) + "x")
        #expect(TextWidth.of(columns.line(["名前", "x"])) == TextWidth.of(columns.heading))
    }

    @Test func theLastColumnIsNeverPadded() {
        let columns = TextColumns(["A", "LONG HEADING"], values: [1, 40])
        #expect(columns.line(["a", "b"]) == "a  b")
    }
}
