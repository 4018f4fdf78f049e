// SPDX-License-Identifier: GPL-2.0
/*
 * lsmp: list Mach port rights, like macOS lsmp(1), from the generic netlink
 * family "mach" (Documentation/introspection.rst).
 *
 *   lsmp            one line per Mach task the caller may inspect
 *   lsmp -p PID     every name in PID's IPC space: its rights, user
 *                   references, port id, and for send rights the process
 *                   holding the receive right
 *   lsmp -a         the same for every Mach task the caller may inspect
 *
 * Built with libnl-genl-3: genl_connect, genl_ctrl_resolve, dump callbacks.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>
#include <linux/mach_netlink.h>

/* MACH_PORT_TYPE_* (mach/port.h), kept here so lsmp needs no libmach */
#define TYPE(r)		(1u << ((r) + 16))
#define T_SEND		TYPE(0)
#define T_RECEIVE	TYPE(1)
#define T_SEND_ONCE	TYPE(2)
#define T_PORT_SET	TYPE(3)
#define T_DEAD_NAME	TYPE(4)
#define T_DNREQUEST	0x80000000u

struct mach_nl {
	struct nl_sock *sk;
	int family;
	int error;		/* errno of the last failed request */
	char msg[256];		/* its extended-ack message, if any */
};

struct space_state {
	unsigned int names;
};

static struct nla_policy policy[MACH_NL_A_MAX + 1] = {
	[MACH_NL_A_PID]		= { .type = NLA_U32 },
	[MACH_NL_A_COMM]	= { .type = NLA_STRING },
	[MACH_NL_A_NAME]	= { .type = NLA_U32 },
	[MACH_NL_A_TYPE]	= { .type = NLA_U32 },
	[MACH_NL_A_UREFS]	= { .type = NLA_U32 },
	[MACH_NL_A_PORT_ID]	= { .type = NLA_U64 },
	[MACH_NL_A_PORT_STATE]	= { .type = NLA_U8 },
	[MACH_NL_A_RECEIVER_PID] = { .type = NLA_U32 },
	[MACH_NL_A_KOBJECT]	= { .type = NLA_U8 },
	[MACH_NL_A_KOBJECT_PID]	= { .type = NLA_U32 },
	[MACH_NL_A_PSET_MEMBERS] = { .type = NLA_NESTED },
	[MACH_NL_A_TASK_BYTES]	= { .type = NLA_U64 },
	[MACH_NL_A_MSGBYTES]	= { .type = NLA_U64 },
};

/* 0 when absent */
static uint32_t u32_of(struct nlattr **tb, int type)
{
	return tb[type] ? nla_get_u32(tb[type]) : 0;
}

