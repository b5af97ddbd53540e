import CasebookCore
import Testing

@testable import CasebookTUI

/// The main screens at the two sizes officers use, against checked-in goldens.
@Suite struct GoldenScreenTests {
    static let sizes = [(80, 24), (132, 43)]

    @Test(arguments: sizes)
    func clientList(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let terminal = VirtualTerminal(width: width, height: height)
        expectGolden("list-mine-\(width)x\(height)", fixture.run(try fixture.app(), on: terminal))
        let all = VirtualTerminal(width: width, height: height)
        expectGolden("list-all-\(width)x\(height)", fixture.run(try fixture.app(as: fixture.base.admin), on: all))
    }

    @Test(arguments: sizes)
    func clientRecord(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        app.push(try ClientRecordScreen(app: app, clientID: fixture.client("Haddad").id))
        expectGolden("record-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height)))
    }

    @Test(arguments: sizes)
    func newClientFormWithValidationMessages(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        let terminal = VirtualTerminal(width: width, height: height)
        // Family name left empty, a birth date that does not exist, an arrival before it.
        let keys: [Key] = [.character("n"), .tab] + typing("") + [.tab, .tab, .tab] + typing("1990-02-30")
            + [.tab, .tab, .tab, .tab, .tab, .tab] + typing("1980-01-01") + [.control("s")]
        expectGolden("form-validation-\(width)x\(height)", fixture.run(app, on: terminal, keys))
    }

    @Test(arguments: sizes)
    func help(_ width: Int, _ height: Int) throws {
        let fixture = try UIFixture()
        let app = try fixture.app()
        expectGolden("help-\(width)x\(height)", fixture.run(app, on: VirtualTerminal(width: width, height: height), [.character("?")]))
    }
}
