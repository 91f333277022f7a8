/*
 * delay-proxy: a TCP proxy that adds a fixed one-way delay to every byte in both directions,
 * to simulate a network round-trip time on loopback (this machine has no netem).
 * Benchmark support for scripts/bench-fleet.sh; not part of smtp-probe.
 *
 *   delay-proxy LISTEN_PORT FIRST_ADDRESS COUNT DELAY_MS UPSTREAM_PORT [UPSTREAM_PORT...]
 *
 * Listens on COUNT consecutive loopback addresses from FIRST_ADDRESS (e.g. 127.0.1.1; the
 * whole of 127/8 is loopback on Linux), all on LISTEN_PORT. Connection n to listener i goes
 * to 127.0.0.1:UPSTREAM_PORT[i % number of upstream ports].
 *
 * Timing model, with DELAY_MS = d (one way), so a round trip costs 2d:
 * - every chunk read from one side is written to the other side d later, in order;
 * - an end of stream travels the same way, after the data before it;
 * - the kernel completes the client's TCP handshake at once, which a user-space proxy cannot
 *   slow down, so the upstream connection is opened 3d after accept instead: on a real network
 *   the SYN/SYN-ACK round trip and the ACK's trip to the server come before the server can
 *   send its greeting. The greeting then arrives 4d (two round trips) after the client began
 *   to connect, as it would across a network with that round-trip time.
 *
 * One thread, epoll, non-blocking sockets, and one FIFO of delayed chunks: with a fixed delay
 * the order of arrival is the order of delivery, so no timer heap is needed. On exit (SIGINT
 * or SIGTERM) it prints how many connections it served and its own CPU time to stderr.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_UPSTREAMS 32

enum kind { LISTENER = 1, SIDE = 2 };

struct conn;

/* One socket of a proxied connection: `peer` is where the bytes read here are delivered. */
struct side {
    int kind;
    int fd;
    struct conn *conn;
    struct side *peer;
    /* Bytes due for this socket that it could not take yet (rare: SMTP messages are small). */
    char *pending;
    size_t pending_len;
    int eof_due;        /* an end of stream is queued or pending for this socket */
    int write_shut;     /* shutdown(SHUT_WR) done */
    int read_done;      /* read returned 0 or an error */
};

struct conn {
    struct side client, server;
    int upstream_port;
    int connected;      /* upstream connection opened */
    int refs;           /* queued items that still point at this connection */
    int closed;
};

struct listener {
    int kind;
    int fd;
    int index;
};

/* A chunk, an end of stream, or an upstream connect, due at `due`. */
struct item {
    struct item *next;
    uint64_t due;
    struct side *to;    /* NULL: open the upstream connection of `conn` */
    struct conn *conn;
    int eof;
    size_t len;
    char data[];
};

