// SPDX-License-Identifier: GPL-2.0
/*
 * bootstrapd: the bootstrap (name) server, launchd's Mach name service for
 * Linux.  It holds the receive right of the root bootstrap port, makes it
 * the default bootstrap port of new tasks (MACH_IOC_SET_DEFAULT_BOOTSTRAP,
 * root only), and serves MIG subsystem 400 on it and on every subset port
 * (layouts in libmach/src/bootstrap_wire.h).  Semantics follow launchd-842
 * where the brief of Documentation/bootstrap.rst does not say otherwise:
 *
 *  - check_in creates a dynamic service for a new name and hands out its
 *    receive right with a port-destroyed request armed, so the right comes
 *    back here when the holder dies: the service is then inactive, lookups
 *    still work and messages queue until the next check_in;
 *  - register keeps a send right with a dead-name request: the name goes
 *    when the port dies;
 *  - look_up walks from the namespace asked up to the root;
 *  - a subset lives as long as its requestor port (dead-name request).
 *
 * Callers are known only by the audit trailer the kernel appends (euid,
 * pid), never by what a message says.  Names belong to the effective uid
 * that created them: root's are visible to everyone, a user's to that user
 * and root; touching another user's name is BOOTSTRAP_NOT_PRIVILEGED,
 * except that root takes a user's name over on check_in or register.
 *
 * One thread, one port set (namespace ports and the notification port).
 * Anything malformed gets a MIG error reply and its rights destroyed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/linux_mach.h>
#include <servers/bootstrap.h>
#include <bootstrap_priv.h>
#include "bootstrap_wire.h"

#define DEFAULT_PIDFILE		"/run/bootstrapd.pid"
#define DEFAULT_UID_CAP		1024	/* names + subsets per uid */
#define GLOBAL_CAP		65536	/* names + subsets in all */
#define MAX_DEPTH		100	/* subsets below the root (launchd) */
#define RCV_BUF_SIZE		(16 * 1024)
#define RCV_MAX_SIZE		(64u << 20)	/* above the kernel's limit */

/* ------------------------------------------------------------------ */
/* Options and logging */

static struct {
	const char *pidfile;
	bool install_default;
	unsigned int uid_cap;
	int level;		/* highest syslog level logged */
	bool syslog;
	bool force;
	int ready_fd;
} opt = {
	.pidfile = DEFAULT_PIDFILE,
	.install_default = true,
	.uid_cap = DEFAULT_UID_CAP,
	.level = LOG_NOTICE,
	.ready_fd = -1,
};

static const char *const level_name[] = {
	"emerg", "alert", "crit", "error", "warning", "notice", "info", "debug",
};

/*
 * A token bucket keeps a misbehaving client from filling the log: a burst
 * of LOG_BURST lines, then LOG_RATE a second; what is dropped is counted
 * and reported with the next line that gets through.
 */
#define LOG_BURST	20
#define LOG_RATE	5

static double log_tokens = LOG_BURST;
static struct timespec log_last;
static unsigned long log_dropped;

static void log_emit(int level, const char *text)
{
	if (opt.syslog)
		syslog(level, "%s", text);
	fprintf(stderr, "bootstrapd[%d]: %s: %s\n", getpid(), level_name[level],
		text);
}

__attribute__((format(printf, 3, 4)))
static void log_at(int level, bool force, const char *fmt, ...)
{
	struct timespec now;
	char text[512];
	va_list ap;

	if (level > opt.level)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	log_tokens += (now.tv_sec - log_last.tv_sec +
		       (now.tv_nsec - log_last.tv_nsec) / 1e9) * LOG_RATE;
	if (log_tokens > LOG_BURST)
		log_tokens = LOG_BURST;
	log_last = now;
	if (log_tokens < 1 && !force) {
		log_dropped++;
		return;
	}
	log_tokens--;
	if (log_dropped) {
		snprintf(text, sizeof(text), "%lu log messages suppressed",
			 log_dropped);
		log_dropped = 0;
		log_emit(LOG_WARNING, text);
	}
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	log_emit(level, text);
}

#define log_err(...)	log_at(LOG_ERR, false, __VA_ARGS__)
#define log_warn(...)	log_at(LOG_WARNING, false, __VA_ARGS__)
#define log_notice(...)	log_at(LOG_NOTICE, false, __VA_ARGS__)
#define log_info(...)	log_at(LOG_INFO, false, __VA_ARGS__)
#define log_debug(...)	log_at(LOG_DEBUG, false, __VA_ARGS__)

/* ------------------------------------------------------------------ */
/* The namespace */

struct svc;

struct ns {
	struct ns *parent, *children, *sibling;
	struct ns *hnext;		/* ns_table chain, by port */
	mach_port_t port;		/* receive right, in the port set */
	mach_port_t requestor;		/* send right, dead-name watched */
	uint32_t id;
	unsigned int depth;
	uid_t uid;			/* creator's euid */
	pid_t pid;			/* creator */
	pid_t req_pid;			/* requestor's task, or -1 */
	struct svc *services;
	unsigned int nservices;
};

enum svc_kind {
	SVC_RECV,	/* our port: we hold a send right, and the receive
			 * right while nobody has checked it out */
	SVC_SEND,	/* registered: a send right, dead-name watched */
};

struct svc {
	struct svc *next;		/* in ns->services */
	struct svc *hnext;		/* svc_table chain */
	struct ns *ns;
	char name[BOOTSTRAP_MAX_NAME_LEN];
	mach_port_t port;		/* one send uref (+ receive) under it */
	enum svc_kind kind;
	bootstrap_status_t status;
	bool checked_in;		/* ever checked out */
	uid_t uid;
	pid_t pid;			/* last holder / registrant */
};

#define SVC_BUCKETS	4096
#define NS_BUCKETS	256
#define WATCH_BUCKETS	256

static struct svc *svc_table[SVC_BUCKETS];
static struct ns *ns_table[NS_BUCKETS];
static struct ns *root;
static uint32_t next_ns_id = 1;
static mach_port_t pset, notify_port;
static unsigned long total_objects;

