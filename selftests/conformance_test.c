// SPDX-License-Identifier: GPL-2.0
/*
 * XNU conformance, kernel side (issue 14): each test asserts one behaviour
 * with XNU's numbers, and names the XNU function it follows (xnu-11417,
 * osfmk/).  Apple's own tests of the same calls (tests/mach_port_insert_right.c,
 * tests/task_is_self.c, tests/ipc/ipc_read_inspect.c, tests/ipc/port_peek.c)
 * are what these mirror.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <mach/mach.h>
#include <mach/mach_time.h>
#include <mach/mach_traps.h>
#include "harness.h"
#include "util.h"

#define SELF mach_task_self()

/* ---- mach_port_insert_right: the name is checked first ---- */

/*
 * mach_port_insert_right -> ipc_object_copyout_name -> ipc_entry_alloc_name:
 * 123 (0x7b) has valid generation bits but index 0: KERN_FAILURE; 122 has
 * bad generation bits: KERN_INVALID_VALUE.  Both although the port is
 * already named in the space (the KERN_RIGHT_EXISTS check comes after).
 */
TEST(insert_right_small_names)
{
	mach_port_name_t p = util_port();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
						       MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, util_type(p));
	EXPECT_EQ(KERN_FAILURE, mach_port_insert_right(SELF, 123, p,
						       MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_insert_right(SELF, 122, p,
							     MACH_MSG_TYPE_MAKE_SEND));
	/* nothing was taken: still one send right under p */
	EXPECT_EQ(1, util_refs(p, MACH_PORT_RIGHT_SEND));
}

/*
 * ipc_object_copyout_name: a name in use for another port, with the new
 * port already named elsewhere: the entry is found (same name), then the
 * reverse lookup gives KERN_RIGHT_EXISTS (tests/mach_port_insert_right.c).
 */
TEST(insert_right_exists_after_name)
{
	mach_port_name_t p = util_port(), q = util_port();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, q);
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_right(SELF, p, p,
						       MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(KERN_RIGHT_EXISTS, mach_port_insert_right(SELF, p, q,
							    MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_SEND_RECEIVE, util_type(p));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(q));
}

/*
 * ipc_entry_alloc_name, case 4: the index is in use under another
 * generation: KERN_FAILURE, even for a port named elsewhere.
 */
TEST(insert_right_index_other_generation)
{
	mach_port_name_t p = util_port(), q = util_port();
	mach_port_name_t other;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, q);
	other = (p & ~0xffu) | (uint8_t)((p & 0xff) + 4);
	EXPECT_EQ(KERN_FAILURE, mach_port_insert_right(SELF, other, q,
						       MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE, util_type(q));
}

/* ---- vouchers in the header (ipc_kmsg_copyin_header) ---- */

static mach_msg_return_t send_voucher(mach_port_name_t dest,
				      mach_msg_type_name_t rdisp,
				      mach_port_name_t reply,
				      mach_msg_type_name_t ldisp,
				      mach_port_name_t voucher,
				      mach_msg_type_name_t vdisp)
{
	mach_msg_header_t h;

	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS_SET(rdisp, ldisp, vdisp, 0);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = dest;
	h.msgh_local_port = reply;
	h.msgh_voucher_port = voucher;
	h.msgh_id = 0x1400;
	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(h), 0,
			MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

/*
 * ipc_kmsg_copyin_header_validate: MOVE_SEND or COPY_SEND with a null
 * voucher name is accepted; no voucher reaches the receiver
 * (ipc_kmsg_copyout_header clears the voucher bits and name).
 */
TEST(voucher_null_name_accepted)
{
	static const mach_msg_type_name_t disp[] = {
		MACH_MSG_TYPE_MOVE_SEND, MACH_MSG_TYPE_COPY_SEND,
	};
	mach_port_name_t p = util_port_send();
	util_msg_t m;
	unsigned int i;

	ASSERT_NE(MACH_PORT_NULL, p);
	for (i = 0; i < 2; i++) {
		EXPECT_EQ(MACH_MSG_SUCCESS,
			  send_voucher(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 0, 0,
				       MACH_PORT_NULL, disp[i]));
		ASSERT_EQ(MACH_MSG_SUCCESS, util_recv(p, &m, 1000));
		EXPECT_EQ(0u, MACH_MSGH_BITS_VOUCHER(m.hdr.msgh_bits));
		EXPECT_EQ(MACH_PORT_NULL, m.hdr.msgh_voucher_port);
		EXPECT_EQ(0x1400, m.hdr.msgh_id);
		mach_msg_destroy(&m.hdr);
	}
}

/* ipc_kmsg_copyin_header_validate: MACH_PORT_DEAD is refused. */
TEST(voucher_dead_name_invalid)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(MACH_SEND_INVALID_VOUCHER,
		  send_voucher(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 0, 0,
			       MACH_PORT_DEAD, MACH_MSG_TYPE_MOVE_SEND));
	EXPECT_EQ(MACH_SEND_INVALID_VOUCHER,
		  send_voucher(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 0, 0,
			       MACH_PORT_DEAD, MACH_MSG_TYPE_COPY_SEND));
}

/*
 * ipc_kmsg_copyin_header_rights: a name that is not a send right to a
 * voucher (here an ordinary send right) is MACH_SEND_INVALID_VOUCHER and
 * nothing is copied in: the right keeps its one reference.
 */
TEST(voucher_non_voucher_name_invalid)
{
	mach_port_name_t p = util_port_send(), v = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, v);
	EXPECT_EQ(MACH_SEND_INVALID_VOUCHER,
		  send_voucher(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 0, 0, v,
			       MACH_MSG_TYPE_MOVE_SEND));
	EXPECT_EQ(1, util_refs(v, MACH_PORT_RIGHT_SEND));
	EXPECT_EQ(MACH_SEND_INVALID_VOUCHER,
		  send_voucher(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 0, 0,
			       UTIL_NAME(0x7777), MACH_MSG_TYPE_COPY_SEND));
}