/* The extended-ack message in the NLMSGERR_ATTR_* attributes at @tlvs. */
static void ack_message(struct mach_nl *nl, struct nlmsghdr *hdr, void *tlvs)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	int len = (char *)hdr + hdr->nlmsg_len - (char *)tlvs;

	nl->msg[0] = '\0';
	if ((hdr->nlmsg_flags & NLM_F_ACK_TLVS) && len > 0 &&
	    !nla_parse(tb, NLMSGERR_ATTR_MAX, tlvs, len, NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(nl->msg, sizeof(nl->msg), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
}

/*
 * A request refused (NLMSG_ERROR): the error, the request's header
 * (NETLINK_CAP_ACK: only the header) and the NLMSGERR_ATTR_* attributes,
 * as netlink(7) lays them out.
 */
static int on_error(struct sockaddr_nl *who, struct nlmsgerr *err, void *arg)
{
	struct nlmsghdr *hdr = (struct nlmsghdr *)((char *)err - NLMSG_HDRLEN);
	struct mach_nl *nl = arg;

	nl->error = -err->error;
	ack_message(nl, hdr, (char *)&err->msg +
		    ((hdr->nlmsg_flags & NLM_F_CAPPED) ? sizeof(err->msg) :
		     NLMSG_ALIGN(err->msg.nlmsg_len)));
	return NL_STOP;
}

/*
 * The end of a dump (NLMSG_DONE): an int, the dump's error (0 or a
 * negative errno), then the NLMSGERR_ATTR_* attributes.  mach.ko checks a
 * dump's pid in the dump's first step, so its refusals come this way.
 */
static int on_done(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *hdr = nlmsg_hdr(msg);
	struct mach_nl *nl = arg;
	int err;

	if (nlmsg_datalen(hdr) < (int)sizeof(err))
		return NL_STOP;
	memcpy(&err, nlmsg_data(hdr), sizeof(err));
	if (err < 0) {
		nl->error = -err;
		ack_message(nl, hdr, (char *)nlmsg_data(hdr) + NLA_ALIGN(sizeof(err)));
	}
	return NL_STOP;
}

static int mach_nl_open(struct mach_nl *nl)
{
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->sk = nl_socket_alloc();
	if (!nl->sk || genl_connect(nl->sk)) {
		fprintf(stderr, "lsmp: cannot open a generic netlink socket\n");
		return -1;
	}
	nl->family = genl_ctrl_resolve(nl->sk, MACH_NL_FAMILY_NAME);
	if (nl->family < 0) {
		fprintf(stderr, "lsmp: no generic netlink family \"%s\": is mach.ko loaded?\n",
			MACH_NL_FAMILY_NAME);
		return -1;
	}
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	nl_socket_disable_auto_ack(nl->sk);
	nl_socket_modify_err_cb(nl->sk, NL_CB_CUSTOM, on_error, nl);
	nl_socket_modify_cb(nl->sk, NL_CB_FINISH, NL_CB_CUSTOM, on_done, nl);
	return 0;
}

/* Dump @cmd (for *@pid if @pid), calling @fn on each message. */
static int mach_nl_dump(struct mach_nl *nl, int cmd, const uint32_t *pid,
			nl_recvmsg_msg_cb_t fn, void *arg)
{
	struct nl_msg *msg = nlmsg_alloc();
	int err;

	if (!msg)
		return -ENOMEM;
	nl->error = 0;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_DUMP, cmd, MACH_NL_FAMILY_VERSION) ||
	    (pid && nla_put_u32(msg, MACH_NL_A_PID, *pid))) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_CUSTOM, fn, arg);
	err = nl_send_auto(nl->sk, msg);
	nlmsg_free(msg);
	if (err < 0)
		return -EIO;
	err = nl_recvmsgs_default(nl->sk);
	if (nl->error)
		return -nl->error;
	return err < 0 ? -EIO : 0;
}

static void report(struct mach_nl *nl, uint32_t pid, int err)
{
	fprintf(stderr, "lsmp: pid %u: %s%s%s%s\n", pid, strerror(-err),
		nl->msg[0] ? " (" : "", nl->msg, nl->msg[0] ? ")" : "");
}

static int parse(struct nl_msg *msg, struct nlattr **tb)
{
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, MACH_NL_A_MAX, policy);
}

/* ---- lsmp: one line per task ---- */

static int on_task_line(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MACH_NL_A_MAX + 1];
	char holds[32] = "-";

	if (parse(msg, tb) || !tb[MACH_NL_A_PID])
		return NL_SKIP;
	if (u32_of(tb, MACH_NL_A_TASK_USER_STOP))
		snprintf(holds, sizeof(holds), "%u (legacy %u)",
			 u32_of(tb, MACH_NL_A_TASK_USER_STOP),
			 u32_of(tb, MACH_NL_A_TASK_LEGACY_STOP));
	printf("%7u  %-16s %6u %5u %5u %5u %5u %5u %6u %8" PRIu64 "  %s%s\n",
	       u32_of(tb, MACH_NL_A_PID),
	       tb[MACH_NL_A_COMM] ? nla_get_string(tb[MACH_NL_A_COMM]) : "?",
	       u32_of(tb, MACH_NL_A_TASK_NAMES), u32_of(tb, MACH_NL_A_TASK_SEND),
	       u32_of(tb, MACH_NL_A_TASK_RECEIVE),
	       u32_of(tb, MACH_NL_A_TASK_SEND_ONCE),
	       u32_of(tb, MACH_NL_A_TASK_PORT_SET),
	       u32_of(tb, MACH_NL_A_TASK_DEAD_NAME),
	       u32_of(tb, MACH_NL_A_TASK_MSGS),
	       tb[MACH_NL_A_TASK_BYTES] ?
	       nla_get_u64(tb[MACH_NL_A_TASK_BYTES]) : 0,
	       holds, u32_of(tb, MACH_NL_A_TASK_JOB_STOPPED) ? " stopped" : "");
	return NL_OK;
}