static uint32_t name_hash(uint32_t ns_id, const char *name)
{
	uint32_t h = 2166136261u ^ ns_id;

	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

static struct svc *svc_find(struct ns *ns, const char *name)
{
	struct svc *s;

	for (s = svc_table[name_hash(ns->id, name) % SVC_BUCKETS]; s;
	     s = s->hnext)
		if (s->ns == ns && !strcmp(s->name, name))
			return s;
	return NULL;
}

static struct ns *ns_by_port(mach_port_t port)
{
	struct ns *ns;

	for (ns = ns_table[port % NS_BUCKETS]; ns; ns = ns->hnext)
		if (ns->port == port)
			return ns;
	return NULL;
}

/* ---- per-uid accounting ---- */

struct uid_count {
	uid_t uid;
	unsigned int n;
};

static struct uid_count *uid_counts;
static size_t nuid_counts;

static struct uid_count *uid_count(uid_t uid, bool create)
{
	struct uid_count *grown;
	size_t i;

	for (i = 0; i < nuid_counts; i++)
		if (uid_counts[i].uid == uid)
			return &uid_counts[i];
	if (!create)
		return NULL;
	grown = realloc(uid_counts, (nuid_counts + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	uid_counts = grown;
	uid_counts[nuid_counts].uid = uid;
	uid_counts[nuid_counts].n = 0;
	return &uid_counts[nuid_counts++];
}

/* May @uid own one more name or subset?  Takes it if so. */
static kern_return_t quota_take(uid_t uid)
{
	struct uid_count *c = uid_count(uid, true);

	if (!c || total_objects >= GLOBAL_CAP)
		return BOOTSTRAP_NO_MEMORY;
	if (c->n >= opt.uid_cap) {
		log_warn("uid %u is at its cap of %u names and subsets", uid,
			 opt.uid_cap);
		return BOOTSTRAP_NO_MEMORY;
	}
	c->n++;
	total_objects++;
	return KERN_SUCCESS;
}

static void quota_put(uid_t uid)
{
	struct uid_count *c = uid_count(uid, false);

	if (c && c->n)
		c->n--;
	if (total_objects)
		total_objects--;
}

/* ---- dead-name watches: one kernel request per name in our space ---- */

struct watch {
	struct watch *next;
	mach_port_t name;
	unsigned int users;
};

static struct watch *watch_table[WATCH_BUCKETS];

static struct watch **watch_slot(mach_port_t name)
{
	struct watch **w;

	for (w = &watch_table[name % WATCH_BUCKETS]; *w; w = &(*w)->next)
		if ((*w)->name == name)
			break;
	return w;
}

/*
 * Ask for a dead-name notification on @name unless one is pending.
 * Fails if the port is already dead.
 */
static kern_return_t watch_add(mach_port_t name)
{
	struct watch **slot = watch_slot(name), *w;
	mach_port_t prev = MACH_PORT_NULL;
	kern_return_t kr;

	if (*slot) {
		(*slot)->users++;
		return KERN_SUCCESS;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		return KERN_RESOURCE_SHORTAGE;
	kr = mach_port_request_notification(mach_task_self(), name,
					    MACH_NOTIFY_DEAD_NAME, 0,
					    notify_port,
					    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
	if (kr) {
		free(w);
		return kr;
	}
	if (prev != MACH_PORT_NULL)
		mach_port_deallocate(mach_task_self(), prev);
	w->name = name;
	w->users = 1;
	*slot = w;
	return KERN_SUCCESS;
}

/* One user less; the kernel drops the request with our last uref. */
static void watch_del(mach_port_t name)
{
	struct watch **slot = watch_slot(name), *w = *slot;

	if (!w)
		return;
	if (--w->users)
		return;
	*slot = w->next;
	free(w);
}

/* ---- services ---- */

static struct svc *svc_new(struct ns *ns, const char *name, mach_port_t port,
			   enum svc_kind kind, uid_t uid, pid_t pid)
{
	struct svc *s = calloc(1, sizeof(*s));
	uint32_t b;

	if (!s)
		return NULL;
	s->ns = ns;
	strcpy(s->name, name);
	s->port = port;
	s->kind = kind;
	s->uid = uid;
	s->pid = pid;
	s->status = kind == SVC_SEND ? BOOTSTRAP_STATUS_ACTIVE :
				       BOOTSTRAP_STATUS_INACTIVE;
	b = name_hash(ns->id, name) % SVC_BUCKETS;
	s->hnext = svc_table[b];
	svc_table[b] = s;
	s->next = ns->services;
	ns->services = s;
	ns->nservices++;
	return s;
}

/* Forget @s and release what we hold for it. */
static void svc_delete(struct svc *s)
{
	struct svc **p;
	mach_port_t self = mach_task_self();

	for (p = &svc_table[name_hash(s->ns->id, s->name) % SVC_BUCKETS];
	     *p != s; p = &(*p)->hnext)
		;
	*p = s->hnext;
	for (p = &s->ns->services; *p != s; p = &(*p)->next)
		;
	*p = s->next;
	s->ns->nservices--;
	if (s->kind == SVC_SEND) {
		watch_del(s->port);
	} else if (s->status != BOOTSTRAP_STATUS_ACTIVE) {
		/* ours: the port dies (queued messages with it), unless a
		 * port-destroyed request brings it back, which then finds
		 * no service and destroys it */
		mach_port_mod_refs(self, s->port, MACH_PORT_RIGHT_RECEIVE, -1);
	}
	/* an active holder keeps the receive right; when it lets go, the
	 * port-destroyed notification finds no service and ends it */
	mach_port_deallocate(self, s->port);
	quota_put(s->uid);
	log_info("removed '%s' from namespace %u", s->name, s->ns->id);
	free(s);
}

/* ---- namespaces ---- */

/* Many clients may call at once: give namespace ports a deep queue. */
static void deep_queue(mach_port_t port)
{
	mach_port_limits_t limits = { .mpl_qlimit = MACH_PORT_QLIMIT_LARGE };

	mach_port_set_attributes(mach_task_self(), port, MACH_PORT_LIMITS_INFO,
				 (mach_port_info_t)&limits,
				 MACH_PORT_LIMITS_INFO_COUNT);
}

static struct ns *ns_new(struct ns *parent, mach_port_t port, uid_t uid,
			 pid_t pid)
{
	struct ns *ns = calloc(1, sizeof(*ns));

	if (!ns)
		return NULL;
	ns->id = next_ns_id++;
	ns->port = port;
	ns->uid = uid;
	ns->pid = pid;
	ns->req_pid = -1;
	ns->parent = parent;
	if (parent) {
		ns->depth = parent->depth + 1;
		ns->sibling = parent->children;
		parent->children = ns;
	}
	ns->hnext = ns_table[port % NS_BUCKETS];
	ns_table[port % NS_BUCKETS] = ns;
	return ns;
}

static void ns_destroy(struct ns *ns)
{
	mach_port_t self = mach_task_self();
	struct ns **p;

	while (ns->children)
		ns_destroy(ns->children);
	while (ns->services)
		svc_delete(ns->services);
	for (p = &ns_table[ns->port % NS_BUCKETS]; *p != ns; p = &(*p)->hnext)
		;
	*p = ns->hnext;
	if (ns->parent) {
		for (p = &ns->parent->children; *p != ns; p = &(*p)->sibling)
			;
		*p = ns->sibling;
	}
	/* clients' send rights to it become dead names */
	mach_port_mod_refs(self, ns->port, MACH_PORT_RIGHT_RECEIVE, -1);
	if (ns->requestor != MACH_PORT_NULL) {
		watch_del(ns->requestor);
		mach_port_deallocate(self, ns->requestor);
	}
	quota_put(ns->uid);
	log_info("subset %u is gone", ns->id);
	free(ns);
}

/* ------------------------------------------------------------------ */
/* Requests */

struct caller {
	uid_t euid;
	pid_t pid;
};

static bool visible(const struct svc *s, uid_t euid)
{
	return euid == 0 || s->uid == 0 || s->uid == euid;
}

/* A name must be 1..127 bytes and NUL-terminated in its 128. */
static bool name_ok(const char *name)
{
	return name[0] && memchr(name, 0, BOOTSTRAP_MAX_NAME_LEN);
}

/* The service @name resolves to from @ns, for @c, or an error. */
static kern_return_t resolve(struct ns *ns, const char *name,
			     const struct caller *c, struct svc **out)
{
	struct svc *s;

	for (; ns; ns = ns->parent) {
		s = svc_find(ns, name);
		if (!s)
			continue;
		if (!visible(s, c->euid))
			return BOOTSTRAP_NOT_PRIVILEGED;
		*out = s;
		return KERN_SUCCESS;
	}
	return BOOTSTRAP_UNKNOWN_SERVICE;
}

/* The reply under construction; large enough for every fixed reply. */
union reply {
	mach_msg_header_t head;
	mig_reply_error_t error;
	struct bs_port_reply port;
	struct bs_status_reply status;
	struct bs_look_up_array_reply array;
	struct bs_lookup_children_reply children;
};

/* What a handler leaves for the reply path to clean up after sending. */
struct after {
	struct svc *checked_out;	/* check_in: undo if not delivered */
	bootstrap_status_t old_status;
	void *free1, *free2, *free3;	/* OOL buffers we sent */
};

static void port_reply(union reply *r, mach_port_t name,
		       mach_msg_type_name_t disp)
{
	r->head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	r->head.msgh_size = sizeof(r->port);
	r->port.body.msgh_descriptor_count = 1;
	r->port.port.name = name;
	r->port.port.disposition = disp;
	r->port.port.type = MACH_MSG_PORT_DESCRIPTOR;
}

static mach_port_t new_service_port(void)
{
	mach_port_t self = mach_task_self(), port;

	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port))
		return MACH_PORT_NULL;
	if (mach_port_insert_right(self, port, port,
				   MACH_MSG_TYPE_MAKE_SEND)) {
		mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
		return MACH_PORT_NULL;
	}
	return port;
}

static kern_return_t do_check_in(struct ns *ns, const char *name,
				 const struct caller *c, union reply *r,
				 struct after *after)
{
	mach_port_t prev = MACH_PORT_NULL, port;
	struct svc *s = svc_find(ns, name);
	kern_return_t kr;

	if (!s) {
		kr = quota_take(c->euid);
		if (kr)
			return kr;
		port = new_service_port();
		s = port ? svc_new(ns, name, port, SVC_RECV, c->euid, c->pid) :
			   NULL;
		if (!s) {
			if (port)
				mach_port_destroy(mach_task_self(), port);
			quota_put(c->euid);
			return BOOTSTRAP_NO_MEMORY;
		}
		log_info("pid %d (uid %u) created '%s' in namespace %u",
			 c->pid, c->euid, name, ns->id);
	} else if (s->uid != c->euid && c->euid != 0) {
		log_warn("pid %d (uid %u) tried to check in '%s', which uid %u owns",
			 c->pid, c->euid, name, s->uid);
		return BOOTSTRAP_NOT_PRIVILEGED;
	} else if (s->uid != c->euid) {
		/* root's services come first: a user cannot squat a name a
		 * system daemon will check in */
		log_warn("pid %d (root) takes '%s' over from uid %u", c->pid,
			 name, s->uid);
		svc_delete(s);
		return do_check_in(ns, name, c, r, after);
	} else if (s->status == BOOTSTRAP_STATUS_ACTIVE) {
		return BOOTSTRAP_SERVICE_ACTIVE;
	}
	/* the right comes back here when its holder lets go of it; a
	 * request may still be pending from an undelivered reply */
	kr = mach_port_request_notification(mach_task_self(), s->port,
					    MACH_NOTIFY_PORT_DESTROYED, 0,
					    notify_port,
					    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
	if (kr && kr != KERN_FAILURE) {
		log_err("port-destroyed request on '%s': %s", name,
			mach_error_string(kr));
		return BOOTSTRAP_NO_MEMORY;
	}
	after->checked_out = s;
	after->old_status = s->status;
	s->status = BOOTSTRAP_STATUS_ACTIVE;
	s->checked_in = true;
	s->pid = c->pid;
	port_reply(r, s->port, MACH_MSG_TYPE_MOVE_RECEIVE);
	log_debug("pid %d checked in '%s' (namespace %u)", c->pid, name, ns->id);
	return KERN_SUCCESS;
}

/* On success the send right in @port is ours (kept or released). */
static kern_return_t do_register(struct ns *ns, const char *name,
				 mach_port_t port, const struct caller *c)
{
	mach_port_t self = mach_task_self();
	struct svc *s = svc_find(ns, name);
	kern_return_t kr;

	if (s && s->uid != c->euid && c->euid == 0 && MACH_PORT_VALID(port)) {
		/* as in check_in: root takes a user's name over */
		log_warn("pid %d (root) takes '%s' over from uid %u", c->pid,
			 name, s->uid);
		svc_delete(s);
		s = NULL;
	}
	if (s) {
		/* root may clear anyone's inactive name */
		if (s->uid != c->euid && c->euid != 0) {
			log_warn("pid %d (uid %u) tried to register '%s', which uid %u owns",
				 c->pid, c->euid, name, s->uid);
			return BOOTSTRAP_NOT_PRIVILEGED;
		}
		if (s->status == BOOTSTRAP_STATUS_ACTIVE)
			return BOOTSTRAP_SERVICE_ACTIVE;
		/* launchd: register over a checked-in service is a mistake */
		if (s->kind == SVC_RECV && MACH_PORT_VALID(port))
			return BOOTSTRAP_NOT_PRIVILEGED;
		svc_delete(s);
	}
	if (port == MACH_PORT_NULL)
		return KERN_SUCCESS;
	if (port == MACH_PORT_DEAD)
		return KERN_SUCCESS;	/* it would vanish at once */
	kr = quota_take(c->euid);
	if (kr)
		return kr;
	kr = watch_add(port);
	if (kr) {
		/* already dead: registered and gone, as launchd's sync=1 */
		quota_put(c->euid);
		mach_port_deallocate(self, port);
		return KERN_SUCCESS;
	}
	if (!svc_new(ns, name, port, SVC_SEND, c->euid, c->pid)) {
		watch_del(port);
		quota_put(c->euid);
		return BOOTSTRAP_NO_MEMORY;
	}
	log_info("pid %d (uid %u) registered '%s' in namespace %u", c->pid,
		 c->euid, name, ns->id);
	return KERN_SUCCESS;
}

static kern_return_t do_look_up(struct ns *ns, const char *name,
				const struct caller *c, union reply *r)
{
	struct svc *s;
	kern_return_t kr = resolve(ns, name, c, &s);

	if (kr == BOOTSTRAP_NOT_PRIVILEGED)
		log_info("pid %d (uid %u) may not look up '%s'", c->pid,
			 c->euid, name);
	if (kr)
		return kr;
	port_reply(r, s->port, MACH_MSG_TYPE_COPY_SEND);
	return KERN_SUCCESS;
}

static kern_return_t do_status(struct ns *ns, const char *name,
			       const struct caller *c, union reply *r)
{
	struct svc *s;
	kern_return_t kr = resolve(ns, name, c, &s);

	if (kr)
		return kr;
	r->head.msgh_bits = 0;
	r->head.msgh_size = sizeof(r->status);
	r->status.ndr = NDR_record;
	r->status.retcode = KERN_SUCCESS;
	r->status.status = s->status;
	return KERN_SUCCESS;
}

static kern_return_t do_create_service(struct ns *ns, const char *name,
				       const struct caller *c, union reply *r)
{
	mach_port_t port;
	struct svc *s;
	kern_return_t kr;

	if (svc_find(ns, name))
		return BOOTSTRAP_NAME_IN_USE;
	kr = quota_take(c->euid);
	if (kr)
		return kr;
	port = new_service_port();
	s = port ? svc_new(ns, name, port, SVC_RECV, c->euid, c->pid) : NULL;
	if (!s) {
		if (port)
			mach_port_destroy(mach_task_self(), port);
		quota_put(c->euid);
		return BOOTSTRAP_NO_MEMORY;
	}
	s->status = BOOTSTRAP_STATUS_ON_DEMAND;
	log_info("pid %d (uid %u) declared '%s' in namespace %u", c->pid,
		 c->euid, name, ns->id);
	port_reply(r, s->port, MACH_MSG_TYPE_COPY_SEND);
	return KERN_SUCCESS;
}

static kern_return_t do_parent(struct ns *ns, const struct caller *c,
			       union reply *r)
{
	if (c->euid != 0)
		return BOOTSTRAP_NOT_PRIVILEGED;
	port_reply(r, ns->parent ? ns->parent->port : ns->port,
		   MACH_MSG_TYPE_MAKE_SEND);
	return KERN_SUCCESS;
}

/* On success the requestor send right is ours. */
static kern_return_t do_subset(struct ns *ns, mach_port_t requestor,
			       const struct caller *c, union reply *r)
{
	mach_port_t self = mach_task_self(), port;
	struct ns *sub;
	kern_return_t kr;
	int pid;

	if (!MACH_PORT_VALID(requestor))
		return BOOTSTRAP_NOT_PRIVILEGED;
	if (ns->depth + 1 > MAX_DEPTH) {
		log_warn("pid %d: subset deeper than %d refused", c->pid,
			 MAX_DEPTH);
		return BOOTSTRAP_NO_MEMORY;
	}
	kr = quota_take(c->euid);
	if (kr)
		return kr;
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port)) {
		quota_put(c->euid);
		return BOOTSTRAP_NO_MEMORY;
	}
	if (mach_port_move_member(self, port, pset) ||
	    watch_add(requestor) != KERN_SUCCESS) {
		/* a requestor that is already dead cannot hold a subset */
		mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
		quota_put(c->euid);
		return BOOTSTRAP_NOT_PRIVILEGED;
	}
	deep_queue(port);
	sub = ns_new(ns, port, c->euid, c->pid);
	if (!sub) {
		watch_del(requestor);
		mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
		quota_put(c->euid);
		return BOOTSTRAP_NO_MEMORY;
	}
	sub->requestor = requestor;
	if (pid_for_task(requestor, &pid) == KERN_SUCCESS)
		sub->req_pid = pid;
	log_info("pid %d (uid %u) created subset %u of namespace %u", c->pid,
		 c->euid, sub->id, ns->id);
	port_reply(r, port, MACH_MSG_TYPE_MAKE_SEND);
	return KERN_SUCCESS;
}

/* On success the OOL names are consumed. */
static kern_return_t do_look_up_array(struct ns *ns,
				      struct bs_look_up_array_request *rq,
				      const struct caller *c, union reply *r,
				      struct after *after)
{
	mach_msg_type_number_t n = rq->names_cnt, i;
	name_t *names = rq->names.address;
	mach_port_t *ports;
	boolean_t all = TRUE;
	struct svc *s;

	if (n > BOOTSTRAP_MAX_LOOKUP_COUNT)
		return BOOTSTRAP_BAD_COUNT;
	if (rq->names.size != n * sizeof(name_t))
		return MIG_BAD_ARGUMENTS;
	for (i = 0; i < n; i++)
		if (!name_ok(names[i]))
			return MIG_BAD_ARGUMENTS;
	ports = calloc(n ? n : 1, sizeof(*ports));
	if (!ports)
		return BOOTSTRAP_NO_MEMORY;
	for (i = 0; i < n; i++) {
		if (resolve(ns, names[i], c, &s) == KERN_SUCCESS) {
			ports[i] = s->port;
		} else {
			ports[i] = MACH_PORT_NULL;
			all = FALSE;
		}
	}
	if (n)
		vm_deallocate(mach_task_self(), (vm_address_t)names,
			      rq->names.size);
	r->head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	r->head.msgh_size = sizeof(r->array);
	r->array.body.msgh_descriptor_count = 1;
	r->array.ports.address = n ? ports : NULL;
	r->array.ports.count = n;
	r->array.ports.deallocate = FALSE;
	r->array.ports.copy = MACH_MSG_PHYSICAL_COPY;
	r->array.ports.disposition = MACH_MSG_TYPE_COPY_SEND;
	r->array.ports.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	r->array.ndr = NDR_record;
	r->array.ports_cnt = n;
	r->array.all_known = all;
	after->free1 = ports;
	return KERN_SUCCESS;
}

static void ns_label(const struct ns *ns, char *buf, size_t size)
{
	if (!ns->parent)
		snprintf(buf, size, "root");
	else if (ns->req_pid > 0)
		snprintf(buf, size, "subset.%u (requestor pid %d)", ns->id,
			 ns->req_pid);
	else
		snprintf(buf, size, "subset.%u", ns->id);
}

static kern_return_t do_lookup_children(struct ns *ns, const struct caller *c,
					union reply *r, struct after *after)
{
	bootstrap_property_t *props;
	mach_port_t *ports;
	unsigned int n = 0, i = 0;
	name_t *names;
	struct ns *ch;

	if (c->euid != 0)
		return BOOTSTRAP_NOT_PRIVILEGED;
	for (ch = ns->children; ch; ch = ch->sibling)
		n++;
	if (!n)
		return BOOTSTRAP_NO_CHILDREN;
	ports = calloc(n, sizeof(*ports));
	names = calloc(n, sizeof(*names));
	props = calloc(n, sizeof(*props));
	if (!ports || !names || !props) {
		free(ports);
		free(names);
		free(props);
		return BOOTSTRAP_NO_MEMORY;
	}
	for (ch = ns->children; ch; ch = ch->sibling, i++) {
		ports[i] = ch->port;
		ns_label(ch, names[i], sizeof(names[i]));
		props[i] = BOOTSTRAP_PROPERTY_EXPLICITSUBSET;
	}
	r->head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	r->head.msgh_size = sizeof(r->children);
	r->children.body.msgh_descriptor_count = 3;
	r->children.ports = (mach_msg_ool_ports_descriptor_t){
		.address = ports, .count = n, .deallocate = FALSE,
		.copy = MACH_MSG_PHYSICAL_COPY,
		.disposition = MACH_MSG_TYPE_MAKE_SEND,
		.type = MACH_MSG_OOL_PORTS_DESCRIPTOR,
	};
	r->children.names = (mach_msg_ool_descriptor_t){
		.address = names, .size = n * sizeof(name_t),
		.deallocate = FALSE, .copy = MACH_MSG_PHYSICAL_COPY,
		.type = MACH_MSG_OOL_DESCRIPTOR,
	};
	r->children.properties = (mach_msg_ool_descriptor_t){
		.address = props, .size = n * sizeof(bootstrap_property_t),
		.deallocate = FALSE, .copy = MACH_MSG_PHYSICAL_COPY,
		.type = MACH_MSG_OOL_DESCRIPTOR,
	};
	r->children.ndr = NDR_record;
	r->children.ports_cnt = n;
	r->children.names_cnt = n;
	r->children.properties_cnt = n;
	after->free1 = ports;
	after->free2 = names;
	after->free3 = props;
	return KERN_SUCCESS;
}

/* ---- dump (450) ---- */

struct dump {
	struct bootstrap_dump_entry *e;
	size_t n, cap;
};

static struct bootstrap_dump_entry *dump_add(struct dump *d)
{
	struct bootstrap_dump_entry *grown;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		grown = realloc(d->e, d->cap * sizeof(*grown));
		if (!grown)
			return NULL;
		d->e = grown;
	}
	memset(&d->e[d->n], 0, sizeof(d->e[0]));
	return &d->e[d->n++];
}

static int svc_cmp(const void *a, const void *b)
{
	return strcmp((*(struct svc *const *)a)->name,
		      (*(struct svc *const *)b)->name);
}

/* @ns's services visible to @euid, sorted by name (malloc'd). */
static struct svc **sorted_services(struct ns *ns, uid_t euid, size_t *np)
{
	struct svc **v = calloc(ns->nservices + 1, sizeof(*v)), *s;
	size_t n = 0;

	if (!v)
		return NULL;
	for (s = ns->services; s; s = s->next)
		if (visible(s, euid))
			v[n++] = s;
	qsort(v, n, sizeof(*v), svc_cmp);
	*np = n;
	return v;
}

static bool dump_service(struct dump *d, const struct svc *s, uint32_t flags)
{
	struct bootstrap_dump_entry *e = dump_add(d);

	if (!e)
		return false;
	e->kind = BOOTSTRAP_DUMP_SERVICE;
	e->ns = s->ns->id;
	e->depth = s->ns->depth;
	e->status = s->status;
	e->pid = s->pid;
	e->uid = s->uid;
	e->flags = flags | (s->kind == SVC_SEND ? BOOTSTRAP_DUMP_F_REGISTERED : 0) |
		   (s->checked_in ? BOOTSTRAP_DUMP_F_CHECKED_IN : 0);
	memcpy(e->name, s->name, sizeof(e->name));
	return true;
}

static bool dump_tree(struct dump *d, struct ns *ns, const struct ns *asked,
		      uid_t euid)
{
	struct bootstrap_dump_entry *e = dump_add(d);
	struct svc **v;
	struct ns *ch;
	size_t n, i;

	if (!e)
		return false;
	e->kind = BOOTSTRAP_DUMP_NAMESPACE;
	e->ns = ns->id;
	e->parent = ns->parent ? ns->parent->id : 0;
	e->depth = ns->depth;
	e->pid = ns->parent ? (ns->req_pid > 0 ? ns->req_pid : ns->pid) :
			      getpid();
	e->uid = ns->uid;
	e->flags = (ns->parent ? 0 : BOOTSTRAP_DUMP_F_ROOT) |
		   (ns == asked ? BOOTSTRAP_DUMP_F_SELF : 0);
	ns_label(ns, e->name, sizeof(e->name));
	v = sorted_services(ns, euid, &n);
	if (!v)
		return false;
	for (i = 0; i < n; i++)
		if (!dump_service(d, v[i], 0)) {
			free(v);
			return false;
		}
	free(v);
	for (ch = ns->children; ch; ch = ch->sibling)
		if ((euid == 0 || ch->uid == 0 || ch->uid == euid) &&
		    !dump_tree(d, ch, asked, euid))
			return false;
	return true;
}

/* Is @name defined in a namespace from @from up to (not incl.) @upto? */
static bool shadowed(struct ns *from, struct ns *upto, const char *name)
{
	for (; from && from != upto; from = from->parent)
		if (svc_find(from, name))
			return true;
	return false;
}

static bool dump_visible(struct dump *d, struct ns *ns, uid_t euid)
{
	struct ns *n;
	struct svc **v;
	size_t cnt, i;

	for (n = ns; n; n = n->parent) {
		v = sorted_services(n, euid, &cnt);
		if (!v)
			return false;
		for (i = 0; i < cnt; i++) {
			if (shadowed(ns, n, v[i]->name))
				continue;
			if (!dump_service(d, v[i], n == ns ? 0 :
					  BOOTSTRAP_DUMP_F_INHERITED)) {
				free(v);
				return false;
			}
		}
		free(v);
	}
	return true;
}

/*
 * The dump is rebuilt for every page: simple, and a diagnostic tool can
 * live with a tree that changes between pages.  The reply is malloc'd
 * (*big) because it is larger than union reply.
 */
static kern_return_t do_dump(struct ns *ns, struct bs_dump_request *rq,
			     const struct caller *c, struct bs_dump_reply **big)
{
	struct dump d = { 0 };
	struct bs_dump_reply *rp;
	size_t count = 0;
	bool ok;

	if (rq->flags & ~(uint32_t)BOOTSTRAP_DUMP_VISIBLE)
		return MIG_BAD_ARGUMENTS;
	if (rq->flags & BOOTSTRAP_DUMP_VISIBLE)
		ok = dump_visible(&d, ns, c->euid);
	else
		ok = dump_tree(&d, ns, ns, c->euid);
	if (!ok) {
		free(d.e);
		return BOOTSTRAP_NO_MEMORY;
	}
	if (rq->start < d.n)
		count = d.n - rq->start;
	if (count > BS_DUMP_PAGE)
		count = BS_DUMP_PAGE;
	rp = calloc(1, sizeof(*rp) + count * sizeof(rp->entries[0]));
	if (!rp) {
		free(d.e);
		return BOOTSTRAP_NO_MEMORY;
	}
	rp->head.msgh_size = sizeof(*rp) + count * sizeof(rp->entries[0]);
	rp->ndr = NDR_record;
	rp->count = count;
	rp->next = rq->start + count < d.n ? rq->start + count : 0;
	if (count)
		memcpy(rp->entries, d.e + rq->start, count * sizeof(d.e[0]));
	free(d.e);
	*big = rp;
	return KERN_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Dispatch */

/* Is @d a port descriptor carrying a send right (or nothing)? */
static bool send_desc_ok(const mach_msg_port_descriptor_t *d)
{
	if (d->type != MACH_MSG_PORT_DESCRIPTOR)
		return false;
	return !MACH_PORT_VALID(d->name) ||
	       d->disposition == MACH_MSG_TYPE_PORT_SEND;
}

/*
 * Check the request's shape and run its routine.  Returns the routine's
 * result; on success the reply is in @r (or *@big), on failure an error
 * reply is sent and the request's rights are destroyed by the caller.
 */
static kern_return_t dispatch(struct ns *ns, mach_msg_header_t *req,
			      const struct caller *c, union reply *r,
			      struct bs_dump_reply **big, struct after *after)
{
	bool complex = req->msgh_bits & MACH_MSGH_BITS_COMPLEX;
	mach_msg_size_t size = req->msgh_size;
	struct bs_name_request *nrq = (void *)req;
	struct bs_register_request *regrq = (void *)req;
	struct bs_subset_request *subrq = (void *)req;
	struct bs_look_up_array_request *arq = (void *)req;

	switch (req->msgh_id) {
	case BS_MSG_CHECK_IN:
	case BS_MSG_LOOK_UP:
	case BS_MSG_STATUS:
	case BS_MSG_CREATE_SERVICE:
		if (complex || size != sizeof(*nrq) || !name_ok(nrq->name))
			return MIG_BAD_ARGUMENTS;
		switch (req->msgh_id) {
		case BS_MSG_CHECK_IN:
			return do_check_in(ns, nrq->name, c, r, after);
		case BS_MSG_LOOK_UP:
			return do_look_up(ns, nrq->name, c, r);
		case BS_MSG_STATUS:
			return do_status(ns, nrq->name, c, r);
		default:
			return do_create_service(ns, nrq->name, c, r);
		}
	case BS_MSG_REGISTER:
		if (!complex || size != sizeof(*regrq) ||
		    regrq->body.msgh_descriptor_count != 1 ||
		    !send_desc_ok(&regrq->port) || !name_ok(regrq->name))
			return MIG_BAD_ARGUMENTS;
		return do_register(ns, regrq->name, regrq->port.name, c);
	case BS_MSG_LOOK_UP_ARRAY:
		if (!complex || size != sizeof(*arq) ||
		    arq->body.msgh_descriptor_count != 1 ||
		    arq->names.type != MACH_MSG_OOL_DESCRIPTOR)
			return MIG_BAD_ARGUMENTS;
		return do_look_up_array(ns, arq, c, r, after);
	case BS_MSG_PARENT:
		if (complex || size != sizeof(mach_msg_header_t))
			return MIG_BAD_ARGUMENTS;
		return do_parent(ns, c, r);
	case BS_MSG_SUBSET:
		if (!complex || size != sizeof(*subrq) ||
		    subrq->body.msgh_descriptor_count != 1 ||
		    !send_desc_ok(&subrq->requestor))
			return MIG_BAD_ARGUMENTS;
		return do_subset(ns, subrq->requestor.name, c, r);
	case BS_MSG_LOOKUP_CHILDREN:
		if (complex || size != sizeof(mach_msg_header_t))
			return MIG_BAD_ARGUMENTS;
		return do_lookup_children(ns, c, r, after);
	case BS_MSG_DUMP:
		if (complex || size != sizeof(struct bs_dump_request))
			return MIG_BAD_ARGUMENTS;
		return do_dump(ns, (struct bs_dump_request *)req, c, big);
	default:
		return MIG_BAD_ID;
	}
}

/* Release the request's rights and memory, but not its reply port. */
static void destroy_request(mach_msg_header_t *req)
{
	mach_port_t reply = req->msgh_remote_port;
	mach_msg_bits_t bits = req->msgh_bits;

	req->msgh_remote_port = MACH_PORT_NULL;
	req->msgh_bits &= ~MACH_MSGH_BITS_REMOTE_MASK;
	mach_msg_destroy(req);
	req->msgh_remote_port = reply;
	req->msgh_bits = bits;
}

enum sent {
	SENT,		/* gone (a reply to a dead send-once right is dropped
			 * by the kernel, with its rights, as if delivered) */
	REFUSED,	/* refused: nothing moved (dead reply port: dropped) */
	RETURNED,	/* pseudo-received: its rights are back in our space */
};

/*
 * Send @reply for @req.  MIG clients reply on send-once rights, which
 * never block; a client that gave a send right to a full queue gets
 * nothing rather than stall everyone (MACH_SEND_TIMEOUT 0).
 */
static enum sent send_reply(mach_msg_header_t *req, mach_msg_header_t *reply)
{
	mach_msg_type_name_t reply_type = MACH_MSGH_BITS_REMOTE(req->msgh_bits);
	mach_msg_return_t mr;

	reply->msgh_bits = MACH_MSGH_BITS(reply_type, 0) |
			   (reply->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	reply->msgh_remote_port = req->msgh_remote_port;
	reply->msgh_local_port = MACH_PORT_NULL;
	reply->msgh_voucher_port = MACH_PORT_NULL;
	reply->msgh_id = BS_REPLY(req->msgh_id);
	mr = mach_msg(reply, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
		      reply->msgh_size, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
	if (mr == MACH_MSG_SUCCESS)
		return SENT;
	log_info("reply %d on port 0x%x not delivered: %s", reply->msgh_id,
		 req->msgh_remote_port, mach_error_string(mr));
	switch (mr) {
	case MACH_SEND_TIMED_OUT:
	case MACH_SEND_INTERRUPTED:
	case MACH_SEND_NO_BUFFER:
		return RETURNED;
	case MACH_SEND_INVALID_DEST:
		/* the client's port died: our right to it is a dead name */
		mach_port_deallocate(mach_task_self(), req->msgh_remote_port);
		return REFUSED;
	default:
		log_err("reply %d: %s", reply->msgh_id, mach_error_string(mr));
		return REFUSED;
	}
}

static void send_error(mach_msg_header_t *req, kern_return_t kr)
{
	mig_reply_error_t err = { 0 };

	err.Head.msgh_size = sizeof(err);
	err.NDR = NDR_record;
	err.RetCode = kr;
	if (send_reply(req, &err.Head) == RETURNED)
		mach_msg_destroy(&err.Head);
}

static void serve_request(struct ns *ns, mach_msg_header_t *req,
			  const struct caller *c)
{
	struct bs_dump_reply *big = NULL;
	struct after after = { 0 };
	mach_msg_header_t *reply;
	union reply r;
	kern_return_t kr;
	enum sent sent;

	if (!MACH_MSGH_BITS_REMOTE(req->msgh_bits) ||
	    !MACH_PORT_VALID(req->msgh_remote_port)) {
		log_warn("pid %d sent message %d without a reply port: dropped",
			 c->pid, req->msgh_id);
		mach_msg_destroy(req);
		return;
	}
	memset(&r, 0, sizeof(r));
	kr = dispatch(ns, req, c, &r, &big, &after);
	if (kr != KERN_SUCCESS) {
		if (kr == MIG_BAD_ID || kr == MIG_BAD_ARGUMENTS)
			log_warn("pid %d (uid %u): bad request %d (%u bytes): %s",
				 c->pid, c->euid, req->msgh_id,
				 req->msgh_size, mach_error_string(kr));
		else
			log_debug("pid %d: request %d: %s", c->pid,
				  req->msgh_id, bootstrap_strerror(kr));
		destroy_request(req);
		send_error(req, kr);
		return;
	}
	if (!big && r.head.msgh_size == 0) {
		/* a routine whose only output is its return code */
		send_error(req, KERN_SUCCESS);
		return;
	}
	reply = big ? &big->head : &r.head;
	sent = send_reply(req, reply);
	if (sent != SENT && after.checked_out) {
		/* the receive right never left, or came back: keep it */
		after.checked_out->status = after.old_status;
		r.port.port.name = MACH_PORT_NULL;
	}
	if (sent == RETURNED)
		mach_msg_destroy(reply);
	free(after.free1);
	free(after.free2);
	free(after.free3);
	free(big);
}

/* ------------------------------------------------------------------ */
/* Notifications (kernel-sent, to notify_port) */

static bool from_kernel(const mach_msg_audit_trailer_t *t)
{
	static const audit_token_t zero;

	return t->msgh_sender.val[0] == 0 && t->msgh_sender.val[1] == 1 &&
	       !memcmp(&t->msgh_audit, &zero, sizeof(zero));
}

static void port_destroyed(mach_port_t port)
{
	struct svc *s;
	size_t b;

	for (b = 0; b < SVC_BUCKETS; b++)
		for (s = svc_table[b]; s; s = s->hnext)
			if (s->kind == SVC_RECV && s->port == port &&
			    s->status == BOOTSTRAP_STATUS_ACTIVE) {
				s->status = BOOTSTRAP_STATUS_INACTIVE;
				log_info("'%s' (namespace %u) is inactive: pid %d let go of it",
					 s->name, s->ns->id, s->pid);
				return;
			}
	/* a service that no longer exists: end its port */
	log_debug("port 0x%x came back for no service: destroyed", port);
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
}

static struct ns *ns_with_requestor(struct ns *ns, mach_port_t name)
{
	struct ns *ch, *found;

	if (ns->requestor == name)
		return ns;
	for (ch = ns->children; ch; ch = ch->sibling) {
		found = ns_with_requestor(ch, name);
		if (found)
			return found;
	}
	return NULL;
}

static void dead_name(mach_port_t name)
{
	struct svc *s, *next;
	struct watch **slot;
	struct ns *ns;
	size_t b;

	for (b = 0; b < SVC_BUCKETS; b++)
		for (s = svc_table[b]; s; s = next) {
			next = s->hnext;
			if (s->kind == SVC_SEND && s->port == name) {
				log_info("'%s' (namespace %u): its port died",
					 s->name, s->ns->id);
				svc_delete(s);
				next = svc_table[b];	/* chain changed */
			}
		}
	while ((ns = ns_with_requestor(root, name)))
		ns_destroy(ns);
	/* nobody should watch it any more */
	slot = watch_slot(name);
	if (*slot) {
		struct watch *w = *slot;

		*slot = w->next;
		free(w);
	}
	/* the notification's own reference on the dead name */
	mach_port_deallocate(mach_task_self(), name);
}

static void serve_notification(mach_msg_header_t *msg,
			       const mach_msg_audit_trailer_t *t)
{
	mach_port_destroyed_notification_t *pd = (void *)msg;
	mach_dead_name_notification_t *dn = (void *)msg;

	if (!from_kernel(t)) {
		log_warn("forged notification %d dropped", msg->msgh_id);
		mach_msg_destroy(msg);
		return;
	}
	switch (msg->msgh_id) {
	case MACH_NOTIFY_PORT_DESTROYED:
		if ((msg->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
		    pd->not_body.msgh_descriptor_count == 1 &&
		    pd->not_port.type == MACH_MSG_PORT_DESCRIPTOR &&
		    pd->not_port.disposition == MACH_MSG_TYPE_PORT_RECEIVE) {
			port_destroyed(pd->not_port.name);
			return;
		}
		break;
	case MACH_NOTIFY_DEAD_NAME:
		if (!(msg->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
		    msg->msgh_size >= 36) {
			dead_name(dn->not_port);
			return;
		}
		break;
	case MACH_NOTIFY_PORT_DELETED:	/* our last uref went first */
	case MACH_NOTIFY_SEND_ONCE:
		return;
	default:
		break;
	}
	log_warn("unexpected notification %d", msg->msgh_id);
	mach_msg_destroy(msg);
}

/* ------------------------------------------------------------------ */
/* Startup */

static void write_pidfile(void)
{
	char tmp[PATH_MAX];
	FILE *f;

	if (!opt.pidfile)
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", opt.pidfile);
	f = fopen(tmp, "w");
	if (!f || fprintf(f, "%d\n", getpid()) < 0 || fclose(f) != 0 ||
	    rename(tmp, opt.pidfile) != 0) {
		log_warn("pid file %s: %s", opt.pidfile, strerror(errno));
		unlink(tmp);
	}
}

/*
 * systemd's notification protocol (Type=notify), without libsystemd: one
 * datagram of "KEY=value" lines to the AF_UNIX socket named by
 * $NOTIFY_SOCKET (a path, or "@" for the abstract namespace).  The address
 * is taken once at startup so that the SIGTERM handler can say STOPPING=1
 * with async-signal-safe calls only.
 */
static struct sockaddr_un notify_sa = { .sun_family = AF_UNIX };
static socklen_t notify_len;

static void sd_notify_init(void)
{
	const char *path = getenv("NOTIFY_SOCKET");

	if (!path || (path[0] != '/' && path[0] != '@') ||
	    strlen(path) >= sizeof(notify_sa.sun_path))
		return;
	strcpy(notify_sa.sun_path, path);
	if (path[0] == '@')
		notify_sa.sun_path[0] = 0;
	notify_len = offsetof(struct sockaddr_un, sun_path) + strlen(path);
	/* not for whatever we might run */
	unsetenv("NOTIFY_SOCKET");
}

/* 0, or -1 with errno; nothing to do without a notify socket. */
static int sd_notify_send(const char *msg, size_t len)
{
	int fd, rc = 0;

	if (!notify_len)
		return 0;
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (sendto(fd, msg, len, 0, (struct sockaddr *)&notify_sa,
		   notify_len) < 0)
		rc = -1;
	close(fd);
	return rc;
}

static void sd_notify_ready(void)
{
	static const char msg[] = "READY=1\nSTATUS=serving the root bootstrap port";

	if (sd_notify_send(msg, sizeof(msg) - 1) < 0)
		log_warn("sd_notify: %s", strerror(errno));
}

static void on_term(int sig)
{
	static const char msg[] = "bootstrapd: terminating on signal\n";
	static const char stopping[] = "STOPPING=1";

	sd_notify_send(stopping, sizeof(stopping) - 1);

	if (opt.pidfile)
		unlink(opt.pidfile);
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0) {
		/* nothing to do */
	}
	_exit(sig == SIGTERM || sig == SIGINT ? 0 : 1);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: bootstrapd [options]\n"
		"  -n, --no-default     do not install the root port as the default\n"
		"                       bootstrap port (a private instance; reach it\n"
		"                       with bsexec <pid of bootstrapd>)\n"
		"  -p, --pidfile FILE   pid file, written once serving (default %s;\n"
		"                       '-' for none; none with -n unless given)\n"
		"  -c, --uid-cap N      names and subsets one uid may own (default %u)\n"
		"  -r, --ready-fd FD    write \"ready\\n\" to FD once serving, then close it\n"
		"  -f, --force          start even if the pid file names a live bootstrapd\n"
		"                       (the new one becomes the default)\n"
		"  -s, --syslog         log to syslog too (LOG_DAEMON)\n"
		"  -v, --verbose        log more (repeat for debug)\n"
		"  -q, --quiet          log warnings and errors only\n"
		"  -h, --help\n"
		"See Documentation/bootstrap.rst.\n",
		DEFAULT_PIDFILE, DEFAULT_UID_CAP);
}

static void parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "no-default", no_argument, NULL, 'n' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "uid-cap", required_argument, NULL, 'c' },
		{ "ready-fd", required_argument, NULL, 'r' },
		{ "force", no_argument, NULL, 'f' },
		{ "syslog", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	bool pidfile_given = false;
	char *end;
	long v;
	int c;

	while ((c = getopt_long(argc, argv, "np:c:r:fsvqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			opt.install_default = false;
			break;
		case 'p':
			opt.pidfile = strcmp(optarg, "-") ? optarg : NULL;
			pidfile_given = true;
			break;
		case 'c':
		case 'r':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 0 || v > INT_MAX) {
				fprintf(stderr, "bootstrapd: bad number '%s'\n", optarg);
				exit(2);
			}
			if (c == 'c')
				opt.uid_cap = (unsigned int)v;
			else
				opt.ready_fd = (int)v;
			break;
		case 'f':
			opt.force = true;
			break;
		case 's':
			opt.syslog = true;
			break;
		case 'v':
			if (opt.level < LOG_DEBUG)
				opt.level++;
			break;
		case 'q':
			opt.level = LOG_WARNING;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind < argc) {
		usage(stderr);
		exit(2);
	}
	if (!opt.install_default && !pidfile_given)
		opt.pidfile = NULL;
}

/* Is the pid file's process a live bootstrapd (not us)? */
static pid_t running_instance(void)
{
	char path[64], comm[32] = "";
	FILE *f;
	int pid = 0;

	if (!opt.pidfile)
		return 0;
	f = fopen(opt.pidfile, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%d", &pid) != 1)
		pid = 0;
	fclose(f);
	if (pid <= 0 || pid == getpid())
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (!fgets(comm, sizeof(comm), f))
		comm[0] = 0;
	fclose(f);
	return strcmp(comm, "bootstrapd\n") ? 0 : pid;
}

static void setup(void)
{
	mach_port_t self = mach_task_self(), port;
	kern_return_t kr;
	struct sigaction sa = { .sa_handler = on_term };

	if (self == MACH_PORT_NULL) {
		log_at(LOG_ERR, true, "no Mach task: is mach.ko loaded (/dev/mach)?");
		exit(1);
	}
	if (!opt.force && running_instance()) {
		log_at(LOG_ERR, true,
		       "bootstrapd (pid %d, %s) is running: stop it, or replace it with -f",
		       running_instance(), opt.pidfile);
		exit(1);
	}
	kr = mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &pset);
	if (!kr)
		kr = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &notify_port);
	if (!kr)
		kr = mach_port_move_member(self, notify_port, pset);
	if (!kr)
		kr = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port);
	if (!kr)
		kr = mach_port_insert_right(self, port, port,
					    MACH_MSG_TYPE_MAKE_SEND);
	if (!kr)
		kr = mach_port_move_member(self, port, pset);
	if (kr) {
		log_at(LOG_ERR, true, "setting up ports: %s", mach_error_string(kr));
		exit(1);
	}
	deep_queue(port);
	deep_queue(notify_port);
	root = ns_new(NULL, port, 0, getpid());
	if (!root)
		exit(1);
	if (opt.install_default) {
		kr = libmach_set_default_bootstrap(port);
		if (kr) {
			log_at(LOG_ERR, true,
			       "cannot install the default bootstrap port: %s%s",
			       mach_error_string(kr),
			       kr == KERN_NO_ACCESS ? " (needs root; or use -n)" : "");
			exit(1);
		}
	}
	/* ours too, so that bsexec <our pid> finds the root namespace */
	kr = task_set_bootstrap_port(self, port);
	if (kr)
		log_warn("task_set_bootstrap_port: %s", mach_error_string(kr));
	bootstrap_port = port;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
}

static void announce(void)
{
	static const char ready[] = "ready\n";

	write_pidfile();
	if (opt.ready_fd >= 0) {
		if (write(opt.ready_fd, ready, sizeof(ready) - 1) < 0)
			log_warn("ready fd %d: %s", opt.ready_fd, strerror(errno));
		close(opt.ready_fd);
	}
	sd_notify_ready();
	log_at(LOG_NOTICE, true, "serving root bootstrap port 0x%x%s, uid cap %u",
	       root->port, opt.install_default ? " (the default for new tasks)" :
						 " (private: not the default)",
	       opt.uid_cap);
}

int main(int argc, char **argv)
{
	const mach_msg_option_t rcv = MACH_RCV_MSG | MACH_RCV_LARGE |
		MACH_RCV_LARGE_IDENTITY | MACH_RCV_INTERRUPT |
		MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
		MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT);
	mach_msg_size_t size = RCV_BUF_SIZE;
	mach_msg_header_t *msg;
	mach_msg_return_t mr;

	parse_options(argc, argv);
	sd_notify_init();
	if (opt.syslog)
		openlog("bootstrapd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	setvbuf(stderr, NULL, _IOLBF, 0);
	clock_gettime(CLOCK_MONOTONIC, &log_last);
	setup();
	announce();

	msg = malloc(size + MAX_TRAILER_SIZE);
	if (!msg)
		return 1;
	for (;;) {
		const mach_msg_audit_trailer_t *t;
		struct caller c;
		struct ns *ns;

		mr = mach_msg(msg, rcv, 0, size + MAX_TRAILER_SIZE, pset,
			      MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (mr == MACH_RCV_INTERRUPTED)
			continue;
		if (mr == MACH_RCV_TOO_LARGE) {
			/* still queued; take it with a buffer that fits,
			 * to answer it (it is no request of ours) */
			mach_msg_size_t need = msg->msgh_size;
			mach_msg_header_t *bigger;

			if (need > RCV_MAX_SIZE) {
				log_err("message of %u bytes: giving up", need);
				return 1;
			}
			bigger = realloc(msg, need + MAX_TRAILER_SIZE);
			if (!bigger) {
				log_err("no memory for a %u-byte message", need);
				return 1;
			}
			msg = bigger;
			size = need;
			continue;
		}
		if (mr != MACH_MSG_SUCCESS) {
			log_err("mach_msg receive: %s", mach_error_string(mr));
			return 1;
		}
		t = (const void *)((const char *)msg + round_msg(msg->msgh_size));
		if (msg->msgh_local_port == notify_port) {
			serve_notification(msg, t);
		} else if ((ns = ns_by_port(msg->msgh_local_port))) {
			if (t->msgh_trailer_size < sizeof(*t)) {
				log_err("no audit trailer (%u bytes)",
					t->msgh_trailer_size);
				mach_msg_destroy(msg);
			} else {
				c.euid = t->msgh_audit.val[1];
				c.pid = (pid_t)t->msgh_audit.val[5];
				serve_request(ns, msg, &c);
			}
		} else {
			log_warn("message on unknown port 0x%x dropped",
				 msg->msgh_local_port);
			mach_msg_destroy(msg);
		}
		/* give back memory an oversized message made us take */
		if (size > RCV_BUF_SIZE) {
			mach_msg_header_t *smaller;

			size = RCV_BUF_SIZE;
			smaller = realloc(msg, size + MAX_TRAILER_SIZE);
			if (smaller)
				msg = smaller;
		}
	}
}
