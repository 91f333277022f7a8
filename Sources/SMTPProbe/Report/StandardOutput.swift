internal import CSMTPProbeShims

/// The process's standard output, for a command line that must not report a verdict nobody
/// received.
public enum StandardOutput {
    /// Flushes every C output stream. False when standard output lost anything, now or in an
    /// earlier write (a full disk, say); the C library keeps only a flag for the earlier case.
    public static func flushAll() -> Bool {
        CSMTPProbe_flush_all_failed() == 0
    }
}
