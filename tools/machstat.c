// SPDX-License-Identifier: GPL-2.0
/*
 * machstat: mach.ko's statistics, or (-w) its live event stream, from the
 * generic netlink family "mach" (Documentation/introspection.rst).
 *
 *   machstat        objects alive, messages, notifications, suspensions
 *   machstat -w     one line per event, with the kernel's timestamp, until
 *                   interrupted (joining the events group needs
 *                   CAP_SYS_ADMIN)
 *
 * Built with libnl-genl-3: genl_connect, genl_ctrl_resolve(_grp),
 * multicast membership, message callbacks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <linux/mach_netlink.h>

struct mach_nl {
	struct nl_sock *sk;
	int family;
	int error;		/* errno of the last failed request */
};

static struct nla_policy policy[MACH_NL_A_MAX + 1] = {
	[MACH_NL_A_PID]		= { .type = NLA_U32 },
	[MACH_NL_A_COMM]	= { .type = NLA_STRING },
	[MACH_NL_A_ACTOR_PID]	= { .type = NLA_U32 },
	[MACH_NL_A_ACTOR_COMM]	= { .type = NLA_STRING },
	[MACH_NL_A_TIMESTAMP]	= { .type = NLA_U64 },
	[MACH_NL_A_PORT_ID]	= { .type = NLA_U64 },
	[MACH_NL_A_RECEIVER_PID] = { .type = NLA_U32 },
	[MACH_NL_A_KOBJECT]	= { .type = NLA_U8 },
	[MACH_NL_A_KOBJECT_PID]	= { .type = NLA_U32 },
	[MACH_NL_A_NAME]	= { .type = NLA_U32 },
	[MACH_NL_A_NOTIFY_ID]	= { .type = NLA_U32 },
	[MACH_NL_A_GUARD_CODE]	= { .type = NLA_U32 },
	[MACH_NL_A_TASK_USER_STOP] = { .type = NLA_U32 },
	[MACH_NL_A_TASK_LEGACY_STOP] = { .type = NLA_U32 },
};

static uint32_t u32_of(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

static uint64_t u64_of(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u64(tb[type]) : 0;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *err, void *arg)
{
	struct mach_nl *nl = arg;

	nl->error = -err->error;
	return NL_STOP;
}

static int mach_nl_open(struct mach_nl *nl)
{
	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk || genl_connect(nl->sk)) {
		fprintf(stderr, "machstat: cannot open a generic netlink socket\n");
		return -1;
	}
	nl->family = genl_ctrl_resolve(nl->sk, MACH_NL_FAMILY_NAME);
	if (nl->family < 0) {
		fprintf(stderr, "machstat: no generic netlink family \"%s\": is mach.ko loaded?\n",
			MACH_NL_FAMILY_NAME);
		return -1;
	}
	nl_socket_disable_auto_ack(nl->sk);
	nl_socket_modify_err_cb(nl->sk, NL_CB_CUSTOM, on_error, nl);
	return 0;
}

/* ---- statistics ---- */

static const struct {
	int attr;
	const char *label;
} stats[] = {
	{ MACH_NL_A_STAT_TASKS,		"tasks" },
	{ MACH_NL_A_STAT_SPACES,	"spaces" },
	{ MACH_NL_A_STAT_PORTS,		"ports" },
	{ MACH_NL_A_STAT_PSETS,		"port sets" },
	{ MACH_NL_A_STAT_ENTRIES,	"names" },
	{ MACH_NL_A_STAT_KMSGS,		"messages alive" },
	{ MACH_NL_A_STAT_MSGS_SENT,	"messages sent" },
	{ MACH_NL_A_STAT_MSGS_RECEIVED,	"messages received" },
	{ MACH_NL_A_STAT_NOTIFICATIONS,	"notifications sent" },
	{ MACH_NL_A_STAT_SUSPENDED,	"suspended tasks" },
	{ MACH_NL_A_STAT_SUSPENSIONS,	"suspensions" },
	{ MACH_NL_A_STAT_EVENTS_DROPPED, "events dropped" },
	{ MACH_NL_A_STAT_OOL_BYTES,	"OOL bytes sent" },
	{ MACH_NL_A_STAT_MSG_BYTES,	"message bytes held" },
	{ MACH_NL_A_STAT_GLOBAL_MAX_MSG_BYTES, "  limit, all users" },
	{ MACH_NL_A_STAT_USER_MAX_MSG_BYTES, "  limit, per uid" },
	{ MACH_NL_A_STAT_USER_MAX_PORTS, "port limit per uid" },
	{ MACH_NL_A_STAT_USERS,		"uids seen" },
	{ MACH_NL_A_STAT_PORT_DENIALS,	"ports refused" },
	{ MACH_NL_A_STAT_MSG_DENIALS,	"sends refused" },
};