static int list_tasks(struct mach_nl *nl)
{
	int err;

	printf("%7s  %-16s %6s %5s %5s %5s %5s %5s %6s %8s  %s\n", "PID",
	       "COMMAND", "NAMES", "SEND", "RECV", "SONCE", "PSET", "DEAD",
	       "MSGS", "BYTES", "HOLDS");
	err = mach_nl_dump(nl, MACH_NL_CMD_GET_TASKS, NULL, on_task_line,
			   NULL);
	if (err)
		report(nl, 0, err);
	return err ? 1 : 0;
}

/* ---- lsmp -p: one task's space ---- */

static int on_task_header(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MACH_NL_A_MAX + 1];

	if (parse(msg, tb) || !tb[MACH_NL_A_PID])
		return NL_SKIP;
	printf("Process (%u) : %s\n", u32_of(tb, MACH_NL_A_PID),
	       tb[MACH_NL_A_COMM] ? nla_get_string(tb[MACH_NL_A_COMM]) : "?");
	printf("  holds %u (legacy %u)%s, %u names, %u messages (%" PRIu64
	       " bytes) queued\n",
	       u32_of(tb, MACH_NL_A_TASK_USER_STOP),
	       u32_of(tb, MACH_NL_A_TASK_LEGACY_STOP),
	       u32_of(tb, MACH_NL_A_TASK_JOB_STOPPED) ? ", job-stopped" : "",
	       u32_of(tb, MACH_NL_A_TASK_NAMES), u32_of(tb, MACH_NL_A_TASK_MSGS),
	       tb[MACH_NL_A_TASK_BYTES] ?
	       nla_get_u64(tb[MACH_NL_A_TASK_BYTES]) : 0);
	printf("  %-10s  %8s  %-16s %5s  %s\n", "name", "port-id", "rights",
	       "urefs", "peer / details");
	return NL_OK;
}

static void rights_str(uint32_t type, char *buf, size_t len)
{
	static const struct { uint32_t bit; const char *name; } names[] = {
		{ T_RECEIVE, "recv" }, { T_SEND, "send" },
		{ T_SEND_ONCE, "send-once" }, { T_PORT_SET, "port-set" },
		{ T_DEAD_NAME, "dead-name" },
	};
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (type & names[i].bit)
			n += snprintf(buf + n, n < len ? len - n : 0, "%s%s",
				      n ? "," : "", names[i].name);
	if (!n)
		snprintf(buf, len, "0x%x", type);
}

