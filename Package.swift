// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Casebook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "casebook", targets: ["casebook"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // SHA-256 for the audit chain: a reviewed implementation, never one of our own.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(
            name: "CSQLite",
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // Every message a person reads goes through tr/trn here (gettext catalogues, issue 19).
        .target(name: "CasebookL10n", dependencies: ["CasebookISOCodes"]),
        .target(name: "CasebookCore", dependencies: ["CasebookL10n"]),
        // The words for Core's codes where they are shown (Core keeps codes and rules), and the report's text.
        .target(name: "CasebookText", dependencies: ["CasebookCore", "CasebookL10n"]),
        // getauxval, prctl, close_range, setresgid and syslog for the setgid office mode.
        .target(name: "CPrivilege"),
        .target(name: "CWidth"),
        .target(
            name: "CasebookConfig",
            dependencies: ["CasebookCore", "CasebookL10n", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "CNcurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        .target(
            name: "CasebookTUI",
            dependencies: [
                "CasebookCore", "CasebookL10n", "CasebookText", "CasebookStore", "CNcurses", "CWidth",
                "CasebookImport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CasebookStore",
            dependencies: [
                "CasebookCore", "CasebookL10n", "CasebookText", "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "CasebookDemo",
            dependencies: ["CasebookCore", "CasebookStore"]
        ),
        .target(
            name: "CasebookBench",
            dependencies: ["CasebookCore", "CasebookStore", "CasebookTUI", "CasebookText"]
        ),
        .executableTarget(
            name: "casebook",
            dependencies: [
                "CasebookCore",
                "CasebookL10n",
                "CasebookText",
                "CasebookStore",
                "CasebookDemo",
                "CasebookBench",
                "CasebookTUI",
                "CasebookConfig",
                "CasebookImport",
                "CasebookISOCodes",
                "CPrivilege",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Drives saves for the reliability tests (kill during saves, concurrent editors).
        .executableTarget(
            name: "casebook-stress",
            dependencies: ["CasebookCore", "CasebookStore"]
        ),
        // Debian's iso-codes catalogues read at run time: country and language names in any locale.
        .target(name: "CasebookISOCodes"),
        // Spreadsheet import: decoding, CSV, dates, headers and values, rows to client drafts. No Store.
        .target(
            name: "CasebookImport",
            dependencies: [
                "CasebookCore", "CasebookConfig", "CasebookISOCodes", "CasebookL10n", "CasebookText",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Times the import foundations and the name key in release builds (docs/PERFORMANCE.md).
        .executableTarget(
            name: "casebook-import-measure",
            dependencies: ["CasebookCore", "CasebookImport", "CasebookISOCodes", "CasebookDemo"]
        ),
        .target(
            name: "CasebookTestSupport",
            dependencies: ["CasebookCore", "CasebookStore", "CasebookL10n"]
        ),
        .testTarget(name: "CasebookCoreTests", dependencies: ["CasebookCore", "CasebookText", "CasebookTestSupport"]),
        .testTarget(
            name: "CasebookStoreTests",
            dependencies: [
                "CasebookStore", "CasebookCore", "CasebookText", "CasebookTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "CasebookTUITests",
            dependencies: [
                "CasebookTUI", "CasebookStore", "CasebookCore", "CasebookText", "CasebookDemo", "CasebookTestSupport",
            ],
            exclude: ["Goldens"]
        ),
        // The presets are read with TOMLKit and imported into a Store to prove each one imports.
        .testTarget(
            name: "CasebookConfigTests",
            dependencies: [
                "CasebookConfig", "CasebookStore", "CasebookTestSupport", .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .testTarget(
            name: "CasebookDemoTests",
            dependencies: ["CasebookDemo", "CasebookConfig", "CasebookStore", "CasebookCore", "CasebookTestSupport"]
        ),
        .testTarget(name: "CasebookL10nTests", dependencies: ["CasebookL10n", "CasebookISOCodes"]),
        .testTarget(name: "CasebookISOCodesTests", dependencies: ["CasebookISOCodes"]),
        .testTarget(
            name: "CasebookImportTests",
            dependencies: ["CasebookImport", "CasebookISOCodes", "CasebookCore", "CasebookDemo"]
        ),
        .testTarget(
            name: "casebookTests",
            dependencies: [
                "casebook", "casebook-stress", "CasebookCore", "CasebookConfig", "CasebookText", "CasebookTestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
