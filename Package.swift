// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "smtp-probe",
    products: [
        .executable(name: "smtp-probe", targets: ["smtp-probe"]),
        .library(name: "SMTPProbe", targets: ["SMTPProbe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        // Debian's libssl-dev, found through pkg-config. The modulemap also links ssl and
        // crypto by name so that a failed pkg-config lookup cannot leave the link half-done.
        .systemLibrary(
            name: "CSMTPProbeOpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        // libunbound (Debian's libunbound-dev), the DNS resolver behind MX lookup and
        // --dns-server, opened with dlopen on first use: linking it would load five more
        // libraries on every run (see its header).
        .target(
            name: "CSMTPProbeUnbound",
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // Debian's libyaml-dev: the YAML parser behind route files. libyaml rather than Yams,
        // which imports Foundation and so would link Foundation and ICU back into the CLI.
        .systemLibrary(
            name: "CSMTPProbeYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // `static inline` wrappers for the OpenSSL macros Swift cannot import.
        .target(
            name: "CSMTPProbeShims",
            dependencies: ["CSMTPProbeOpenSSL"]
        ),
        .target(
            name: "SMTPProbe",
            dependencies: [
                "CSMTPProbeOpenSSL",
                "CSMTPProbeShims",
                "CSMTPProbeUnbound",
                "CSMTPProbeYAML",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                // The HTTP/1.1 codec behind the MTA-STS policy fetch: maintained with SwiftNIO
                // itself, so no HTTP parser of our own and no second TLS stack.
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The fixture SMTP server and certificate loading: used by `smtp-probe demo` and the
        // tests, never shipped as a product of its own.
        .target(
            name: "SMTPProbeFixtures",
            dependencies: [
                "SMTPProbe",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "smtp-probe",
            dependencies: [
                "SMTPProbe",
                "SMTPProbeFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // The fleet benchmark's driver (scripts/bench-fleet.sh): many probes at once through
        // the core library. Not a product: nothing installs it.
        .executableTarget(
            name: "smtp-probe-bench",
            dependencies: ["SMTPProbe", "SMTPProbeFixtures"],
            path: "Benchmarks/smtp-probe-bench",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SMTPProbeTests",
            dependencies: ["SMTPProbe", "SMTPProbeFixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SMTPProbeIntegrationTests",
            dependencies: [
                "SMTPProbe",
                "SMTPProbeFixtures",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // Golden text files are read from the source tree by path, not bundled.
            exclude: ["Goldens"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