/* ipc_kmsg_copyin_header_validate: other dispositions are refused. */
TEST(voucher_bad_disposition_invalid)
{
	mach_port_name_t p = util_port_send();

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(MACH_SEND_INVALID_VOUCHER,
		  send_voucher(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 0, 0,
			       MACH_PORT_NULL, MACH_MSG_TYPE_MAKE_SEND));
	EXPECT_EQ(MACH_SEND_INVALID_VOUCHER,
		  send_voucher(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 0, 0,
			       MACH_PORT_NULL, MACH_MSG_TYPE_MOVE_SEND_ONCE));
}

/*
 * ipc_kmsg_copyin_header_validate: the voucher's name given as the reply
 * is MACH_SEND_INVALID_REPLY; as the destination with a send-once
 * disposition, MACH_SEND_INVALID_DEST (both before the voucher lookup).
 */
TEST(voucher_name_shared_with_reply_or_dest)
{
	mach_port_name_t p = util_port_send(), r = util_port();

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_NE(MACH_PORT_NULL, r);
	EXPECT_EQ(MACH_SEND_INVALID_REPLY,
		  send_voucher(p, MACH_MSG_TYPE_COPY_SEND, r,
			       MACH_MSG_TYPE_MAKE_SEND_ONCE, r,
			       MACH_MSG_TYPE_COPY_SEND));
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  send_voucher(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, 0, 0, p,
			       MACH_MSG_TYPE_COPY_SEND));
}

/* ---- task read, inspect and name ports (osfmk/kern/ipc_tt.c) ---- */

static mach_port_t special(mach_port_t task, int which, kern_return_t *kr)
{
	mach_port_t port = MACH_PORT_NULL;

	*kr = task_get_special_port(task, which, &port);
	return port;
}

/*
 * task_get_special_port_internal: the read, inspect and name ports are
 * each their own port, none of them the control port
 * (tests/task_is_self.c).
 */
TEST(task_flavor_ports_distinct)
{
	kern_return_t kr;
	mach_port_t rd = special(SELF, TASK_READ_PORT, &kr);

	ASSERT_EQ(KERN_SUCCESS, kr);
	mach_port_t in = special(SELF, TASK_INSPECT_PORT, &kr);
	ASSERT_EQ(KERN_SUCCESS, kr);
	mach_port_t nm = special(SELF, TASK_NAME_PORT, &kr);
	ASSERT_EQ(KERN_SUCCESS, kr);

	EXPECT_NE(MACH_PORT_NULL, rd);
	EXPECT_NE(MACH_PORT_NULL, in);
	EXPECT_NE(MACH_PORT_NULL, nm);
	EXPECT_NE(rd, in);
	EXPECT_NE(rd, SELF);
	EXPECT_NE(in, SELF);
	EXPECT_NE(nm, SELF);
	EXPECT_NE(nm, rd);
	EXPECT_NE(nm, in);
	/* one port per flavor: asking again gives the same name */
	EXPECT_EQ(rd, special(SELF, TASK_READ_PORT, &kr));
	EXPECT_EQ(in, special(SELF, TASK_INSPECT_PORT, &kr));
	EXPECT_EQ(nm, special(SELF, TASK_NAME_PORT, &kr));
}

/* mach_task_is_self: every flavor of the caller's port, not another port. */
TEST(mach_task_is_self_flavors)
{
	kern_return_t kr;
	mach_port_t p = util_port();

	EXPECT_EQ(1, mach_task_is_self(SELF));
	EXPECT_EQ(1, mach_task_is_self(special(SELF, TASK_READ_PORT, &kr)));
	EXPECT_EQ(1, mach_task_is_self(special(SELF, TASK_INSPECT_PORT, &kr)));
	EXPECT_EQ(1, mach_task_is_self(special(SELF, TASK_NAME_PORT, &kr)));
	EXPECT_NE(1, mach_task_is_self(p));
	EXPECT_NE(1, mach_task_is_self(MACH_PORT_NULL));
}

/*
 * special_port_allowed_with_task_flavor (task_get_special_port_from_user,
 * osfmk/kern/ipc_tt.c): a read port gets the read, inspect and name ports;
 * the control, bootstrap and host ports KERN_INVALID_CAPABILITY
 * (tests/ipc/ipc_read_inspect.c).
 */
