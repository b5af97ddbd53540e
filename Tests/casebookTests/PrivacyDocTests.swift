import Foundation
import Testing

@testable import casebook

/// docs/PRIVACY.md's policy table is the one in the code, so the two cannot drift.
@Suite struct PrivacyDocTests {
    @Test func thePrivacyDocumentListsThePolicyFromTheCode() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/PRIVACY.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let start = try #require(text.range(of: "<!-- policy:start -->\n"))
        let end = try #require(text.range(of: "<!-- policy:end -->"))
        let generated = CommandID.policyMarkdown()
        if ProcessInfo.processInfo.environment["CASEBOOK_RECORD_GOLDENS"] == "1" {
            try text.replacingCharacters(in: start.upperBound..<end.lowerBound, with: generated).write(
                to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(
            String(text[start.upperBound..<end.lowerBound]) == generated,
            "docs/PRIVACY.md's policy table is out of date; refresh it with CASEBOOK_RECORD_GOLDENS=1 swift test")
    }
}
