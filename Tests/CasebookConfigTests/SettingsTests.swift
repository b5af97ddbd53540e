import Foundation
import Testing

@testable import CasebookConfig

@Suite struct SettingsTests {
    let themes = ["default", "light", "monochrome"]

    @Test func readsThemeAndKeysWithTheirLines() throws {
        let text = """
            # my settings
            theme = "light"

            [keys]
            "form.save" = "<c-o>"
            "app.quit" = ["q", "<f10>"]
            'list.sort' = "<disabled>"
            """
        let settings = try Settings.load(path: "u.toml", text: text, themes: themes)
        #expect(settings.theme == "light")
        #expect(
            settings.keys == [
                KeyEntry(command: "form.save", keys: ["<c-o>"], path: "u.toml", line: 5),
                KeyEntry(command: "app.quit", keys: ["q", "<f10>"], path: "u.toml", line: 6),
                KeyEntry(command: "list.sort", keys: ["<disabled>"], path: "u.toml", line: 7),
            ])
    }

    @Test func syntaxErrorsNameTheFileAndLine() {
        #expect {
            _ = try Settings.load(path: "bad.toml", text: "theme = \"light\"\n[keys\n", themes: themes)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.path == "bad.toml" && error.line == 2 && error.description.hasPrefix("bad.toml, line 2:")
        }
    }

    @Test(arguments: [
        ("colour = \"red\"", 1, "not a setting"), ("\n\ntheme = \"purple\"", 3, "not a theme"),
        ("theme = 3", 1, "must be a string"),
        ("[keys]\n\"form.save\" = 5", 2, "give a key"),
        ("[keys]\n\"form.save\" = [\"<c-s>\", 2]", 2, "every key is a string"),
        ("keys = \"x\"", 1, "must be a table"), ("[dashboard]\n\nexit_target = 1.5", 3, "between 0 and 1"),
        ("[dashboard]\nexit_target = \"70%\"", 2, "between 0 and 1"),
        ("[dashboard]\ntarget = 0.7", 2, "not a dashboard setting"),
    ])
    func wrongValuesAreRefusedWithTheLine(_ text: String, _ line: Int, _ phrase: String) {
        #expect {
            _ = try Settings.load(path: "c.toml", text: text, themes: themes)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.line == line && error.message.contains(phrase)
        }
    }

    @Test func aLaterFileWins() throws {
        let shipped = try Settings.load(
            path: "a", text: "theme = \"default\"\n[keys]\n\"form.save\" = \"<c-s>\"", themes: themes)
        let user = try Settings.load(path: "b", text: "[keys]\n\"form.save\" = \"<c-o>\"", themes: themes)
        let merged = shipped.merged(with: user)
        #expect(merged.theme == "default")
        #expect(merged.keys.last?.keys == ["<c-o>"])
        #expect(merged.exitTarget == nil)
        let target = try Settings.load(path: "c", text: "[dashboard]\nexit_target = 0.65", themes: themes)
        #expect(merged.merged(with: target).exitTarget == 0.65)
        #expect(try Settings.load(path: "d", text: "[dashboard]\nexit_target = 1", themes: themes).exitTarget == 1)
    }
}

@Suite struct ShippedConfigurationTests {
    @Test func theShippedFileLoads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config/casebook.toml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let settings = try Settings.load(path: path, text: text, themes: ["default", "light", "monochrome"])
        #expect(settings.theme == "default")
        #expect(settings.keys.isEmpty)
    }
}

/// The site settings' `[site]` table: the office's database and log, which only root's file may name.
@Suite struct SiteSettingsTests {
    let themes = ["default", "light", "monochrome"]