TEST(task_read_port_gets_read_inspect_and_name_ports_only)
{
	kern_return_t kr;
	mach_port_t rd = special(SELF, TASK_READ_PORT, &kr);
	mach_port_t in = special(SELF, TASK_INSPECT_PORT, &kr);
	mach_port_t nm = special(SELF, TASK_NAME_PORT, &kr);

	ASSERT_NE(MACH_PORT_NULL, rd);
	EXPECT_EQ(MACH_PORT_NULL, special(rd, TASK_KERNEL_PORT, &kr));
	EXPECT_EQ(KERN_INVALID_CAPABILITY, kr);
	special(rd, TASK_BOOTSTRAP_PORT, &kr);
	EXPECT_EQ(KERN_INVALID_CAPABILITY, kr);
	special(rd, TASK_HOST_PORT, &kr);
	EXPECT_EQ(KERN_INVALID_CAPABILITY, kr);
	EXPECT_EQ(rd, special(rd, TASK_READ_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
	EXPECT_EQ(in, special(rd, TASK_INSPECT_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
	EXPECT_EQ(nm, special(rd, TASK_NAME_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
}

/*
 * special_port_allowed_with_task_flavor: an inspect port gets the inspect
 * and name ports; the control and read ports KERN_INVALID_CAPABILITY
 * (tests/ipc/ipc_read_inspect.c).
 */
TEST(task_inspect_port_gets_inspect_and_name_ports_only)
{
	kern_return_t kr;
	mach_port_t in = special(SELF, TASK_INSPECT_PORT, &kr);
	mach_port_t nm = special(SELF, TASK_NAME_PORT, &kr);

	ASSERT_NE(MACH_PORT_NULL, in);
	special(in, TASK_KERNEL_PORT, &kr);
	EXPECT_EQ(KERN_INVALID_CAPABILITY, kr);
	special(in, TASK_READ_PORT, &kr);
	EXPECT_EQ(KERN_INVALID_CAPABILITY, kr);
	EXPECT_EQ(in, special(in, TASK_INSPECT_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
	EXPECT_EQ(nm, special(in, TASK_NAME_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
}

/* task_get_special_port_from_user: a name port converts to no task,
 * KERN_INVALID_ARGUMENT, even for its own flavor. */
TEST(task_name_port_gets_no_special_port)
{
	kern_return_t kr;
	mach_port_t nm = special(SELF, TASK_NAME_PORT, &kr);

	ASSERT_NE(MACH_PORT_NULL, nm);
	special(nm, TASK_NAME_PORT, &kr);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, kr);
}

/*
 * task_read_for_pid, task_inspect_for_pid, task_name_for_pid on oneself
 * give the ports task_get_special_port gives (tests/ipc/ipc_read_inspect.c).
 */
TEST(task_flavor_for_pid_self)
{
	kern_return_t kr;
	mach_port_t t = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS, task_read_for_pid(SELF, getpid(), &t));
	EXPECT_EQ(special(SELF, TASK_READ_PORT, &kr), t);
	ASSERT_EQ(KERN_SUCCESS, task_inspect_for_pid(SELF, getpid(), &t));
	EXPECT_EQ(special(SELF, TASK_INSPECT_PORT, &kr), t);
	ASSERT_EQ(KERN_SUCCESS, task_name_for_pid(SELF, getpid(), &t));
	EXPECT_EQ(special(SELF, TASK_NAME_PORT, &kr), t);
	/* a bad pid: KERN_FAILURE and MACH_PORT_NULL, as task_for_pid */
	t = 1234;
	EXPECT_EQ(KERN_FAILURE, task_read_for_pid(SELF, -1, &t));
	EXPECT_EQ(MACH_PORT_NULL, t);
}

/* task_info takes a task_name_t: every flavor of port answers it. */
TEST(task_info_through_every_flavor)
{
	static const int which[] = {
		TASK_READ_PORT, TASK_INSPECT_PORT, TASK_NAME_PORT,
	};
	unsigned int i;
	kern_return_t kr;
	int pid = 0;

	for (i = 0; i < 3; i++) {
		mach_port_t t = special(SELF, which[i], &kr);
		struct task_basic_info_64 info;
		mach_msg_type_number_t cnt = TASK_BASIC_INFO_64_COUNT;

		ASSERT_EQ(KERN_SUCCESS, kr);
		EXPECT_EQ(KERN_SUCCESS, task_info(t, TASK_BASIC_INFO_64,
						  (task_info_t)&info, &cnt));
		EXPECT_LT(0, (long)info.virtual_size);
		EXPECT_EQ(KERN_SUCCESS, pid_for_task(t, &pid));
		EXPECT_EQ(getpid(), pid);
	}
}

/*
 * The routines that take a task_t (task_terminate, task_set_special_port)
 * get TASK_NULL from a read or inspect port in XNU's MIG conversion:
 * KERN_INVALID_ARGUMENT, and the task lives on.
 */
TEST(read_and_inspect_ports_cannot_control)
{
	kern_return_t kr;
	mach_port_t rd = special(SELF, TASK_READ_PORT, &kr);
	mach_port_t in = special(SELF, TASK_INSPECT_PORT, &kr);
	mach_port_t nm = special(SELF, TASK_NAME_PORT, &kr);
	mach_port_t p = util_port_send();

	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_terminate(rd));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_terminate(in));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_terminate(nm));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_set_special_port(rd, TASK_BOOTSTRAP_PORT, p));
	/* task_suspend takes a task_read_t: inspect and name cannot */
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_suspend(in));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_suspend(nm));
	/* mach_port_* calls want the control port (ipc_space_t) */
	EXPECT_EQ(MACH_SEND_INVALID_DEST,
		  mach_port_allocate(rd, MACH_PORT_RIGHT_RECEIVE, &p));
}

/*
 * The mach_port_* calls XNU serves through convert_port_to_space_read
 * (mach_port_get_attributes, mach_port_get_context,
 * mach_port_get_set_status) take a read port; the rest want control.
 */
TEST(read_port_reads_the_space)
{
	kern_return_t kr;
	mach_port_t rd = special(SELF, TASK_READ_PORT, &kr);
	mach_port_t in = special(SELF, TASK_INSPECT_PORT, &kr);
	mach_port_name_t p = util_port();
	mach_port_context_t ctx = 0;
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	mach_port_type_t type;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_set_context(SELF, p, 0x77));
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_context(rd, p, &ctx));
	EXPECT_EQ(0x77u, ctx);
	EXPECT_EQ(KERN_SUCCESS, mach_port_get_attributes(rd, p,
			MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &cnt));
	/* a MIG routine: the inspect port reaches it, converts to no space */
	EXPECT_EQ(KERN_INVALID_ARGUMENT, mach_port_get_context(in, p, &ctx));
	/* a trap: no task behind the name */
	EXPECT_EQ(MACH_SEND_INVALID_DEST, mach_port_get_attributes(in, p,
			MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &cnt));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, mach_port_type(rd, p, &type));
	EXPECT_EQ(MACH_SEND_INVALID_DEST, mach_port_set_context(rd, p, 1));
}

