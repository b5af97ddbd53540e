import CasebookL10n

/// ISCO-08, the International Standard Classification of Occupations (ILO, 2012), to its
/// sub-major groups: the ten major groups (one digit) and the 43 sub-major groups (two digits).
/// No machine-readable copy of the ILO structure was reachable from this machine (neither PyPI
/// nor Debian packages one), so the finer minor and unit groups are not here; the intake keeps
/// the occupation also in the person's own words, and the titles below are the ILO's.
package enum ISCO08 {
    /// Every group, major groups followed by their sub-major groups, in code order; the titles in
    /// the language `tr` speaks now (computed each time: a stored list would keep the language of
    /// whoever read it first, in tests another task's).
    package static var groups: [(code: String, title: String)] {
        [
            ("0", tr("Armed forces occupations")),
            ("01", tr("Commissioned armed forces officers")),
            ("02", tr("Non-commissioned armed forces officers")),
            ("03", tr("Armed forces occupations, other ranks")),
            ("1", tr("Managers")),
            ("11", tr("Chief executives, senior officials and legislators")),
            ("12", tr("Administrative and commercial managers")),
            ("13", tr("Production and specialised services managers")),
            ("14", tr("Hospitality, retail and other services managers")),
            ("2", tr("Professionals")),
            ("21", tr("Science and engineering professionals")),
            ("22", tr("Health professionals")),
            ("23", tr("Teaching professionals")),
            ("24", tr("Business and administration professionals")),
            ("25", tr("Information and communications technology professionals")),
            ("26", tr("Legal, social and cultural professionals")),
            ("3", tr("Technicians and associate professionals")),
            ("31", tr("Science and engineering associate professionals")),
            ("32", tr("Health associate professionals")),
            ("33", tr("Business and administration associate professionals")),
            ("34", tr("Legal, social, cultural and related associate professionals")),
            ("35", tr("Information and communications technicians")),
            ("4", tr("Clerical support workers")),
            ("41", tr("General and keyboard clerks")),
            ("42", tr("Customer services clerks")),
            ("43", tr("Numerical and material recording clerks")),
            ("44", tr("Other clerical support workers")),
            ("5", tr("Service and sales workers")),
            ("51", tr("Personal service workers")),
            ("52", tr("Sales workers")),
            ("53", tr("Personal care workers")),
            ("54", tr("Protective services workers")),
            ("6", tr("Skilled agricultural, forestry and fishery workers")),
            ("61", tr("Market-oriented skilled agricultural workers")),
            ("62", tr("Market-oriented skilled forestry, fishery and hunting workers")),
            ("63", tr("Subsistence farmers, fishers, hunters and gatherers")),
            ("7", tr("Craft and related trades workers")),
            ("71", tr("Building and related trades workers, excluding electricians")),
            ("72", tr("Metal, machinery and related trades workers")),
            ("73", tr("Handicraft and printing workers")),
            ("74", tr("Electrical and electronic trades workers")),
            ("75", tr("Food processing, wood working, garment and other craft and related trades workers")),
            ("8", tr("Plant and machine operators, and assemblers")),
            ("81", tr("Stationary plant and machine operators")),
            ("82", tr("Assemblers")),
            ("83", tr("Drivers and mobile plant operators")),
            ("9", tr("Elementary occupations")),
            ("91", tr("Cleaners and helpers")),
            ("92", tr("Agricultural, forestry and fishery labourers")),
            ("93", tr("Labourers in mining, construction, manufacturing and transport")),
            ("94", tr("Food preparation assistants")),
            ("95", tr("Street and related sales and service workers")),
            ("96", tr("Refuse workers and other elementary workers")),
        ]
    }

    private static let codes = Set(groups.map(\.code))

    package static func isKnown(_ code: String) -> Bool { codes.contains(code) }

    /// The group's title, or nil for a code that is not an ISCO-08 major or sub-major group.
    package static func title(_ code: String) -> String? { groups.first { $0.code == code }?.title }

    /// The major group (one digit) a known code belongs to.
    package static func majorGroup(of code: String) -> String? {
        guard isKnown(code), let first = code.first else { return nil }
        return String(first)
    }

    /// The ten major groups.
    package static var majorGroups: [(code: String, title: String)] { groups.filter { $0.code.count == 1 } }
}

/// ISCED 2011 levels of education (UNESCO Institute for Statistics, 2012).
package enum ISCEDLevel: Int, CaseIterable, Sendable, Comparable {
    case earlyChildhood = 0
    case primary, lowerSecondary, upperSecondary, postSecondaryNonTertiary, shortCycleTertiary, bachelor, master,
        doctoral

    package static func < (a: ISCEDLevel, b: ISCEDLevel) -> Bool { a.rawValue < b.rawValue }
}