static int on_stats(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MACH_NL_A_MAX + 1];
	size_t i;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, MACH_NL_A_MAX, NULL))
		return NL_SKIP;
	for (i = 0; i < sizeof(stats) / sizeof(stats[0]); i++)
		printf("%-20s %12" PRIu64 "\n", stats[i].label,
		       u64_of(tb, stats[i].attr));
	return NL_OK;
}

static int show_stats(struct mach_nl *nl)
{
	int err;

	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_CUSTOM, on_stats, NULL);
	err = genl_send_simple(nl->sk, nl->family, MACH_NL_CMD_GET_STATS,
			       MACH_NL_FAMILY_VERSION, 0);
	if (err >= 0)
		err = nl_recvmsgs_default(nl->sk);
	if (nl->error || err < 0) {
		fprintf(stderr, "machstat: statistics: %s\n",
			nl->error ? strerror(nl->error) : nl_geterror(err));
		return 1;
	}
	return 0;
}

/* ---- events ---- */

/* "(pid) comm" into @buf; "kernel" for actor pid 0. */
static const char *who(struct nlattr **tb, int pid_attr, int comm_attr,
		       char *buf, size_t len)
{
	if (!tb[pid_attr] || (pid_attr == MACH_NL_A_ACTOR_PID &&
			      !u32_of(tb, pid_attr)))
		return "kernel";
	snprintf(buf, len, "%u (%s)", u32_of(tb, pid_attr),
		 tb[comm_attr] ? nla_get_string(tb[comm_attr]) : "?");
	return buf;
}

static const char *notify_name(uint32_t id)
{
	switch (id) {
	case 65: return "port-deleted";
	case 66: return "send-possible";
	case 69: return "port-destroyed";
	case 70: return "no-senders";
	case 71: return "send-once";
	case 72: return "dead-name";
	default: return "notification";
	}
}

/* Where a port's receive right was: "receiver PID", "task-port of PID"... */
static void holder(struct nlattr **tb, char *buf, size_t len)
{
	uint32_t kind = tb[MACH_NL_A_KOBJECT] ?
		nla_get_u8(tb[MACH_NL_A_KOBJECT]) : MACH_NL_KOBJECT_NONE;

	if (kind != MACH_NL_KOBJECT_NONE && tb[MACH_NL_A_KOBJECT_PID])
		snprintf(buf, len, "%s of %u",
			 kind == MACH_NL_KOBJECT_TASK ? "task-port" :
			 "resume-port", u32_of(tb, MACH_NL_A_KOBJECT_PID));
	else if (kind != MACH_NL_KOBJECT_NONE)
		snprintf(buf, len, "%s (task gone)",
			 kind == MACH_NL_KOBJECT_TASK ? "task-port" :
			 "resume-port");
	else if (tb[MACH_NL_A_RECEIVER_PID])
		snprintf(buf, len, "receiver %u",
			 u32_of(tb, MACH_NL_A_RECEIVER_PID));
	else
		snprintf(buf, len, "in-transit");
}