static pid_t sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

/*
 * task_read_for_pid on a child; task_suspend and task_resume take a
 * task_read_t in XNU's task.defs, so the read port suspends it.  When the
 * child dies its read port becomes a dead name (ipc_task_terminate).
 */
TEST(task_read_for_pid_child)
{
	struct task_basic_info_64 info;
	mach_msg_type_number_t cnt = TASK_BASIC_INFO_64_COUNT;
	mach_port_t rd = MACH_PORT_NULL, in = MACH_PORT_NULL;
	pid_t pid = sleeper();
	int got = 0, i;

	ASSERT_LT(0, pid);
	ASSERT_EQ(KERN_SUCCESS, task_read_for_pid(SELF, pid, &rd));
	ASSERT_EQ(KERN_SUCCESS, task_inspect_for_pid(SELF, pid, &in));
	EXPECT_NE(rd, in);
	EXPECT_EQ(KERN_SUCCESS, pid_for_task(rd, &got));
	EXPECT_EQ(pid, got);
	EXPECT_EQ(0, mach_task_is_self(rd));
	EXPECT_EQ(KERN_SUCCESS, task_suspend(rd));
	cnt = TASK_BASIC_INFO_64_COUNT;
	EXPECT_EQ(KERN_SUCCESS, task_info(in, TASK_BASIC_INFO_64,
					  (task_info_t)&info, &cnt));
	EXPECT_EQ(1, info.suspend_count);
	EXPECT_EQ(KERN_SUCCESS, task_resume(rd));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_terminate(rd));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	for (i = 0; i < 200 && util_type(rd) != MACH_PORT_TYPE_DEAD_NAME; i++)
		sleep_ms(10);
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, util_type(rd));
	EXPECT_EQ(MACH_PORT_TYPE_DEAD_NAME, util_type(in));
}

/* ---- thread read and inspect ports (osfmk/kern/ipc_tt.c) ---- */

static mach_port_t tspecial(mach_port_t thr, int which, kern_return_t *kr)
{
	mach_port_t port = MACH_PORT_NULL;

	*kr = thread_get_special_port(thr, which, &port);
	return port;
}

/*
 * thread_get_special_port_from_user with
 * special_port_allowed_with_thread_flavor (osfmk/kern/ipc_tt.c): a control
 * port gets all three flavors, each a port of its own
 * (tests/ipc/ipc_read_inspect.c).
 */
