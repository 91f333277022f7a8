#include "CSMTPProbeUnbound.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct {
    struct ub_ctx *(*ctx_create)(void);
    void (*ctx_delete)(struct ub_ctx *);
    int (*ctx_set_option)(struct ub_ctx *, const char *, const char *);
    int (*ctx_set_fwd)(struct ub_ctx *, const char *);
    int (*ctx_resolvconf)(struct ub_ctx *, const char *);
    int (*ctx_add_ta_file)(struct ub_ctx *, const char *);
    int (*resolve)(struct ub_ctx *, const char *, int, int, struct ub_result **);
    void (*resolve_free)(struct ub_result *);
    const char *(*strerror)(int);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char load_error[512];
static int loaded = -1;

static void load(void) {
    // The soname of Debian 12's libunbound8; the unversioned name is the -dev package's link.
    const char *names[] = {"libunbound.so.8", "libunbound.so"};
    void *handle = NULL;
    for (unsigned i = 0; i < sizeof names / sizeof names[0] && handle == NULL; i++) {
        handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (handle == NULL) {
        snprintf(load_error, sizeof load_error, "libunbound is not installed (apt-get install libunbound8): %s", dlerror());
        return;
    }
#define SYMBOL(field, name) \
    if ((*(void **)&api.field = dlsym(handle, name)) == NULL) { \
        snprintf(load_error, sizeof load_error, "libunbound lacks %s", name); \
        return; \
    }
    SYMBOL(ctx_create, "ub_ctx_create")
    SYMBOL(ctx_delete, "ub_ctx_delete")
    SYMBOL(ctx_set_option, "ub_ctx_set_option")
    SYMBOL(ctx_set_fwd, "ub_ctx_set_fwd")
    SYMBOL(ctx_resolvconf, "ub_ctx_resolvconf")
    SYMBOL(ctx_add_ta_file, "ub_ctx_add_ta_file")
    SYMBOL(resolve, "ub_resolve")
    SYMBOL(resolve_free, "ub_resolve_free")
    SYMBOL(strerror, "ub_strerror")
#undef SYMBOL
    loaded = 0;
}

int CSMTPProbe_ub_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *CSMTPProbe_ub_load_error(void) {
    return loaded == 0 ? NULL : load_error;
}

// Each wrapper is called only after CSMTPProbe_ub_load() succeeded (UnboundContext's init).
struct ub_ctx *CSMTPProbe_ub_ctx_create(void) { return api.ctx_create(); }
void CSMTPProbe_ub_ctx_delete(struct ub_ctx *ctx) { api.ctx_delete(ctx); }
int CSMTPProbe_ub_ctx_set_option(struct ub_ctx *ctx, const char *opt, const char *val) { return api.ctx_set_option(ctx, opt, val); }
int CSMTPProbe_ub_ctx_set_fwd(struct ub_ctx *ctx, const char *addr) { return api.ctx_set_fwd(ctx, addr); }
int CSMTPProbe_ub_ctx_resolvconf(struct ub_ctx *ctx, const char *fname) { return api.ctx_resolvconf(ctx, fname); }
int CSMTPProbe_ub_ctx_add_ta_file(struct ub_ctx *ctx, const char *fname) { return api.ctx_add_ta_file(ctx, fname); }
int CSMTPProbe_ub_resolve(struct ub_ctx *ctx, const char *name, int rrtype, int rrclass, struct ub_result **result) {
    return api.resolve(ctx, name, rrtype, rrclass, result);
}
void CSMTPProbe_ub_resolve_free(struct ub_result *result) { api.resolve_free(result); }
const char *CSMTPProbe_ub_strerror(int err) { return api.strerror(err); }
