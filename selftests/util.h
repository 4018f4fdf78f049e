/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the selftests.  Include this instead of harness.h (it pulls
 * the harness in first; harness.h sets _GNU_SOURCE).
 *
 *  - util_type()/util_refs()/util_status(): what a name denotes, for
 *    assertions (UTIL_ERR when the call itself failed, kr logged).
 *  - util_port()/util_port_send()/util_pset(): fresh rights.
 *  - util_send()/util_recv(): header-only messages, with timeouts.
 *  - util_snap_take()/util_snap_same(): type + urefs of one name, to show
 *    that a failed call changed nothing.
 *  - util_run_child()/ASSERT_CHILD_KILLED(): a fatal guard violation runs
 *    in a forked child, which must die by SIGKILL.
 *  - util_names_total(): how many names the space holds.
 *  - util_now_ns(): monotonic time.
 */
#ifndef MACH_SELFTEST_UTIL_H
#define MACH_SELFTEST_UTIL_H

#include "harness.h"

#include <time.h>
#include <mach/mach.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/message.h>
#include <mach/port.h>

/* Returned by the readers below when the Mach call itself failed. */
#define UTIL_ERR 0xffffffffu

/* A caller-chosen name: index @i, low two bits 0b11 (§2.1). */
#define UTIL_NAME(i) ((mach_port_name_t)(((i) << 8) | 0x03))

static inline mach_port_type_t util_type(mach_port_name_t name)
{
	mach_port_type_t type = 0;
	kern_return_t kr = mach_port_type(mach_task_self(), name, &type);

	if (kr != KERN_SUCCESS) {
		printf("# mach_port_type(0x%x): kr %d\n", name, kr);
		return UTIL_ERR;
	}
	return type;
}

/* User references @name holds for @right (0 if it does not hold it). */
static inline mach_port_urefs_t util_refs(mach_port_name_t name,
					  mach_port_right_t right)
{
	mach_port_urefs_t refs = 0;
	kern_return_t kr = mach_port_get_refs(mach_task_self(), name, right,
					      &refs);

	if (kr != KERN_SUCCESS) {
		printf("# mach_port_get_refs(0x%x, %u): kr %d\n", name, right,
		       kr);
		return UTIL_ERR;
	}
	return refs;
}

static inline kern_return_t util_status(mach_port_name_t name,
					mach_port_status_t *st)
{
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;

	memset(st, 0xa5, sizeof(*st));
	return mach_port_get_attributes(mach_task_self(), name,
					MACH_PORT_RECEIVE_STATUS,
					(mach_port_info_t)st, &cnt);
}

/* A new receive right, or MACH_PORT_NULL. */
static inline mach_port_name_t util_port(void)
{
	mach_port_name_t name = MACH_PORT_NULL;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
			       &name) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/* A new receive right with a send right (1 uref) under the same name. */
static inline mach_port_name_t util_port_send(void)
{
	mach_port_name_t name = util_port();

	if (name != MACH_PORT_NULL &&
	    mach_port_insert_right(mach_task_self(), name, name,
				   MACH_MSG_TYPE_MAKE_SEND) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/* A new port set, or MACH_PORT_NULL. */
static inline mach_port_name_t util_pset(void)
{
	mach_port_name_t name = MACH_PORT_NULL;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_PORT_SET,
			       &name) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/* Sends a header-only message with id @id to @dest using disposition
 * @disp; a full queue makes it time out after 1 s rather than block. */
static inline mach_msg_return_t util_send(mach_port_name_t dest,
					  mach_msg_type_name_t disp,
					  mach_msg_id_t id)
{
	mach_msg_header_t h;

	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(disp, 0);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = dest;
	h.msgh_id = id;
	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(h), 0,
			MACH_PORT_NULL, 1000, MACH_PORT_NULL);
}

typedef union {
	mach_msg_header_t hdr;
	uint64_t align;
	uint8_t buf[512];
} util_msg_t;

/* Receives one message on @rcv, waiting at most @ms milliseconds. */
static inline mach_msg_return_t util_recv(mach_port_name_t rcv, util_msg_t *m,
					  mach_msg_timeout_t ms)
{
	memset(m, 0, sizeof(*m));
	return mach_msg(&m->hdr, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			sizeof(*m), rcv, ms, MACH_PORT_NULL);
}

/* How many names the caller's space holds, or UTIL_ERR. */
static inline natural_t util_names_total(void)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t nn = 0, nt = 0;

	if (mach_port_names(mach_task_self(), &names, &nn, &types, &nt) !=
	    KERN_SUCCESS)
		return UTIL_ERR;
	vm_deallocate(mach_task_self(), (vm_address_t)names,
		      nn * sizeof(*names));
	vm_deallocate(mach_task_self(), (vm_address_t)types,
		      nt * sizeof(*types));
	return nn;
}