TEST(thread_control_port_gets_all_three_flavors)
{
	mach_port_t me = mach_thread_self();
	kern_return_t kr;
	mach_port_t rd = tspecial(me, THREAD_READ_PORT, &kr);

	ASSERT_EQ(KERN_SUCCESS, kr);
	mach_port_t in = tspecial(me, THREAD_INSPECT_PORT, &kr);
	ASSERT_EQ(KERN_SUCCESS, kr);
	EXPECT_EQ(me, tspecial(me, THREAD_KERNEL_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
	EXPECT_NE(MACH_PORT_NULL, rd);
	EXPECT_NE(MACH_PORT_NULL, in);
	EXPECT_NE(rd, me);
	EXPECT_NE(in, me);
	EXPECT_NE(rd, in);
}

/* special_port_allowed_with_thread_flavor: a read port gets the read and
 * inspect ports, the control port KERN_INVALID_CAPABILITY. */
TEST(thread_read_port_gets_read_and_inspect_ports_only)
{
	mach_port_t me = mach_thread_self();
	kern_return_t kr;
	mach_port_t rd = tspecial(me, THREAD_READ_PORT, &kr);

	ASSERT_EQ(KERN_SUCCESS, kr);
	mach_port_t in = tspecial(me, THREAD_INSPECT_PORT, &kr);
	ASSERT_EQ(KERN_SUCCESS, kr);
	tspecial(rd, THREAD_KERNEL_PORT, &kr);
	EXPECT_EQ(KERN_INVALID_CAPABILITY, kr);
	EXPECT_EQ(rd, tspecial(rd, THREAD_READ_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
	EXPECT_EQ(in, tspecial(rd, THREAD_INSPECT_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
}

/* special_port_allowed_with_thread_flavor: an inspect port gets only
 * itself; the control and read ports KERN_INVALID_CAPABILITY. */
TEST(thread_inspect_port_gets_only_itself)
{
	mach_port_t me = mach_thread_self();
	kern_return_t kr;
	mach_port_t in = tspecial(me, THREAD_INSPECT_PORT, &kr);

	ASSERT_EQ(KERN_SUCCESS, kr);
	tspecial(in, THREAD_KERNEL_PORT, &kr);
	EXPECT_EQ(KERN_INVALID_CAPABILITY, kr);
	tspecial(in, THREAD_READ_PORT, &kr);
	EXPECT_EQ(KERN_INVALID_CAPABILITY, kr);
	EXPECT_EQ(in, tspecial(in, THREAD_INSPECT_PORT, &kr));
	EXPECT_EQ(KERN_SUCCESS, kr);
}

/* thread_get_special_port_internal: an unknown port number is
 * KERN_INVALID_ARGUMENT. */
TEST(thread_special_port_unknown_number_invalid_argument)
{
	kern_return_t kr;

	tspecial(mach_thread_self(), 9, &kr);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, kr);
}

/*
 * thread_act.defs: thread_info takes a thread_inspect_t, thread_suspend a
 * thread_read_t, thread_terminate a thread_act_t; a weaker port converts
 * to THREAD_NULL: KERN_INVALID_ARGUMENT.
 */
TEST(thread_flavor_routines)
{
	mach_port_t me = mach_thread_self();
	kern_return_t kr;
	mach_port_t rd = tspecial(me, THREAD_READ_PORT, &kr);
	mach_port_t in = tspecial(me, THREAD_INSPECT_PORT, &kr);
	thread_basic_info_data_t info;
	mach_msg_type_number_t cnt = THREAD_BASIC_INFO_COUNT;

	ASSERT_NE(MACH_PORT_NULL, in);
	EXPECT_EQ(KERN_SUCCESS, thread_info(in, THREAD_BASIC_INFO,
					    (thread_info_t)&info, &cnt));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, thread_suspend(in));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, thread_terminate(in));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, thread_terminate(rd));
}

/* Is @name among the @n names of @list? */
static int in_list(thread_act_array_t list, mach_msg_type_number_t n,
		   mach_port_t name)
{
	mach_msg_type_number_t i;

	for (i = 0; i < n; i++)
		if (list[i] == name)
			return 1;
	return 0;
}

/*
 * task_threads_internal: a control, read or inspect task port yields
 * thread ports of the same flavor; a name port is KERN_INVALID_ARGUMENT
 * (tests/ipc/ipc_read_inspect.c, test_task_threads).
 */
TEST(task_threads_by_flavor)
{
	static const int task_which[] = { TASK_READ_PORT, TASK_INSPECT_PORT };
	static const int thread_which[] = {
		THREAD_READ_PORT, THREAD_INSPECT_PORT,
	};
	mach_port_t me = mach_thread_self();
	thread_act_array_t list;
	mach_msg_type_number_t n;
	kern_return_t kr;
	unsigned int i;

	ASSERT_EQ(KERN_SUCCESS, task_threads(SELF, &list, &n));
	EXPECT_LE(1u, n);
	EXPECT_TRUE(in_list(list, n, me));
	for (i = 0; i < 2; i++) {
		mach_port_t t = special(SELF, task_which[i], &kr);
		mach_port_t want = tspecial(me, thread_which[i], &kr);

		ASSERT_EQ(KERN_SUCCESS, task_threads(t, &list, &n));
		EXPECT_LE(1u, n);
		EXPECT_TRUE(in_list(list, n, want));
		EXPECT_FALSE(in_list(list, n, me));
	}
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_threads(special(SELF, TASK_NAME_PORT, &kr), &list, &n));
}

/* ---- task_info flavors (osfmk/kern/task.c, task_info) ---- */

/*
 * TASK_BASIC2_INFO_32: task_basic_info_32's layout, count 8, with the
 * lifetime peak of the resident size (ledger_get_lifetime_max).
 */
TEST(task_info_basic2_32)
{
	struct task_basic_info_32 b1, b2;
	mach_msg_type_number_t cnt = TASK_BASIC_INFO_32_COUNT;

	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, TASK_BASIC_INFO_32,
					  (task_info_t)&b1, &cnt));
	cnt = TASK_BASIC_INFO_32_COUNT;
	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, TASK_BASIC2_INFO_32,
					  (task_info_t)&b2, &cnt));
	EXPECT_EQ(8u, cnt);
	EXPECT_LE(b1.resident_size, b2.resident_size);
	EXPECT_LT(0u, b2.resident_size);
	EXPECT_EQ(POLICY_TIMESHARE, b2.policy);
	EXPECT_EQ(0, b2.suspend_count);
	/* too small a count: KERN_INVALID_ARGUMENT */
	cnt = TASK_BASIC_INFO_32_COUNT - 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_info(SELF, TASK_BASIC2_INFO_32,
						   (task_info_t)&b2, &cnt));
}

/* TASK_SECURITY_TOKEN: the sender token, { euid, egid }, count 2. */
TEST(task_info_security_token)
{
	security_token_t tok = { { 0xdead, 0xbeef } };
	mach_msg_type_number_t cnt = TASK_SECURITY_TOKEN_COUNT;

	ASSERT_EQ(2u, cnt);
	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, TASK_SECURITY_TOKEN,
					  (task_info_t)&tok, &cnt));
	EXPECT_EQ(2u, cnt);
	EXPECT_EQ(geteuid(), tok.val[0]);
	EXPECT_EQ(getegid(), tok.val[1]);
}

/*
 * resident_size counts the pages the caller has just touched, however few
 * (on 6.1 they sit in the thread's split RSS cache).  XNU's phys_mem
 * ledger is charged at fault time.
 */
TEST(task_info_resident_counts_fresh_pages)
{
	struct mach_task_basic_info a, b;
	mach_msg_type_number_t cnt;
	long page = sysconf(_SC_PAGESIZE);
	const int n = 40;	/* fewer than the 64-event sync threshold */
	volatile char *mem;
	int i;

	mem = mmap(NULL, n * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, (void *)mem);
	cnt = MACH_TASK_BASIC_INFO_COUNT;
	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, MACH_TASK_BASIC_INFO,
					  (task_info_t)&a, &cnt));
	for (i = 0; i < n; i++)
		mem[i * page] = 1;
	cnt = MACH_TASK_BASIC_INFO_COUNT;
	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, MACH_TASK_BASIC_INFO,
					  (task_info_t)&b, &cnt));
	TH_LOG("resident %llu -> %llu", (unsigned long long)a.resident_size,
	       (unsigned long long)b.resident_size);
	EXPECT_LE(a.resident_size + n * page, b.resident_size);
	EXPECT_LE(b.resident_size, b.resident_size_max);
	munmap((void *)mem, n * page);
}

/* Burn @ms of this thread's CPU time. */
static void *burn(void *arg)
{
	long ms = (long)arg;
	struct timespec ts;

	do
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < ms);
	return NULL;
}