static void event_line(int cmd, struct nlattr **tb, char *buf, size_t len)
{
	char sbuf[64], abuf[64], where[64];
	const char *subj, *by;

	subj = who(tb, MACH_NL_A_PID, MACH_NL_A_COMM, sbuf, sizeof(sbuf));
	by = who(tb, MACH_NL_A_ACTOR_PID, MACH_NL_A_ACTOR_COMM, abuf,
		 sizeof(abuf));
	holder(tb, where, sizeof(where));
	switch (cmd) {
	case MACH_NL_CMD_EV_SUSPENDED:
	case MACH_NL_CMD_EV_RESUMED:
		snprintf(buf, len, "%-15s pid %s by %s holds %u legacy %u",
			 cmd == MACH_NL_CMD_EV_SUSPENDED ? "suspended" :
			 "resumed", subj, by,
			 u32_of(tb, MACH_NL_A_TASK_USER_STOP),
			 u32_of(tb, MACH_NL_A_TASK_LEGACY_STOP));
		break;
	case MACH_NL_CMD_EV_TASK_DIED:
		snprintf(buf, len, "%-15s pid %s task-port %" PRIu64 " by %s",
			 "task-died", subj, u64_of(tb, MACH_NL_A_PORT_ID), by);
		break;
	case MACH_NL_CMD_EV_PORT_DESTROYED:
		snprintf(buf, len, "%-15s port %" PRIu64 " %s by %s",
			 "port-destroyed", u64_of(tb, MACH_NL_A_PORT_ID), where,
			 by);
		break;
	case MACH_NL_CMD_EV_NOTIFY:
		snprintf(buf, len, "%-15s %s (%u) to port %" PRIu64 " %s by %s",
			 "notification",
			 notify_name(u32_of(tb, MACH_NL_A_NOTIFY_ID)),
			 u32_of(tb, MACH_NL_A_NOTIFY_ID),
			 u64_of(tb, MACH_NL_A_PORT_ID), where, by);
		break;
	case MACH_NL_CMD_EV_GUARD:
		snprintf(buf, len, "%-15s pid %s name 0x%x code %u", "guard",
			 subj, u32_of(tb, MACH_NL_A_NAME),
			 u32_of(tb, MACH_NL_A_GUARD_CODE));
		break;
	default:
		snprintf(buf, len, "%-15s command %d", "unknown", cmd);
	}
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *gnlh = nlmsg_data(nlh);
	struct nlattr *tb[MACH_NL_A_MAX + 1];
	uint64_t ns;
	char line[256], stamp[32];
	struct tm tm;
	time_t secs;

	if (genlmsg_parse(nlh, 0, tb, MACH_NL_A_MAX, policy))
		return NL_SKIP;
	ns = u64_of(tb, MACH_NL_A_TIMESTAMP);
	secs = ns / 1000000000u;
	localtime_r(&secs, &tm);
	strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm);
	event_line(gnlh->cmd, tb, line, sizeof(line));
	printf("%s.%06u %s\n", stamp, (unsigned int)(ns % 1000000000u / 1000),
	       line);
	return NL_OK;
}

/* MACH_NL_CMD_SUBSCRIBE: events unicast to this socket until it closes */
static int subscribe(struct mach_nl *nl)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -NLE_NOMEM;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, 0,
			 MACH_NL_CMD_SUBSCRIBE, MACH_NL_FAMILY_VERSION)) {
		nlmsg_free(msg);
		return -NLE_NOMEM;
	}
	err = nl_send_sync(nl->sk, msg);	/* frees msg, waits for the ack */
	return err;
}

static int watch(struct mach_nl *nl)
{
	int grp, err;

	grp = genl_ctrl_resolve_grp(nl->sk, MACH_NL_FAMILY_NAME,
				    MACH_NL_MCGRP_EVENTS);
	if (grp < 0) {
		fprintf(stderr, "machstat: no \"%s\" group: %s\n",
			MACH_NL_MCGRP_EVENTS, nl_geterror(grp));
		return 1;
	}
	err = nl_socket_add_membership(nl->sk, grp);
	if (err == -NLE_PERM) {
		/* without CAP_SYS_ADMIN: our own processes' events, unicast */
		err = subscribe(nl);
		if (err < 0) {
			fprintf(stderr, "machstat: subscribing to events: %s\n",
				nl_geterror(err));
			return 1;
		}
		printf("# watching the events of your own processes\n");
	} else if (err < 0) {
		fprintf(stderr, "machstat: joining the events group: %s\n",
			nl_geterror(err));
		return 1;
	} else {
		printf("# watching group \"%s\" of family \"%s\"\n",
		       MACH_NL_MCGRP_EVENTS, MACH_NL_FAMILY_NAME);
	}
	/* a burst (a large space torn down) should not overrun us */
	nl_socket_set_buffer_size(nl->sk, 4 << 20, 0);
	nl_socket_disable_seq_check(nl->sk);
	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, NULL);
	for (;;) {
		err = nl_recvmsgs_default(nl->sk);
		if (err == -NLE_NOMEM) {
			/* ENOBUFS: the socket overran; say so and go on */
			printf("# events lost: receive buffer overrun\n");
			continue;
		}
		if (err < 0 && err != -NLE_INTR && err != -NLE_AGAIN) {
			fprintf(stderr, "machstat: %s\n", nl_geterror(err));
			return 1;
		}
	}
}

int main(int argc, char **argv)
{
	struct mach_nl nl;
	bool follow = false;
	int c, rc;

	while ((c = getopt(argc, argv, "wh")) != -1) {
		switch (c) {
		case 'w':
			follow = true;
			break;
		case 'h':
			printf("usage: machstat [-w]\n");
			return 0;
		default:
			fprintf(stderr, "usage: machstat [-w]\n");
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "usage: machstat [-w]\n");
		return 2;
	}
	if (mach_nl_open(&nl))
		return 1;
	/* one line per event, even into a pipe */
	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = follow ? watch(&nl) : show_stats(&nl);
	nl_socket_free(nl.sk);
	return rc;
}