/* "(pid) comm" of a process, from /proc if it can be read there. */
static void process_str(uint32_t pid, char *buf, size_t len)
{
	char path[64], comm[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%u/comm", pid);
	f = fopen(path, "r");
	if (f) {
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = '\0';
		fclose(f);
	}
	snprintf(buf, len, "(%u) %s", pid, comm);
}

/* For a send or send-once right: who holds the receive right. */
static void peer_str(struct nlattr **tb, char *buf, size_t len)
{
	char who[64];

	switch (tb[MACH_NL_A_PORT_STATE] ?
		nla_get_u8(tb[MACH_NL_A_PORT_STATE]) : 0xff) {
	case MACH_NL_PORT_IN_SPACE:
		process_str(u32_of(tb, MACH_NL_A_RECEIVER_PID), buf, len);
		break;
	case MACH_NL_PORT_IN_TRANSIT:
		snprintf(buf, len, "in-transit");
		break;
	case MACH_NL_PORT_KERNEL:
		process_str(u32_of(tb, MACH_NL_A_KOBJECT_PID), who, sizeof(who));
		snprintf(buf, len, "%s %s",
			 u32_of(tb, MACH_NL_A_KOBJECT) == MACH_NL_KOBJECT_TASK ?
			 "task-port" : u32_of(tb, MACH_NL_A_KOBJECT) ==
			 MACH_NL_KOBJECT_RESUME ? "resume-port" : "kobject",
			 tb[MACH_NL_A_KOBJECT_PID] ? who : "");
		break;
	case MACH_NL_PORT_DEAD:
		snprintf(buf, len, "dead-port");
		break;
	default:
		snprintf(buf, len, "-");
	}
}

static void receive_str(struct nlattr **tb, char *buf, size_t len)
{
	uint32_t req = u32_of(tb, MACH_NL_A_REQUESTS);
	int n;

	n = snprintf(buf, len, "qlimit %u msgs %u bytes %" PRIu64
		     " seqno %u mscount %u srights %u sorights %u",
		     u32_of(tb, MACH_NL_A_QLIMIT), u32_of(tb, MACH_NL_A_MSGCOUNT),
		     tb[MACH_NL_A_MSGBYTES] ?
		     nla_get_u64(tb[MACH_NL_A_MSGBYTES]) : 0,
		     u32_of(tb, MACH_NL_A_SEQNO), u32_of(tb, MACH_NL_A_MSCOUNT),
		     u32_of(tb, MACH_NL_A_SRIGHTS),
		     u32_of(tb, MACH_NL_A_SORIGHTS));
	if (n > 0 && (size_t)n < len && (req || u32_of(tb, MACH_NL_A_DNREQUESTS)))
		n += snprintf(buf + n, len - n, " reqs%s%s dn:%u",
			      req & MACH_NL_REQ_NO_SENDERS ? " no-senders" : "",
			      req & MACH_NL_REQ_PORT_DESTROYED ?
			      " port-destroyed" : "",
			      u32_of(tb, MACH_NL_A_DNREQUESTS));
	if (n > 0 && (size_t)n < len && u32_of(tb, MACH_NL_A_PSET_COUNT))
		snprintf(buf + n, len - n, " in %u set(s)",
			 u32_of(tb, MACH_NL_A_PSET_COUNT));
}

static void members_str(struct nlattr **tb, char *buf, size_t len)
{
	uint32_t total = u32_of(tb, MACH_NL_A_PSET_NMEMBERS), listed = 0;
	struct nlattr *a;
	size_t n;
	int rem;

	n = snprintf(buf, len, "members %u", total);
	if (tb[MACH_NL_A_PSET_MEMBERS]) {
		nla_for_each_nested(a, tb[MACH_NL_A_PSET_MEMBERS], rem) {
			if (nla_type(a) != MACH_NL_A_NAME || n >= len)
				continue;
			n += snprintf(buf + n, len - n, "%s0x%x",
				      listed ? "," : ": ", nla_get_u32(a));
			listed++;
		}
	}
	if (listed < total && n < len)
		snprintf(buf + n, len - n, "%s...", listed ? "," : ": ");
}

static int on_entry(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MACH_NL_A_MAX + 1];
	struct space_state *st = arg;
	char rights[64], id[24] = "-", more[4096] = "", urefs[16] = "-";
	uint32_t type;

	if (parse(msg, tb) || !tb[MACH_NL_A_NAME])
		return NL_SKIP;
	type = u32_of(tb, MACH_NL_A_TYPE);
	rights_str(type & ~T_DNREQUEST, rights, sizeof(rights));
	if (tb[MACH_NL_A_PORT_ID])
		snprintf(id, sizeof(id), "%" PRIu64,
			 nla_get_u64(tb[MACH_NL_A_PORT_ID]));
	if (type & (T_SEND | T_SEND_ONCE | T_DEAD_NAME))
		snprintf(urefs, sizeof(urefs), "%u", u32_of(tb, MACH_NL_A_UREFS));
	if (type & T_RECEIVE)
		receive_str(tb, more, sizeof(more));
	else if (type & (T_SEND | T_SEND_ONCE))
		peer_str(tb, more, sizeof(more));
	else if (type & T_PORT_SET)
		members_str(tb, more, sizeof(more));
	printf("  0x%08x  %8s  %-16s %5s  %s%s\n", u32_of(tb, MACH_NL_A_NAME),
	       id, rights, urefs, more[0] ? more : "-",
	       type & T_DNREQUEST ? " [dead-name request]" : "");
	st->names++;
	return NL_OK;
}

