#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `printf`-style formatting through the C library (`vsnprintf`), with exactly the output
/// `String(format:)` gave. Why: `String(format:)` lives in Foundation proper (NSString), which
/// costs every process ICU and libFoundation, and it was the hot spot of formatting each
/// certificate's fingerprint.
package func cFormat(_ format: String, _ arguments: any CVarArg...) -> String {
    withVaList(arguments) { list in
        var buffer = [CChar](repeating: 0, count: 128)
        let needed = Int(vsnprintf(&buffer, buffer.count, format, list))
        guard needed >= buffer.count else { return String(cString: buffer) }
        // Longer than the stack-sized first try: format again into a buffer that fits.
        return withVaList(arguments) { again in
            var large = [CChar](repeating: 0, count: needed + 1)
            _ = vsnprintf(&large, large.count, format, again)
            return String(cString: large)
        }
    }
}