static struct item *queue_head, *queue_tail;
static int epfd;
static uint64_t delay_ns;
static int upstream_ports[MAX_UPSTREAMS];
static int upstream_count;
static long served, open_conns, peak_conns;
/* How late the proxy delivered anything after its due time: its own added delay. */
static uint64_t max_late_ns, total_late_ns, delivered;
static volatile sig_atomic_t stopping;

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void set_nonblocking_nodelay(int fd) {
    int one = 1;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void enqueue(struct item *item) {
    item->next = NULL;
    item->conn->refs++;
    if (queue_tail) queue_tail->next = item; else queue_head = item;
    queue_tail = item;
}

static void watch(struct side *side, uint32_t events, int op) {
    struct epoll_event ev = { .events = events, .data.ptr = side };
    if (epoll_ctl(epfd, op, side->fd, &ev) < 0 && op != EPOLL_CTL_DEL) die("epoll_ctl");
}

static void close_side(struct side *side) {
    if (side->fd >= 0) {
        epoll_ctl(epfd, EPOLL_CTL_DEL, side->fd, NULL);
        close(side->fd);
        side->fd = -1;
    }
    free(side->pending);
    side->pending = NULL;
    side->pending_len = 0;
}

/* Closed connections are freed only after the current batch of epoll events, which may
   still point at them. */
static struct conn *graveyard[4096];
static int graveyard_count;

static void release(struct conn *conn) {
    if (conn->closed && conn->refs == 0) {
        if (graveyard_count == (int)(sizeof graveyard / sizeof *graveyard)) {
            for (int i = 0; i < graveyard_count; i++) free(graveyard[i]);
            graveyard_count = 0;
        }
        graveyard[graveyard_count++] = conn;
        conn->refs = -1;  /* never queued twice */
    }
}

static void close_conn(struct conn *conn) {
    if (conn->closed) return;
    conn->closed = 1;
    close_side(&conn->client);
    close_side(&conn->server);
    open_conns--;
    release(conn);
}

/* What a socket should be watched for: reading until its end of stream, writing while
   bytes wait. A socket with neither is left out of epoll (it would report HUP forever). */
static void rewatch(struct side *side) {
    if (side->fd < 0) return;
    uint32_t events = (side->read_done ? 0 : EPOLLIN) | (side->pending_len ? EPOLLOUT : 0);
    if (events) {
        struct epoll_event ev = { .events = events, .data.ptr = side };
        if (epoll_ctl(epfd, EPOLL_CTL_MOD, side->fd, &ev) < 0
            && epoll_ctl(epfd, EPOLL_CTL_ADD, side->fd, &ev) < 0) die("epoll_ctl");
    } else {
        epoll_ctl(epfd, EPOLL_CTL_DEL, side->fd, NULL);
    }
}

/* Both directions ended and were passed on: the connection is finished. */
static void maybe_finish(struct conn *conn) {
    if (conn->client.read_done && conn->server.read_done
        && conn->client.write_shut && conn->server.write_shut)
        close_conn(conn);
}

static void deliver_eof(struct side *to) {
    if (to->fd >= 0 && !to->write_shut) shutdown(to->fd, SHUT_WR);
    to->write_shut = 1;
    maybe_finish(to->conn);
}

/* Writes what it can; keeps the rest for EPOLLOUT. */
static void deliver(struct side *to, const char *data, size_t len) {
    if (to->fd < 0) return;
    if (to->pending_len == 0) {
        ssize_t n = write(to->fd, data, len);
        if (n < 0) {
            if (errno != EAGAIN) { close_conn(to->conn); return; }
            n = 0;
        }
        data += n;
        len -= (size_t)n;
        if (len == 0) return;
    }
    to->pending = realloc(to->pending, to->pending_len + len);
    memcpy(to->pending + to->pending_len, data, len);
    to->pending_len += len;
    rewatch(to);
}

static void flush_pending(struct side *side) {
    ssize_t n = write(side->fd, side->pending, side->pending_len);
    if (n < 0) {
        if (errno != EAGAIN) close_conn(side->conn);
        return;
    }
    memmove(side->pending, side->pending + n, side->pending_len - (size_t)n);
    side->pending_len -= (size_t)n;
    if (side->pending_len == 0) {
        rewatch(side);
        if (side->eof_due) deliver_eof(side);
    }
}

static void open_upstream(struct conn *conn) {
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)conn->upstream_port) };
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) { close_conn(conn); return; }
    set_nonblocking_nodelay(fd);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS) {
        close(fd);
        close_conn(conn);
        return;
    }
    conn->server.fd = fd;
    conn->connected = 1;
    watch(&conn->server, EPOLLIN, EPOLL_CTL_ADD);
    watch(&conn->client, EPOLLIN, EPOLL_CTL_ADD);
}

static void accept_all(struct listener *listener) {
    for (;;) {
        int fd = accept4(listener->fd, NULL, NULL, SOCK_NONBLOCK);
        if (fd < 0) return;
        set_nonblocking_nodelay(fd);
        struct conn *conn = calloc(1, sizeof *conn);
        conn->client = (struct side){ .kind = SIDE, .fd = fd, .conn = conn, .peer = &conn->server };
        conn->server = (struct side){ .kind = SIDE, .fd = -1, .conn = conn, .peer = &conn->client };
        conn->upstream_port = upstream_ports[listener->index % upstream_count];
        served++;
        if (++open_conns > peak_conns) peak_conns = open_conns;
        /* The client's bytes wait (unread) in the kernel until the upstream is open. */
        struct item *item = calloc(1, sizeof *item);
        item->due = now_ns() + 3 * delay_ns;
        item->conn = conn;
        enqueue(item);
    }
}

/* One read per readiness event: epoll is level-triggered, so whatever is left is reported
   again, and the extra read that would only return EAGAIN is saved. */
