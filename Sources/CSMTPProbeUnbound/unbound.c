#include "CSMTPProbeUnbound.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

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
    int (*ctx_async)(struct ub_ctx *, int);
    int (*resolve_async)(struct ub_ctx *, const char *, int, int, void *, ub_callback_type, int *);
    int (*cancel)(struct ub_ctx *, int);
    int (*fd)(struct ub_ctx *);
    int (*process)(struct ub_ctx *);
} api;

// libevent (which libunbound builds an event base with for every blocking lookup, and once for
// the worker thread of an asynchronous context) calls exit(1)
// on a fatal error, the usual one being no descriptor left for its signal socket pair: the run
// then ended with no report and libevent's words only. Smtp-probe budgets descriptors so that
// this should not happen (LookupDescriptors); should it still, the process ends as a local
// limit does everywhere else: the reason on standard error, status 3. libevent exits after this
// callback returns in any case, so ending here loses nothing.
static void libevent_fatal(int code) {
    (void)code;
    static const char message[] =
        "smtp-probe: error: ran out of file descriptors on this machine during a DNS lookup "
        "(libunbound's event loop could not open one). This is a local limit, not a problem of "
        "the server: raise it (ulimit -n), or lower --concurrency\n";
    ssize_t ignored = write(STDERR_FILENO, message, sizeof message - 1);
    (void)ignored;
    _exit(3);
}

static void catch_libevent_exit(void) {
    const char *names[] = {"libevent-2.1.so.7", "libevent-2.1.so", "libevent.so"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        void *handle = dlopen(names[i], RTLD_NOW | RTLD_NOLOAD);
        if (handle == NULL) continue;
        void (*set_fatal)(void (*)(int)) = NULL;
        *(void **)&set_fatal = dlsym(handle, "event_set_fatal_callback");
        if (set_fatal != NULL) set_fatal(libevent_fatal);
        return;
    }
}

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
    SYMBOL(ctx_async, "ub_ctx_async")
    SYMBOL(resolve_async, "ub_resolve_async")
    SYMBOL(cancel, "ub_cancel")
    SYMBOL(fd, "ub_fd")
    SYMBOL(process, "ub_process")
#undef SYMBOL
    catch_libevent_exit();
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
int CSMTPProbe_ub_ctx_async(struct ub_ctx *ctx, int dothread) { return api.ctx_async(ctx, dothread); }
int CSMTPProbe_ub_resolve_async(struct ub_ctx *ctx, const char *name, int rrtype, int rrclass, void *mydata,
                                ub_callback_type callback, int *async_id) {
    return api.resolve_async(ctx, name, rrtype, rrclass, mydata, callback, async_id);
}
int CSMTPProbe_ub_cancel(struct ub_ctx *ctx, int async_id) { return api.cancel(ctx, async_id); }
int CSMTPProbe_ub_fd(struct ub_ctx *ctx) { return api.fd(ctx); }
int CSMTPProbe_ub_process(struct ub_ctx *ctx) { return api.process(ctx); }
