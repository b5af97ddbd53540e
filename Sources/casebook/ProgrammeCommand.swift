import CasebookL10n
import ArgumentParser
import CasebookConfig
import CasebookCore
import CasebookStore
import CasebookTUI

struct ProgrammeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: tr("Import and list programme definitions (targets, hours, modules, obligations)."),
        subcommands: [Import.self, List.self], defaultSubcommand: List.self)

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: tr("Import a programme file as a new version (admins only)."),
            discussion: tr("An unchanged file is not imported again. Enrolments keep the version they were made under.")
        )

        @OptionGroup var database: DatabaseOptions

        @Argument(
            help: ArgumentHelp(tr("A programme file, e.g. config/programmes/no-introduction.toml."), valueName: "file"))
        var file: String

        func run() throws {
            guard let text = try Environment.readUserFile(file) else {
                throw CommandError(
                    tr("Cannot read {file}; check the path.", ["file": Sanitized.inline(file, limit: 200)]))
            }
            let programme: Programme
            do { programme = try ProgrammeFile.parse(path: file, text: text) } catch {
                throw CommandError(error.description)
            }
            let store = try database.open(.readWrite, for: .programmeImport)
            let me = try CommandID.programmeImport.actingStaff(in: store)
            let (stored, isNew) = try store.importProgramme(programme, sourceFile: file, sourceText: text, actor: me.id)
            let values = ["id": stored.id, "version": String(stored.version), "name": stored.name]
            if !isNew {
                print(tr("{id} is unchanged; version {version} stays current.", values))
            } else if let since = stored.validFrom {
                print(
                    tr(
                        "Imported {id} version {version}, in force from {day}: {name}.",
                        values.merging(["day": since.iso]) { $1 }))
            } else {
                print(tr("Imported {id} version {version}: {name}.", values))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: tr("List imported programme versions."))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(.readOnly, for: .programmeList)
            try CommandID.programmeList.authorize(in: store)
            let versions = try store.programmeVersions()
            if versions.isEmpty {
                print(tr("No programmes imported; `casebook programme import FILE` adds one."))
                return
            }
            let columns = TextColumns(
                [
                    // TRANSLATORS: a column heading of a terminal table (`casebook programme list`), upper case.
                    tr("ID"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook programme list`), upper case.
                    tr("VERSION"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook programme list`), upper case: the day the version took effect.
                    tr("VALID FROM"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook programme list`), upper case: how many clients are enrolled.
                    tr("ENROLLED"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook programme list`), upper case: the day it was imported.
                    tr("IMPORTED"),
                    // TRANSLATORS: a column heading of a terminal table (`casebook programme list`), upper case.
                    tr("NAME"),
                ], values: [max(10, versions.map { TextWidth.of($0.id) }.max() ?? 0), 7, 10, 8, 10])
            print(columns.heading)
            for version in versions {
                // A version imported before Casebook recorded valid_from has none to show.
                let validFrom = version.validFrom?.iso ?? "—"
                print(
                    columns.line([
                        version.id, String(version.version), validFrom, String(version.enrolled),
                        version.importedAt.utcDay.iso, Sanitized.inline(version.name),
                    ]))
            }
        }
    }
}

/// The programme presets shipped in the `programmes` folder beside the shipped `casebook.toml`
/// (`config/programmes` in the source tree, `PREFIX/share/casebook/programmes` installed), parsed.
enum ShippedProgrammes {
    typealias Preset = (programme: Programme, path: String, text: String)

    /// The presets of `folder`, by default the shipped folder (`Configuration.shippedFolder`).
    static func load(from folder: String? = nil) throws -> [Preset] {
        guard let folder = try folder ?? Configuration.shippedFolder() else { return [] }
        var result: [Preset] = []
        for name in Environment.files(in: folder + "/programmes", suffix: ".toml") where name != "template.toml" {
            let path = folder + "/programmes/" + name
            guard let text = Environment.readFile(path) else { continue }
            do { result.append((try ProgrammeFile.parse(path: path, text: text), path, text)) } catch {
                throw CommandError(error.description)
            }
        }
        return result
    }

    /// The presets, or a refusal when there are none: a database without programmes can enrol
    /// no one and draft no contract.
    static func requireSome(in folder: String? = nil) throws -> [Preset] {
        let presets = try load(from: folder)
        guard presets.isEmpty else { return presets }
        throw CommandError(
            tr(
                "No programme presets were found (in $CASEBOOK_CONFIG_DIR, PREFIX/share/casebook, ./config or the source tree), so nothing was created; install Casebook with `make install` or run it from its source folder."
            ))
    }

    /// Imports every shipped preset the file does not hold yet, and every corrected one as a new
    /// version (`Store.importShippedProgramme` says when); returns what was imported.
    @discardableResult
    static func importMissing(_ presets: [Preset], into store: Store, actor: Staff.ID) throws -> [Programme] {
        var imported: [Programme] = []
        for (programme, path, text) in presets {
            if let stored = try store.importShippedProgramme(
                programme, sourceFile: path, sourceText: text, actor: actor)
            {
                imported.append(stored)
            }
        }
        return imported
    }

    /// What `init` says about the presets it imported, one sentence per kind.
    static func report(_ imported: [Programme]) -> [String] {
        var lines: [String] = []
        let new = imported.filter { $0.version == 1 }.map(\.id)
        if !new.isEmpty {
            lines.append(tr("Imported the programme presets {ids}.", ["ids": new.joined(separator: ", ")]))
        }
        for programme in imported where programme.version > 1 {
            let values = ["id": programme.id, "version": String(programme.version)]
            if let since = programme.validFrom {
                lines.append(
                    tr(
                        "Imported the corrected {id} as version {version}, in force from {day}; clients enrolled before keep their version.",
                        values.merging(["day": since.iso]) { $1 }))
            } else {
                lines.append(
                    tr(
                        "Imported the corrected {id} as version {version}; clients enrolled before keep their version.",
                        values))
            }
        }
        return lines
    }
}
