import CasebookL10n
import Foundation

/// The catalogue of `language` compiled from po/ by msgfmt, as `make` compiles it; nil where
/// gettext is not installed (`msgfmtMissing`) or the catalogue does not compile.
package func shippedCatalogue(_ language: String) throws -> Catalogue? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/msgfmt") else { return nil }
    let folder = NSTemporaryDirectory() + "casebook-l10n-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(
        atPath: folder + "/\(language)/LC_MESSAGES", withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/msgfmt")
    process.arguments = ["-o", folder + "/\(language)/LC_MESSAGES/casebook.mo", root + "/po/\(language).po"]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return try Catalogue.load(language: language, folder: folder)
}

/// True where gettext's msgfmt is not installed (`make deps` installs it); tests that need the
/// shipped catalogues skip then, except under CI, which has it.
package let msgfmtMissing = !FileManager.default.isExecutableFile(atPath: "/usr/bin/msgfmt")
