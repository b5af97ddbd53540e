import CasebookL10n

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

    /// Why text typed into a field cannot be stored, or nil when it can: forbidden scalars
    /// (see `isForbidden`), or U+FFFD, which stands where a paste held bytes that were not
    /// UTF-8, so part of what was meant is lost.
    package static func problem(in text: String) -> String? {
        if text.unicodeScalars.contains(where: isForbidden) {
            return tr(
                "Contains control characters or direction overrides (shown as ␛, ␉ or �); delete them and save again.")
        }
        if text.unicodeScalars.contains("\u{FFFD}") {
            return tr("Part of this could not be read (the paste was not UTF-8, shown as �); retype it.")
        }
        return nil
    }

    /// A visible stand-in for a forbidden scalar, for showing text as typed: the control
    /// pictures ␀…␟ and ␡ for C0 controls and DEL, � for the others.
    package static func standIn(for scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: return "\u{2421}"
        default: return "\u{FFFD}"
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