static long tv_ms(time_value_t tv)
{
	return tv.seconds * 1000L + tv.microseconds / 1000;
}

/*
 * _task_fill_times: the basic flavors report the times of the task's
 * terminated threads; TASK_THREAD_TIMES_INFO sums the live ones
 * (tests/task_info.c expects 0 s from the basic flavors with no thread
 * gone).
 */
TEST(task_info_times_terminated_and_live)
{
	struct task_basic_info_64 b;
	task_thread_times_info_data_t tt;
	mach_msg_type_number_t cnt;
	pthread_t th;
	long dead0, dead1 = 0;
	int i;

	cnt = TASK_BASIC_INFO_64_COUNT;
	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, TASK_BASIC_INFO_64,
					  (task_info_t)&b, &cnt));
	dead0 = tv_ms(b.user_time) + tv_ms(b.system_time);
	burn((void *)200L);		/* the live main thread */
	cnt = TASK_THREAD_TIMES_INFO_COUNT;
	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, TASK_THREAD_TIMES_INFO,
					  (task_info_t)&tt, &cnt));
	EXPECT_LE(150, tv_ms(tt.user_time) + tv_ms(tt.system_time));
	cnt = TASK_BASIC_INFO_64_COUNT;
	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, TASK_BASIC_INFO_64,
					  (task_info_t)&b, &cnt));
	EXPECT_GT(dead0 + 100, tv_ms(b.user_time) + tv_ms(b.system_time));

	ASSERT_EQ(0, pthread_create(&th, NULL, burn, (void *)200L));
	ASSERT_EQ(0, pthread_join(th, NULL));
	/* join returns at the tid clear, a moment before the thread is gone */
	for (i = 0; i < 200; i++) {
		cnt = TASK_BASIC_INFO_64_COUNT;
		ASSERT_EQ(KERN_SUCCESS, task_info(SELF, TASK_BASIC_INFO_64,
						  (task_info_t)&b, &cnt));
		dead1 = tv_ms(b.user_time) + tv_ms(b.system_time);
		if (dead1 >= dead0 + 150)
			break;
		sleep_ms(10);
	}
	TH_LOG("terminated threads: %ld ms -> %ld ms", dead0, dead1);
	EXPECT_LE(dead0 + 150, dead1);
}

/*
 * TASK_ABSOLUTETIME_INFO: recount_task_times (every thread, dead or
 * alive) and the live threads' share, in mach_absolute_time() units
 * (nanoseconds: the timebase is 1/1 here), count 8.
 */
TEST(task_info_absolutetime)
{
	task_absolutetime_info_data_t a;
	mach_msg_type_number_t cnt = TASK_ABSOLUTETIME_INFO_COUNT;
	mach_timebase_info_data_t tb;

	ASSERT_EQ(KERN_SUCCESS, mach_timebase_info(&tb));
	ASSERT_EQ(tb.numer, tb.denom);
	burn((void *)120L);
	ASSERT_EQ(KERN_SUCCESS, task_info(SELF, TASK_ABSOLUTETIME_INFO,
					  (task_info_t)&a, &cnt));
	EXPECT_EQ(8u, cnt);
	EXPECT_LE(100000000ull, a.threads_user + a.threads_system);
	EXPECT_LE(a.threads_user, a.total_user);
	EXPECT_LE(a.threads_system, a.total_system);
	cnt = TASK_ABSOLUTETIME_INFO_COUNT - 1;
	EXPECT_EQ(KERN_INVALID_ARGUMENT, task_info(SELF, TASK_ABSOLUTETIME_INFO,
						   (task_info_t)&a, &cnt));
}

/* task_info: a flavor Linux cannot answer is KERN_INVALID_ARGUMENT. */
TEST(task_info_refused_flavor)
{
	integer_t buf[64];
	mach_msg_type_number_t cnt = 64;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_info(SELF, 19 /* TASK_EXTMOD_INFO */, buf, &cnt));
}

/* ---- task_get/set_exc_guard_behavior (osfmk/kern/task.c) ---- */

/*
 * Port guard violations are delivered and fatal here, always: that is what
 * task_get_exc_guard_behavior reports, from the control and the inspect
 * port (a task_inspect_t).
 */
TEST(exc_guard_behavior_get)
{
	task_exc_guard_behavior_t b = 0;
	kern_return_t kr;
	mach_port_t in = special(SELF, TASK_INSPECT_PORT, &kr);
	mach_port_t nm = special(SELF, TASK_NAME_PORT, &kr);

	ASSERT_EQ(KERN_SUCCESS, task_get_exc_guard_behavior(SELF, &b));
	EXPECT_EQ(TASK_EXC_GUARD_MP_DELIVER | TASK_EXC_GUARD_MP_FATAL, b);
	b = 0;
	ASSERT_EQ(KERN_SUCCESS, task_get_exc_guard_behavior(in, &b));
	EXPECT_EQ(TASK_EXC_GUARD_MP_DELIVER | TASK_EXC_GUARD_MP_FATAL, b);
	/* a name port is no task_inspect_t: the routine's null-task answer */
	EXPECT_EQ(KERN_INVALID_TASK, task_get_exc_guard_behavior(nm, &b));
}

/*
 * task_set_exc_guard_behavior: bits beyond TASK_EXC_GUARD_ALL are
 * KERN_INVALID_VALUE; dropping a behaviour in force is KERN_DENIED (the
 * release kernels' rule); keeping it succeeds; a read port is no task_t.
 */
