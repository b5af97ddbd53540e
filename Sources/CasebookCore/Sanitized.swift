/// Text made safe to show: what reaches a terminal or a message never carries control
/// characters, escape sequences or bidirectional overrides taken from data.
package enum Sanitized {
    /// True for scalars that must never be stored in a text field or drawn: C0 and C1
    /// controls (which start terminal escape sequences), DEL, and the bidirectional
    /// embedding, override and isolate marks that can make text read differently than stored.
    package static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        case 0xFFF9...0xFFFB: return true  // interlinear annotation controls
        default: return false
        }
    }

    /// One line of displayable text: forbidden scalars dropped, line breaks and tabs as spaces,
    /// cut to `limit` characters with an ellipsis.
    package static func inline(_ text: String, limit: Int = 80) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\t" || scalar == "\r" {
                scalars.append(" ")
            } else if !isForbidden(scalar) {
                scalars.append(scalar)
            }
        }
        let clean = String(scalars)
        guard clean.count > limit else { return clean }
        return String(clean.prefix(max(0, limit - 1))) + "…"
    }
}
