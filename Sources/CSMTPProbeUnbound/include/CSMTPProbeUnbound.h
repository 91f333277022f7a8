// libunbound (Debian's libunbound-dev), loaded on first use.
//
// libunbound pulls in libevent, nettle, hogweed and gmp: linking it would make every run of
// smtp-probe load and relocate five more libraries (measured: ~1.5 ms of a 25 ms probe), while
// only MX lookup and --dns-server need it. So it is opened with dlopen when first needed, and
// these wrappers stand for the libunbound functions of the same name.
#ifndef CSMTPPROBE_UNBOUND_H
#define CSMTPPROBE_UNBOUND_H

#include <unbound.h>

/// Opens libunbound if it is not open yet; 0 on success. On failure the reason is in
/// CSMTPProbe_ub_load_error().
int CSMTPProbe_ub_load(void);
/// Why libunbound could not be opened, or NULL.
const char *CSMTPProbe_ub_load_error(void);

struct ub_ctx *CSMTPProbe_ub_ctx_create(void);
void CSMTPProbe_ub_ctx_delete(struct ub_ctx *ctx);
int CSMTPProbe_ub_ctx_set_option(struct ub_ctx *ctx, const char *opt, const char *val);
int CSMTPProbe_ub_ctx_set_fwd(struct ub_ctx *ctx, const char *addr);
int CSMTPProbe_ub_ctx_add_ta_file(struct ub_ctx *ctx, const char *fname);
int CSMTPProbe_ub_ctx_resolvconf(struct ub_ctx *ctx, const char *fname);
int CSMTPProbe_ub_resolve(struct ub_ctx *ctx, const char *name, int rrtype, int rrclass, struct ub_result **result);
void CSMTPProbe_ub_resolve_free(struct ub_result *result);
const char *CSMTPProbe_ub_strerror(int err);
// Asynchronous lookups (ValidatingResolver): one context, a resolver thread of libunbound's,
// answers read from ub_fd by ub_process, which calls each query's callback.
int CSMTPProbe_ub_ctx_async(struct ub_ctx *ctx, int dothread);
int CSMTPProbe_ub_resolve_async(struct ub_ctx *ctx, const char *name, int rrtype, int rrclass, void *mydata,
                                ub_callback_type callback, int *async_id);
int CSMTPProbe_ub_cancel(struct ub_ctx *ctx, int async_id);
int CSMTPProbe_ub_fd(struct ub_ctx *ctx);
int CSMTPProbe_ub_process(struct ub_ctx *ctx);

#endif