TEST(exc_guard_behavior_set)
{
	kern_return_t kr;
	mach_port_t rd = special(SELF, TASK_READ_PORT, &kr);

	EXPECT_EQ(KERN_INVALID_VALUE, task_set_exc_guard_behavior(SELF, 0x100));
	EXPECT_EQ(KERN_DENIED, task_set_exc_guard_behavior(SELF,
							   TASK_EXC_GUARD_NONE));
	EXPECT_EQ(KERN_SUCCESS, task_set_exc_guard_behavior(SELF,
			TASK_EXC_GUARD_MP_DELIVER | TASK_EXC_GUARD_MP_FATAL));
	EXPECT_EQ(KERN_SUCCESS, task_set_exc_guard_behavior(SELF,
							    TASK_EXC_GUARD_ALL));
	EXPECT_EQ(KERN_INVALID_TASK, task_set_exc_guard_behavior(rd,
							TASK_EXC_GUARD_ALL));
}

/* ---- mach_port_peek (osfmk/ipc/mach_port.c) ---- */

/*
 * tests/ipc/port_peek.c: the first message's id, and its size as the
 * kernel holds it (msgh_size + 8 on LP64); the message stays queued.
 */
TEST(port_peek_first_message)
{
	mach_port_name_t p = util_port_send();
	mach_msg_audit_trailer_t tr;
	mach_msg_type_number_t tsize = sizeof(tr);
	mach_port_seqno_t seqno = 0;
	mach_msg_size_t size = 0;
	mach_msg_id_t id = 0;
	util_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(MACH_MSG_SUCCESS, util_send(p, MACH_MSG_TYPE_COPY_SEND,
					      0x41414141));
	ASSERT_EQ(KERN_SUCCESS, mach_port_peek(SELF, p,
			MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
			MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT),
			&seqno, &size, &id, (mach_msg_trailer_info_t)&tr,
			&tsize));
	EXPECT_EQ(0x41414141, id);
	EXPECT_EQ(sizeof(mach_msg_header_t) + 8, size);
	EXPECT_EQ(sizeof(mach_msg_audit_trailer_t), tsize);
	EXPECT_EQ(0u, seqno);
	EXPECT_EQ(seqno, tr.msgh_seqno);
	EXPECT_EQ(geteuid(), tr.msgh_sender.val[0]);
	EXPECT_EQ((unsigned int)getpid(), tr.msgh_audit.val[5]);
	ASSERT_EQ(MACH_MSG_SUCCESS, util_recv(p, &m, 1000));
	EXPECT_EQ(0x41414141, m.hdr.msgh_id);
}

/*
 * mach_port_peek on a queue whose head is seqno 1 (messages 1 and 2 sent,
 * 1 received, 3 sent): ipc_mqueue_peek_locked.
 */
FIXTURE(port_peek) {
	mach_port_name_t p;
	mach_msg_trailer_t tr;
	mach_msg_type_number_t tsize;
	mach_port_seqno_t seqno;
	mach_msg_size_t size;
	mach_msg_id_t id;
};

FIXTURE_SETUP(port_peek)
{
	util_msg_t m;

	self->p = util_port_send();
	self->tsize = sizeof(self->tr);
	ASSERT_NE(MACH_PORT_NULL, self->p);
	ASSERT_EQ(MACH_MSG_SUCCESS, util_send(self->p, MACH_MSG_TYPE_COPY_SEND,
					      1));
	ASSERT_EQ(MACH_MSG_SUCCESS, util_send(self->p, MACH_MSG_TYPE_COPY_SEND,
					      2));
	ASSERT_EQ(MACH_MSG_SUCCESS, util_recv(self->p, &m, 1000)); /* seqno 0 */
	ASSERT_EQ(MACH_MSG_SUCCESS, util_send(self->p, MACH_MSG_TYPE_COPY_SEND,
					      3));
}

FIXTURE_TEARDOWN(port_peek)
{
}

static kern_return_t peek_at(struct _fixture_port_peek *self,
			     mach_port_seqno_t seqno)
{
	self->seqno = seqno;
	return mach_port_peek(SELF, self->p, 0, &self->seqno, &self->size,
			      &self->id, (mach_msg_trailer_info_t)&self->tr,
			      &self->tsize);
}

/* ipc_mqueue_peek_locked: an empty queue is KERN_FAILURE. */
TEST(port_peek_on_empty_queue_fails)
{
	mach_port_name_t p = util_port_send();
	mach_msg_trailer_t tr;
	mach_msg_type_number_t tsize = sizeof(tr);
	mach_port_seqno_t seqno;
	mach_msg_size_t size;
	mach_msg_id_t id;

	ASSERT_NE(MACH_PORT_NULL, p);
	seqno = 0;
	EXPECT_EQ(KERN_FAILURE, mach_port_peek(SELF, p, 0, &seqno, &size, &id,
					       (mach_msg_trailer_info_t)&tr,
					       &tsize));
}

/* ipc_mqueue_peek_locked: a given seqno picks that message, with the
 * format-0 trailer. */
TEST_F(port_peek, seqno_picks_that_message)
{
	ASSERT_EQ(KERN_SUCCESS, peek_at(self, 2));
	EXPECT_EQ(3, self->id);
	EXPECT_EQ(2u, self->seqno);
	EXPECT_EQ(sizeof(mach_msg_trailer_t), self->tsize);
}

/* ipc_mqueue_peek_locked: seqno 0 is the head of the queue, and the
 * head's seqno comes back. */
TEST_F(port_peek, seqno_zero_picks_the_head)
{
	ASSERT_EQ(KERN_SUCCESS, peek_at(self, 0));
	EXPECT_EQ(2, self->id);
	EXPECT_EQ(1u, self->seqno);
}

/* ipc_mqueue_peek_locked: a seqno past the queue is KERN_FAILURE. */
TEST_F(port_peek, seqno_past_the_queue_fails)
{
	EXPECT_EQ(KERN_FAILURE, peek_at(self, 3));
}