static int show_space(struct mach_nl *nl, uint32_t pid)
{
	struct space_state st = { 0 };
	int err;

	err = mach_nl_dump(nl, MACH_NL_CMD_GET_TASKS, &pid, on_task_header,
			   NULL);
	if (!err)
		err = mach_nl_dump(nl, MACH_NL_CMD_GET_SPACE, &pid, on_entry,
				   &st);
	if (err)
		return err;
	printf("  total: %u names\n\n", st.names);
	return 0;
}

/* ---- lsmp -a ---- */

struct pid_list {
	uint32_t *pids;
	size_t n, cap;
};

static int on_pid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[MACH_NL_A_MAX + 1];
	struct pid_list *l = arg;
	uint32_t *p;

	if (parse(msg, tb) || !tb[MACH_NL_A_PID])
		return NL_SKIP;
	if (l->n == l->cap) {
		p = realloc(l->pids, (l->cap * 2 + 16) * sizeof(*p));
		if (!p)
			return NL_STOP;
		l->pids = p;
		l->cap = l->cap * 2 + 16;
	}
	l->pids[l->n++] = u32_of(tb, MACH_NL_A_PID);
	return NL_OK;
}

static int show_all(struct mach_nl *nl)
{
	struct pid_list l = { 0 };
	int err, rc = 0;
	size_t i;

	err = mach_nl_dump(nl, MACH_NL_CMD_GET_TASKS, NULL, on_pid, &l);
	if (err) {
		report(nl, 0, err);
		return 1;
	}
	for (i = 0; i < l.n; i++) {
		err = show_space(nl, l.pids[i]);
		/* a task that went away in between is no error */
		if (err && err != -ESRCH && err != -ENOENT) {
			report(nl, l.pids[i], err);
			rc = 1;
		}
	}
	free(l.pids);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: lsmp [-p PID | -a]\n"
		"  (none)  one line per Mach task you may inspect\n"
		"  -p PID  the rights in PID's IPC space, with the holder of\n"
		"          each send right's receive right\n"
		"  -a      the same for every Mach task you may inspect\n");
}

int main(int argc, char **argv)
{
	struct mach_nl nl;
	long pid = -1;
	bool all = false;
	char *end;
	int c, err;

	while ((c = getopt(argc, argv, "ap:h")) != -1) {
		switch (c) {
		case 'a':
			all = true;
			break;
		case 'p':
			/* range checks are the kernel's: it names what is wrong */
			pid = strtol(optarg, &end, 0);
			if (*end || end == optarg || pid < 0 || pid > UINT32_MAX) {
				fprintf(stderr, "lsmp: -p wants a pid\n");
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc || (all && pid >= 0)) {
		usage(stderr);
		return 2;
	}
	if (mach_nl_open(&nl))
		return 1;
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (all)
		err = show_all(&nl);
	else if (pid >= 0) {
		err = show_space(&nl, pid);
		if (err)
			report(&nl, pid, err);
	} else {
		err = list_tasks(&nl);
	}
	fflush(stdout);
	nl_socket_free(nl.sk);
	return err ? 1 : 0;
}