    @Test func onlyTheSiteSettingsNameTheDatabaseAndLog() throws {
        let text =
            "theme = \"light\"\n\n[site]\ndatabase = \"/var/lib/casebook/casebook.db\"\nlog = \"/var/log/casebook\"\n"
        let site = try Settings.load(path: "/etc/casebook/casebook.toml", text: text, themes: themes, scope: .site)
        #expect(site.database == "/var/lib/casebook/casebook.db" && site.log == .folder("/var/log/casebook"))
        #expect(site.theme == "light")
        let syslog = try Settings.load(path: "s", text: "[site]\nlog = \"syslog\"\n", themes: themes, scope: .site)
        #expect(syslog.log == .syslog && syslog.database == nil)
        for scope in [Settings.Scope.user, .shipped] {
            #expect {
                _ = try Settings.load(path: "u.toml", text: text, themes: themes, scope: scope)
            } throws: { error in
                (error as? ConfigError)?.line == 3
                    && (error as? ConfigError)?.message.contains("[site] belongs in the site settings") == true
            }
        }
        // A user's settings come after the site's and cannot take its database away.
        let user = try Settings.load(path: "u", text: "theme = \"monochrome\"\n", themes: themes)
        let merged = site.merged(with: user)
        #expect(merged.theme == "monochrome" && merged.database == site.database && merged.log == site.log)
    }

    @Test(arguments: [
        ("[site]\ndatabase = \"casebook.db\"", 2, "absolute path of a file"),
        ("[site]\ndatabase = \"/var/lib/\"", 2, "absolute path of a file"),
        ("[site]\n\ndatabase = 3", 3, "absolute path of a file"), ("[site]\nlog = \"logs\"", 2, "or \"syslog\""),
        ("[site]\nbackup = \"/x\"", 2, "not a site setting"), ("site = 1", 1, "must be a table"),
    ])
    func wrongSiteValuesAreRefusedWithTheLine(_ text: String, _ line: Int, _ phrase: String) {
        #expect {
            _ = try Settings.load(path: "site.toml", text: text, themes: themes, scope: .site)
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.line == line && error.message.contains(phrase)
        }
    }

    @Test(arguments: [LogTarget.folder("/srv/office \"A\"\\log"), .syslog])
    func theTableSetupWritesReadsBackTheSame(_ log: LogTarget) throws {
        let table = Settings.siteTable(database: "/srv/office \"A\"\\casebook.db", log: log)
        let settings = try Settings.load(path: "s", text: "theme = \"light\"\n\n" + table, themes: themes, scope: .site)
        #expect(settings.database == "/srv/office \"A\"\\casebook.db" && settings.log == log)
        #expect(
            Settings.hasSiteTable(table) && Settings.hasSiteTable("[site]\n")
                && !Settings.hasSiteTable("theme = \"light\"\n"))
    }

    @Test func theReportsThresholdIsAWholeNumberTheSiteSetsAndAUserMayOnlyRaise() throws {
        let shipped = try Settings.load(path: "s.toml", text: "[report]\nsuppress_below = 5\n", themes: themes)
        #expect(shipped.reportThreshold == 5 && Settings().reportThreshold == 5)
        let site = try Settings.load(
            path: "site.toml", text: "[report]\nsuppress_below = 3\n", themes: themes, scope: .site)
        let office = shipped.merged(with: site)
        #expect(office.reportThreshold == 3, "the site decides for its office")
        let raised = try Settings.load(path: "u.toml", text: "[report]\nsuppress_below = 10\n", themes: themes)
        #expect(try office.merged(withUser: raised, path: "u.toml").reportThreshold == 10)
        let lowered = try Settings.load(
            path: "u.toml", text: "theme = \"light\"\n[report]\nsuppress_below = 0\n", themes: themes)
        #expect(
            throws: ConfigError(
                path: "u.toml", line: 3,
                message:
                    "suppress_below here can only raise the office's threshold of 3, not lower it; remove it, or ask the administrator to change the site settings."
            )
        ) {
            try office.merged(withUser: lowered, path: "u.toml")
        }
        for (text, phrase) in [
            ("[report]\nsuppress_below = -1\n", "a whole number from 0 to 1000"),
            ("[report]\nsuppress_below = 2.5\n", "a whole number from 0 to 1000"),
            ("[report]\nhide = 5\n", "[report] knows suppress_below"),
            ("report = 5\n", "report must be a table"),
        ] {
            #expect(throws: ConfigError.self) { try Settings.load(path: "u.toml", text: text, themes: themes) }
            do { _ = try Settings.load(path: "u.toml", text: text, themes: themes) } catch {
                #expect(error.description.contains(phrase), "\(text): \(error)")
            }
        }
    }
}
