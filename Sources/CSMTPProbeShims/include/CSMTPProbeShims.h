#ifndef CSMTPPROBE_SHIMS_H
#define CSMTPPROBE_SHIMS_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/x509_vfy.h>
#include <openssl/bio.h>
#include <stdint.h>
#include <time.h>
#include <stdio.h>
#include <arpa/inet.h>

// One-line wrappers for OpenSSL macros that Swift cannot import (each stands for the macro
// named in its body and does nothing else), and, at the end, the few C library calls that
// Swift cannot make safely itself (a C global, or a struct two C modules declare).

static inline long CSMTPProbe_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}
static inline int CSMTPProbe_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
static inline int CSMTPProbe_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}
static inline int CSMTPProbe_SSL_get_negotiated_group(SSL *ssl) {
    return (int)SSL_get_negotiated_group(ssl);
}
static inline uint64_t CSMTPProbe_SSL_OP_ALL(void) { return (uint64_t)SSL_OP_ALL; }
static inline uint64_t CSMTPProbe_SSL_OP_NO_COMPRESSION(void) { return (uint64_t)SSL_OP_NO_COMPRESSION; }
static inline uint64_t CSMTPProbe_SSL_OP_NO_RENEGOTIATION(void) { return (uint64_t)SSL_OP_NO_RENEGOTIATION; }
static inline uint64_t CSMTPProbe_SSL_OP_IGNORE_UNEXPECTED_EOF(void) { return (uint64_t)SSL_OP_IGNORE_UNEXPECTED_EOF; }
static inline long CSMTPProbe_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }
static inline void CSMTPProbe_OPENSSL_free(void *p) { OPENSSL_free(p); }
static inline unsigned long CSMTPProbe_OPENSSL_VERSION_NUMBER(void) { return OPENSSL_VERSION_NUMBER; }

static inline unsigned long CSMTPProbe_XN_FLAG_RFC2253(void) { return (unsigned long)XN_FLAG_RFC2253; }
static inline unsigned long CSMTPProbe_ASN1_STRFLGS_ESC_MSB(void) { return (unsigned long)ASN1_STRFLGS_ESC_MSB; }
static inline unsigned long CSMTPProbe_ASN1_STRFLGS_ESC_CTRL(void) { return (unsigned long)ASN1_STRFLGS_ESC_CTRL; }

static inline int CSMTPProbe_sk_X509_num(const STACK_OF(X509) *sk) { return sk_X509_num(sk); }
static inline X509 *CSMTPProbe_sk_X509_value(const STACK_OF(X509) *sk, int i) { return sk_X509_value(sk, i); }
static inline STACK_OF(X509) *CSMTPProbe_sk_X509_new_null(void) { return sk_X509_new_null(); }
static inline int CSMTPProbe_sk_X509_push(STACK_OF(X509) *sk, X509 *x) { return sk_X509_push(sk, x); }
/// Frees the stack and drops one reference from each certificate in it (`sk_X509_pop_free`).
static inline void CSMTPProbe_sk_X509_pop_free(STACK_OF(X509) *sk) { sk_X509_pop_free(sk, X509_free); }
/// Frees only the stack, not the certificates (`sk_X509_free`).
static inline void CSMTPProbe_sk_X509_free(STACK_OF(X509) *sk) { sk_X509_free(sk); }

/// The kind of a subjectAltName entry as read by `CSMTPProbe_san_entry`.
typedef enum {
    CSMTPProbeSANOther = 0,
    CSMTPProbeSANDNS = 1,
    CSMTPProbeSANIP = 2,
    CSMTPProbeSANEmail = 3,
    CSMTPProbeSANURI = 4
} CSMTPProbeSANKind;

/// Reads the subjectAltName extension of `cert` (`X509_get_ext_d2i(NID_subject_alt_name)`).
/// Returns NULL when the certificate has none. Free with `CSMTPProbe_san_free`.
GENERAL_NAMES *CSMTPProbe_san_get(X509 *cert, int *critical);
int CSMTPProbe_san_count(const GENERAL_NAMES *names);
/// Points `data`/`length` at the raw bytes of entry `index` (IA5String text or an IP's octets).
CSMTPProbeSANKind CSMTPProbe_san_entry(const GENERAL_NAMES *names, int index,
                                       const unsigned char **data, int *length);
void CSMTPProbe_san_free(GENERAL_NAMES *names);

