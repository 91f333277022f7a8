import ArgumentParser

/// `--timeout`, shared by the commands that talk to servers.
///
/// Numeric options here and in the other groups parse `.unconditional`ly: the value after the
/// flag is taken whatever it looks like, so that `--timeout -1` is refused as a bad value
/// rather than taken for an unknown option and reported as a missing one.
struct TimeoutOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds allowed for each step (DNS, connect, each reply, the handshake).", valueName: "seconds"))
    var timeout: Double = 10

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be more than 0 and at most 600 seconds") }
    }
}