static void read_side(struct side *side) {
    char buffer[16384];
    ssize_t n = read(side->fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    struct item *item = malloc(sizeof *item + (n > 0 ? (size_t)n : 0));
    item->due = now_ns() + delay_ns;
    item->to = side->peer;
    item->conn = side->conn;
    item->eof = n <= 0;
    item->len = n > 0 ? (size_t)n : 0;
    if (n > 0) {
        memcpy(item->data, buffer, (size_t)n);
    } else {
        /* End of stream (or a reset): stop reading; the socket stays open for the other direction. */
        side->read_done = 1;
        side->peer->eof_due = 1;
        rewatch(side);
    }
    enqueue(item);
}

static void run_due(void) {
    uint64_t now = now_ns();
    while (queue_head && queue_head->due <= now) {
        struct item *item = queue_head;
        queue_head = item->next;
        if (!queue_head) queue_tail = NULL;
        struct conn *conn = item->conn;
        uint64_t late = now - item->due;
        if (late > max_late_ns) max_late_ns = late;
        total_late_ns += late;
        delivered++;
        conn->refs--;
        if (!conn->closed) {
            if (!item->to) open_upstream(conn);
            else if (item->eof) {
                if (item->to->pending_len == 0) deliver_eof(item->to);
            } else deliver(item->to, item->data, item->len);
        }
        release(conn);
        free(item);
    }
}

static void on_signal(int sig) { (void)sig; stopping = 1; }

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s LISTEN_PORT FIRST_ADDRESS COUNT DELAY_MS UPSTREAM_PORT...\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    struct in_addr first;
    if (inet_pton(AF_INET, argv[2], &first) != 1) { fprintf(stderr, "bad address %s\n", argv[2]); return 2; }
    int count = atoi(argv[3]);
    delay_ns = (uint64_t)atol(argv[4]) * 1000000u;
    for (int i = 5; i < argc && upstream_count < MAX_UPSTREAMS; i++) upstream_ports[upstream_count++] = atoi(argv[i]);

    /* Three descriptors a target: its listener, the client side and the upstream side. */
    struct rlimit limit;
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);

    epfd = epoll_create1(0);
    if (epfd < 0) die("epoll_create1");
    struct listener *listeners = calloc((size_t)count, sizeof *listeners);
    for (int i = 0; i < count; i++) {
        struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
        addr.sin_addr.s_addr = htonl(ntohl(first.s_addr) + (uint32_t)i);
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
        if (listen(fd, 4096) < 0) die("listen");
        listeners[i] = (struct listener){ .kind = LISTENER, .fd = fd, .index = i };
        struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &listeners[i] };
        if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl");
    }
    fprintf(stderr, "delay-proxy: %d listeners from %s port %d, %ld ms each way\n",
            count, argv[2], port, (long)(delay_ns / 1000000u));
    /* The script waits for this line on stdout before it starts probing. */
    printf("ready\n");
    fflush(stdout);

    struct epoll_event events[256];
    /* At most one pass a millisecond: at real-time priority every packet would otherwise wake
       the proxy on its own, which costs CPU the client and Postfix need. Data may then wait up
       to 1 ms before it is read, on top of the lateness reported at exit. */
    const uint64_t tick_ns = 1000000u;
    uint64_t last_pass = 0;
    while (!stopping) {
        uint64_t since = now_ns() - last_pass;
        if (since < tick_ns) {
            struct timespec pause = { .tv_sec = 0, .tv_nsec = (long)(tick_ns - since) };
            nanosleep(&pause, NULL);
        }
        last_pass = now_ns();
        int timeout = -1;
        if (queue_head) {
            uint64_t now = now_ns();
            timeout = queue_head->due <= now ? 0 : (int)((queue_head->due - now + 999999) / 1000000);
        }
        int n = epoll_wait(epfd, events, 256, timeout);
        if (n < 0 && errno != EINTR) die("epoll_wait");
        for (int i = 0; i < n; i++) {
            int kind = *(int *)events[i].data.ptr;
            if (kind == LISTENER) {
                accept_all(events[i].data.ptr);
                continue;
            }
            struct side *side = events[i].data.ptr;
            if (side->fd < 0 || side->conn->closed) continue;
            struct conn *conn = side->conn;
            conn->refs++;   /* keep it alive while both events of this side run */
            if ((events[i].events & EPOLLOUT) && side->pending_len) flush_pending(side);
            if (!conn->closed && side->fd >= 0 && !side->read_done
                && (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                read_side(side);
            conn->refs--;
            release(conn);
        }
        run_due();
        for (int i = 0; i < graveyard_count; i++) free(graveyard[i]);
        graveyard_count = 0;
    }
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    fprintf(stderr, "delay-proxy: served %ld connections (at most %ld at once), CPU %.3f s user + %.3f s system, peak RSS %ld KiB; "
            "delivered %llu items late by %.2f ms on average, %.2f ms at most\n",
            served, peak_conns,
            usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
            usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6, usage.ru_maxrss,
            (unsigned long long)delivered, delivered ? total_late_ns / 1e6 / delivered : 0.0, max_late_ns / 1e6);
    return 0;
}