/*
 * mach_port_peek's argument checks, in order: an invalid name is
 * KERN_INVALID_RIGHT; a trailer beyond the audit trailer or bigger than
 * the buffer KERN_INVALID_VALUE; then no receive right.
 */
TEST(port_peek_errors)
{
	mach_port_name_t p = util_port_send(), s;
	mach_msg_max_trailer_t tr;
	mach_msg_type_number_t tsize = sizeof(tr);
	mach_port_seqno_t seqno = 0;
	mach_msg_size_t size;
	mach_msg_id_t id;

	ASSERT_NE(MACH_PORT_NULL, p);
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_peek(SELF, MACH_PORT_NULL, 0,
			&seqno, &size, &id, (mach_msg_trailer_info_t)&tr, &tsize));
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_peek(SELF, p,
			MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_CTX),
			&seqno, &size, &id, (mach_msg_trailer_info_t)&tr, &tsize));
	tsize = sizeof(mach_msg_seqno_trailer_t);
	EXPECT_EQ(KERN_INVALID_VALUE, mach_port_peek(SELF, p,
			MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SENDER),
			&seqno, &size, &id, (mach_msg_trailer_info_t)&tr, &tsize));
	tsize = sizeof(tr);
	EXPECT_EQ(KERN_INVALID_NAME, mach_port_peek(SELF, UTIL_NAME(0x7778), 0,
			&seqno, &size, &id, (mach_msg_trailer_info_t)&tr, &tsize));
	s = util_pset();	/* a name, but no receive right */
	ASSERT_NE(MACH_PORT_NULL, s);
	EXPECT_EQ(KERN_INVALID_RIGHT, mach_port_peek(SELF, s, 0, &seqno, &size,
			&id, (mach_msg_trailer_info_t)&tr, &tsize));
}

/* ---- guards (osfmk/ipc/mach_port.c) ---- */

/*
 * mach_port_guard_with_flags -> mach_port_guard_locked: the guard becomes
 * the context, MPG_STRICT makes it strict (hidden from
 * mach_port_get_context), MPG_IMMOVABLE_RECEIVE pins the receive right;
 * a second guard is KERN_INVALID_ARGUMENT.
 */
TEST(guard_with_flags)
{
	mach_port_name_t p = util_port(), q = util_port();
	mach_port_context_t ctx = 1;
	mach_port_status_t st;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_guard_with_flags(SELF, p, 0x1234, 0));
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, p, &ctx));
	EXPECT_EQ(0x1234u, ctx);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  mach_port_guard_with_flags(SELF, p, 0x5678, 0));
	EXPECT_EQ(KERN_SUCCESS, mach_port_unguard(SELF, p, 0x1234));

	ASSERT_EQ(KERN_SUCCESS, mach_port_guard_with_flags(SELF, q, 0x99,
			MPG_STRICT | MPG_IMMOVABLE_RECEIVE));
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, q, &ctx));
	EXPECT_EQ(0u, ctx);
	ASSERT_EQ(KERN_SUCCESS, util_status(q, &st));
	EXPECT_TRUE(st.mps_flags & MACH_PORT_STATUS_FLAG_STRICT_GUARD);
	EXPECT_TRUE(st.mps_flags & MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE);
	EXPECT_EQ(KERN_INVALID_NAME,
		  mach_port_guard_with_flags(SELF, MACH_PORT_NULL, 1, 0));
	EXPECT_EQ(KERN_INVALID_NAME,
		  mach_port_guard_with_flags(SELF, UTIL_NAME(0x7779), 1, 0));
}

/* mach_port_swap_guard: the right old guard swaps in the new one. */
TEST(swap_guard)
{
	mach_port_name_t p = util_port();
	mach_port_context_t ctx = 0;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_guard(SELF, p, 0x10, FALSE));
	EXPECT_EQ(KERN_SUCCESS, mach_port_swap_guard(SELF, p, 0x10, 0x20));
	ASSERT_EQ(KERN_SUCCESS, mach_port_get_context(SELF, p, &ctx));
	EXPECT_EQ(0x20u, ctx);
	EXPECT_EQ(KERN_SUCCESS, mach_port_unguard(SELF, p, 0x20));
}

static int swap_wrong_guard(void)
{
	mach_port_name_t p = util_port();

	if (!p || mach_port_guard(SELF, p, 0x10, FALSE))
		return UTIL_VIOLATION_SETUP;
	mach_port_swap_guard(SELF, p, 0x11, 0x20);
	return UTIL_VIOLATION_SURVIVED;
}

static int swap_unguarded(void)
{
	mach_port_name_t p = util_port();

	if (!p)
		return UTIL_VIOLATION_SETUP;
	mach_port_swap_guard(SELF, p, 0, 0x20);
	return UTIL_VIOLATION_SURVIVED;
}

static int swap_strict(void)
{
	mach_port_name_t p = util_port();

	if (!p || mach_port_guard(SELF, p, 0x10, TRUE))
		return UTIL_VIOLATION_SETUP;
	mach_port_swap_guard(SELF, p, 0x10, 0x20);
	return UTIL_VIOLATION_SURVIVED;
}

/*
 * mach_port_swap_guard's violations: kGUARD_EXC_INCORRECT_GUARD,
 * kGUARD_EXC_UNGUARDED and kGUARD_EXC_SET_CONTEXT (strict), each fatal
 * here as every port guard exception.
 */
TEST(swap_guard_violations_kill)
{
	ASSERT_CHILD_KILLED(swap_wrong_guard);
	ASSERT_CHILD_KILLED(swap_unguarded);
	ASSERT_CHILD_KILLED(swap_strict);
}

TEST_HARNESS_MAIN