/* What one name denotes: the type (or the kr of mach_port_type) and the
 * urefs of every right. */
struct util_snap {
	kern_return_t kr;
	mach_port_type_t type;
	mach_port_urefs_t refs[MACH_PORT_RIGHT_DEAD_NAME + 1];
};

static inline void util_snap_take(mach_port_name_t name, struct util_snap *s)
{
	mach_port_right_t r;

	memset(s, 0, sizeof(*s));
	s->kr = mach_port_type(mach_task_self(), name, &s->type);
	for (r = 0; r <= MACH_PORT_RIGHT_DEAD_NAME; r++)
		mach_port_get_refs(mach_task_self(), name, r, &s->refs[r]);
}

/* 1 if @name still denotes what @before recorded; logs the change. */
static inline int util_snap_same(mach_port_name_t name,
				 const struct util_snap *before)
{
	struct util_snap now;

	util_snap_take(name, &now);
	if (!memcmp(&now, before, sizeof(now)))
		return 1;
	printf("# 0x%x changed: kr %d type 0x%x refs %u/%u/%u/%u/%u -> "
	       "kr %d type 0x%x refs %u/%u/%u/%u/%u\n", name,
	       before->kr, before->type, before->refs[0], before->refs[1],
	       before->refs[2], before->refs[3], before->refs[4],
	       now.kr, now.type, now.refs[0], now.refs[1], now.refs[2],
	       now.refs[3], now.refs[4]);
	return 0;
}

/* Exit status of a child that could not set the scene / whose violating
 * call returned instead of killing it. */
#define UTIL_VIOLATION_SETUP	2
#define UTIL_VIOLATION_SURVIVED	3

/* Runs @fn in a forked child (30 s alarm) and returns its wait status,
 * or -1 if fork failed. */
static inline int util_run_child(int (*fn)(void), int secs)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		alarm(secs);
		_exit(fn());
	}
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* Asserts that a child running @fn dies by SIGKILL (§2.10). */
#define ASSERT_CHILD_KILLED(fn) do {					\
	int __st = util_run_child((fn), 30);				\
	ASSERT_NE(-1, __st);						\
	if (WIFEXITED(__st))						\
		TH_LOG("child exited %d (%s), expected SIGKILL",	\
		       WEXITSTATUS(__st),				\
		       WEXITSTATUS(__st) == UTIL_VIOLATION_SURVIVED ?	\
		       "the violating call returned" :			\
		       WEXITSTATUS(__st) == UTIL_VIOLATION_SETUP ?	\
		       "setup failed" : "?");				\
	else if (WIFSIGNALED(__st) && WTERMSIG(__st) != SIGKILL)	\
		TH_LOG("child killed by signal %d", WTERMSIG(__st));	\
	ASSERT_TRUE(WIFSIGNALED(__st));					\
	ASSERT_EQ(SIGKILL, WTERMSIG(__st));				\
} while (0)

static inline uint64_t util_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

#endif /* MACH_SELFTEST_UTIL_H */
