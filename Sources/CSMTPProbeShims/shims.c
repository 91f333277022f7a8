#include "CSMTPProbeShims.h"
#include <string.h>

GENERAL_NAMES *CSMTPProbe_san_get(X509 *cert, int *critical) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(cert, NID_subject_alt_name, critical, NULL);
}

int CSMTPProbe_san_count(const GENERAL_NAMES *names) {
    return sk_GENERAL_NAME_num(names);
}

CSMTPProbeSANKind CSMTPProbe_san_entry(const GENERAL_NAMES *names, int index,
                                       const unsigned char **data, int *length) {
    const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, index);
    *data = NULL;
    *length = 0;
    if (name == NULL) return CSMTPProbeSANOther;
    switch (name->type) {
    case GEN_DNS:
        *data = ASN1_STRING_get0_data(name->d.dNSName);
        *length = ASN1_STRING_length(name->d.dNSName);
        return CSMTPProbeSANDNS;
    case GEN_IPADD:
        *data = ASN1_STRING_get0_data(name->d.iPAddress);
        *length = ASN1_STRING_length(name->d.iPAddress);
        return CSMTPProbeSANIP;
    case GEN_EMAIL:
        *data = ASN1_STRING_get0_data(name->d.rfc822Name);
        *length = ASN1_STRING_length(name->d.rfc822Name);
        return CSMTPProbeSANEmail;
    case GEN_URI:
        *data = ASN1_STRING_get0_data(name->d.uniformResourceIdentifier);
        *length = ASN1_STRING_length(name->d.uniformResourceIdentifier);
        return CSMTPProbeSANURI;
    default:
        return CSMTPProbeSANOther;
    }
}

void CSMTPProbe_san_free(GENERAL_NAMES *names) {
    GENERAL_NAMES_free(names);
}

int CSMTPProbe_ASN1_TIME_to_unix(const ASN1_TIME *time, int64_t *out) {
    struct tm tm;
    memset(&tm, 0, sizeof(tm));
    if (time == NULL || ASN1_TIME_to_tm(time, &tm) != 1) return 0;
    *out = (int64_t)timegm(&tm);
    return 1;
}

static int CSMTPProbe_verify_callback(int ok, X509_STORE_CTX *ctx) {
    if (!ok) {
        CSMTPProbeVerifyLog *log = X509_STORE_CTX_get_ex_data(ctx, 0);
        if (log != NULL && log->count < CSMTPPROBE_MAX_VERIFY_ISSUES) {
            log->issues[log->count].depth = X509_STORE_CTX_get_error_depth(ctx);
            log->issues[log->count].error = X509_STORE_CTX_get_error(ctx);
            log->count += 1;
        }
    }
    // Carry on: the report wants every problem, not the first.
    return 1;
}

int CSMTPProbe_verify_chain(X509_STORE *store, X509 *leaf, STACK_OF(X509) *untrusted,
                            CSMTPProbeVerifyMode mode, STACK_OF(X509) *anchors,
                            int useTime, int64_t at, int depthLimit, CSMTPProbeVerifyLog *log,
                            STACK_OF(X509) **built) {
    *built = NULL;
    log->count = 0;
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (ctx == NULL) return -1;
    if (X509_STORE_CTX_init(ctx, store, leaf, untrusted) != 1) {
        X509_STORE_CTX_free(ctx);
        return -1;
    }
    X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SSL_SERVER);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx);
    switch (mode) {
    case CSMTPProbeVerifyBuild:
        break;
    case CSMTPProbeVerifyAsSent:
        X509_VERIFY_PARAM_clear_flags(param, X509_V_FLAG_TRUSTED_FIRST);
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_ALT_CHAINS);
        break;
    case CSMTPProbeVerifyFixedPath:
        X509_STORE_CTX_set0_trusted_stack(ctx, anchors);
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_ALT_CHAINS);
        // A path chosen among several must also pass what TLS at Debian's security level 2
        // asks (no SHA-1 or MD5 signature, no key under 2048 RSA bits), or the search would
        // settle for a weak path where a strong one exists.
        X509_VERIFY_PARAM_set_auth_level(param, 2);
        break;
    }
    if (useTime) X509_STORE_CTX_set_time(ctx, 0, (time_t)at);
    if (depthLimit >= 0) X509_STORE_CTX_set_depth(ctx, depthLimit);
    log->depthLimit = X509_VERIFY_PARAM_get_depth(X509_STORE_CTX_get0_param(ctx));
    X509_STORE_CTX_set_ex_data(ctx, 0, log);
    X509_STORE_CTX_set_verify_cb(ctx, CSMTPProbe_verify_callback);
    int result = X509_verify_cert(ctx);
    *built = X509_STORE_CTX_get1_chain(ctx);
    X509_STORE_CTX_free(ctx);
    return result;
}

STACK_OF(X509) *CSMTPProbe_store_issuers(X509_STORE *store, X509 *cert) {
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (ctx == NULL) return NULL;
    STACK_OF(X509) *found = NULL;
    if (X509_STORE_CTX_init(ctx, store, NULL, NULL) == 1) {
        found = X509_STORE_CTX_get1_certs(ctx, X509_get_issuer_name(cert));
    }
    X509_STORE_CTX_free(ctx);
    if (found == NULL) return NULL;
    // Keep only those that really signed it: the name alone also matches a certificate for
    // another key of the same CA, and key identifiers can be absent or wrong.
    for (int i = sk_X509_num(found) - 1; i >= 0; i--) {
        X509 *candidate = sk_X509_value(found, i);
        EVP_PKEY *key = X509_get0_pubkey(candidate);
        if (X509_check_issued(candidate, cert) != X509_V_OK || key == NULL || X509_verify(cert, key) != 1) {
            (void)sk_X509_delete(found, i);
            X509_free(candidate);
        }
    }
    if (sk_X509_num(found) == 0) {
        sk_X509_free(found);
        return NULL;
    }
    return found;
}

static void CSMTPProbe_watch_message(int write_p, int version, int content_type, const void *buf, size_t len,
                                     SSL *ssl, void *arg) {
    (void)version;
    (void)arg;
    if (!write_p && content_type == SSL3_RT_HANDSHAKE && len > 0
        && ((const unsigned char *)buf)[0] == SSL3_MT_CERTIFICATE_REQUEST) {
        SSL_set_app_data(ssl, (void *)1);
    }
}

void CSMTPProbe_SSL_watch_certificate_request(SSL *ssl) {
    SSL_set_msg_callback(ssl, CSMTPProbe_watch_message);
}

int CSMTPProbe_SSL_certificate_requested(const SSL *ssl) {
    return SSL_get_app_data(ssl) != NULL;
}