/// Converts an ASN1_TIME to seconds since 1970 (`ASN1_TIME_to_tm` and `timegm`).
int CSMTPProbe_ASN1_TIME_to_unix(const ASN1_TIME *time, int64_t *out);

/// One problem found by `X509_verify_cert`, as reported to its verify callback.
typedef struct {
    int depth;
    int error;
} CSMTPProbeVerifyIssue;

#define CSMTPPROBE_MAX_VERIFY_ISSUES 64

typedef struct {
    CSMTPProbeVerifyIssue issues[CSMTPPROBE_MAX_VERIFY_ISSUES];
    int count;
    /// The verify depth in force: the most intermediate CA certificates a chain may hold.
    int depthLimit;
} CSMTPProbeVerifyLog;

/// How `CSMTPProbe_verify_chain` lets OpenSSL build the chain.
typedef enum {
    /// OpenSSL's own builder as it stands: issuers from the store first, then alternative chains.
    CSMTPProbeVerifyBuild = 0,
    /// A client that does not build paths (OpenSSL 1.0.x): issuers from the sent certificates
    /// first, in the order given, then the store, and no second try
    /// (`X509_V_FLAG_TRUSTED_FIRST` cleared, `X509_V_FLAG_NO_ALT_CHAINS` set).
    CSMTPProbeVerifyAsSent = 1,
    /// One path chosen by the caller: `untrusted` holds its intermediates and `anchors` its
    /// trust anchor (`X509_STORE_CTX_set0_trusted_stack`), with no second try.
    CSMTPProbeVerifyFixedPath = 2,
} CSMTPProbeVerifyMode;

/// Runs `X509_verify_cert` for a TLS server certificate with a verify callback that records
/// every problem and carries on, so that one verification reports all of them rather than
/// the first. `mode` says how the chain is built; `anchors` is used only by
/// `CSMTPProbeVerifyFixedPath` (the store still gives its verify parameters).
/// `at` is used as the validation time when `useTime` is non-zero; `depthLimit`
/// replaces OpenSSL's verify depth when it is not negative. On return
/// `built` holds the chain OpenSSL built (`X509_STORE_CTX_get1_chain`; free it with
/// `CSMTPProbe_sk_X509_pop_free`). Returns the result of `X509_verify_cert`, or -1 when the
/// context could not be set up.
int CSMTPProbe_verify_chain(X509_STORE *store, X509 *leaf, STACK_OF(X509) *untrusted,
                            CSMTPProbeVerifyMode mode, STACK_OF(X509) *anchors,
                            int useTime, int64_t at, int depthLimit, CSMTPProbeVerifyLog *log,
                            STACK_OF(X509) **built);

/// The certificates of `store` that may have issued `cert`: those named by its issuer
/// (`X509_STORE_CTX_get1_certs`, which also reads a hashed directory), kept when
/// `X509_check_issued` accepts them (name, key identifiers, key usage). NULL when there are
/// none; free with `CSMTPProbe_sk_X509_pop_free`.
STACK_OF(X509) *CSMTPProbe_store_issuers(X509_STORE *store, X509 *cert);

/// Records whether the server sends CertificateRequest during the handshake (`SSL_set_msg_callback`,
/// the mark kept in the SSL's application data). TLS 1.2 refuses a missing client certificate
/// with a plain handshake_failure alert: only this tells that refusal from any other.
void CSMTPProbe_SSL_watch_certificate_request(SSL *ssl);
/// Whether the server asked for a client certificate (see above): 1 or 0.
int CSMTPProbe_SSL_certificate_requested(const SSL *ssl);

/* Flushes every output stream (fflush) and says whether standard output lost anything: a
   write that failed earlier leaves only the stream's error flag (ferror), which Swift cannot
   reach because `stdout` is a mutable C global. */
static inline int CSMTPProbe_flush_all_failed(void) {
    int flushed = fflush(NULL);
    return flushed != 0 || ferror(stdout) != 0;
}

/* Whether inet_aton reads `text` as an IPv4 address, shorthands included (`127.1`,
   `0x7f000001`). Here rather than in Swift: `struct in_addr` is declared by both Glibc and
   SwiftNIO's C module, and which one Swift takes as its home varies between builds, which
   MemberImportVisibility then reports as an error. */
static inline int CSMTPProbe_inet_aton_accepts(const char *text) {
    struct in_addr address;
    return inet_aton(text, &address) != 0;
}

#endif
