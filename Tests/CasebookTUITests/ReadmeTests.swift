import Foundation
import Testing

@testable import CasebookTUI

/// The README's key reference is the command table, so the two cannot drift.
@Suite struct ReadmeTests {
    @Test func theReadmeListsEveryKeyFromTheCommandTable() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let start = "<!-- keys:start -->\n"
        let end = "<!-- keys:end -->"
        let startRange = try #require(readme.range(of: start))
        let endRange = try #require(readme.range(of: end))
        let generated = KeyMap.standard.markdownReference()
        if ProcessInfo.processInfo.environment["CASEBOOK_RECORD_GOLDENS"] == "1" {
            let updated = readme.replacingCharacters(in: startRange.upperBound..<endRange.lowerBound, with: generated)
            try updated.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(String(readme[startRange.upperBound..<endRange.lowerBound]) == generated,
            "README's key reference is out of date; refresh it with CASEBOOK_RECORD_GOLDENS=1 swift test")
    }
}
