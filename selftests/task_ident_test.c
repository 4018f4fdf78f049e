// SPDX-License-Identifier: GPL-2.0
/*
 * Task identity tokens (module/task_ident.c): XNU's
 * task_create_identity_token and task_identity_token_get_task_port
 * (osfmk/kern/task_ident.c, xnu-7195), the token a kernel object
 * (IKOT_TASK_ID_TOKEN) that dies at no-senders.  A token gives a port of
 * a task only to a caller task_for_pid (or task_name_for_pid) would give
 * it to, and answers KERN_INVALID_ARGUMENT once its task exited or
 * exec'd.  Apple's tests/task_ident_test.c makes the self calls.
 */
#include "harness.h"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_traps.h>
#include <mach/task.h>
#include <mach/task_special_ports.h>

#include "as_user.h"
#include "mach_stats.h"
#include "util.h"

/* a special port slot the tests may use to hand a token to a child */
#define HAND_OVER_SLOT	TASK_ACCESS_PORT

static task_id_token_t self_token(void)
{
	task_id_token_t token = MACH_PORT_NULL;

	if (task_create_identity_token(mach_task_self(), &token))
		return MACH_PORT_NULL;
	return token;
}

/* task_identity_token_get_task_port's kr; *port as the stub left it */
static kern_return_t get_port(task_id_token_t token, int flavor,
			      mach_port_t *port)
{
	*port = MACH_PORT_NULL;
	return task_identity_token_get_task_port(token, flavor, port);
}

/* A child that waits on @fd (until it closes), then exits 0. */
static pid_t idle_child(int *wfd)
{
	int p[2];
	char c;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(p[1]);
		while (read(p[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(p[0]);
	*wfd = p[1];
	return pid;
}

/* A token for @pid's task, made from its control port (task_for_pid). */
static task_id_token_t child_token(pid_t pid)
{
	task_id_token_t token = MACH_PORT_NULL;
	mach_port_t t;

	if (task_for_pid(mach_task_self(), pid, &t))
		return MACH_PORT_NULL;
	if (task_create_identity_token(t, &token))
		token = MACH_PORT_NULL;
	mach_port_deallocate(mach_task_self(), t);
	return token;
}

/* task_create_identity_token: a send right to a new kernel port */
TEST(create_on_own_control_port_gives_a_send_right)
{
	task_id_token_t token = self_token();

	ASSERT_NE(MACH_PORT_NULL, token);
	EXPECT_EQ(MACH_PORT_TYPE_SEND, util_type(token));
	EXPECT_EQ(1, util_refs(token, MACH_PORT_RIGHT_SEND));
}

/*
 * task_identity_token_get_task_port, TASK_FLAVOR_CONTROL on the caller's
 * own token: convert_task_to_port_pinned, the caller's mach_task_self()
 */
TEST(control_flavor_of_own_token_is_mach_task_self)
{
	task_id_token_t token = self_token();
	mach_port_t port;

	ASSERT_NE(MACH_PORT_NULL, token);
	ASSERT_EQ(KERN_SUCCESS, get_port(token, TASK_FLAVOR_CONTROL, &port));
	EXPECT_EQ(mach_task_self(), port);
}

/* task_identity_token_get_task_port: task_get_special_port(TASK_READ_PORT) */
TEST(read_flavor_is_the_task_read_port)
{
	task_id_token_t token = self_token();
	mach_port_t port, want;

	ASSERT_NE(MACH_PORT_NULL, token);
	ASSERT_EQ(KERN_SUCCESS, task_get_special_port(mach_task_self(),
						      TASK_READ_PORT, &want));
	ASSERT_EQ(KERN_SUCCESS, get_port(token, TASK_FLAVOR_READ, &port));
	EXPECT_EQ(want, port);
	EXPECT_NE(mach_task_self(), port);
}

/* task_identity_token_get_task_port: the task's inspect port */
TEST(inspect_flavor_is_the_task_inspect_port)
{
	task_id_token_t token = self_token();
	mach_port_t port, want;

	ASSERT_NE(MACH_PORT_NULL, token);
	ASSERT_EQ(KERN_SUCCESS, task_get_special_port(mach_task_self(),
						      TASK_INSPECT_PORT, &want));
	ASSERT_EQ(KERN_SUCCESS, get_port(token, TASK_FLAVOR_INSPECT, &port));
	EXPECT_EQ(want, port);
}

/* task_identity_token_get_task_port: the task's name port */
TEST(name_flavor_is_the_task_name_port)
{
	task_id_token_t token = self_token();
	mach_port_t port, want;

	ASSERT_NE(MACH_PORT_NULL, token);
	ASSERT_EQ(KERN_SUCCESS, task_get_special_port(mach_task_self(),
						      TASK_NAME_PORT, &want));
	ASSERT_EQ(KERN_SUCCESS, get_port(token, TASK_FLAVOR_NAME, &port));
	EXPECT_EQ(want, port);
}

/* task_identity_token_get_task_port: a flavor past NAME, or negative */
TEST(unknown_flavor_is_invalid_argument)
{
	task_id_token_t token = self_token();
	mach_port_t port;

	ASSERT_NE(MACH_PORT_NULL, token);
	EXPECT_EQ(KERN_INVALID_ARGUMENT, get_port(token, TASK_FLAVOR_NAME + 1,
						  &port));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, get_port(token, -1, &port));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, get_port(token, 0x7fffffff, &port));
	EXPECT_EQ(MACH_PORT_NULL, port);
}

/*
 * task_create_identity_token takes a task_t: a read, inspect or name port
 * converts to TASK_NULL (KERN_INVALID_ARGUMENT)
 */
TEST(create_needs_a_control_port)
{
	static const int which[] = { TASK_READ_PORT, TASK_INSPECT_PORT,
				     TASK_NAME_PORT };
	task_id_token_t token;
	mach_port_t t;
	unsigned int i;

	for (i = 0; i < sizeof(which) / sizeof(which[0]); i++) {
		ASSERT_EQ(KERN_SUCCESS, task_get_special_port(mach_task_self(),
							      which[i], &t));
		token = MACH_PORT_NULL;
		EXPECT_EQ(KERN_INVALID_ARGUMENT,
			  task_create_identity_token(t, &token));
		EXPECT_EQ(MACH_PORT_NULL, token);
	}
}

/*
 * convert_port_to_task_id_token: a port that is no token (the thread
 * port, as Apple's test, and a task port) is TASK_ID_TOKEN_NULL
 */
TEST(get_on_a_non_token_port_is_invalid_argument)
{
	mach_port_t port;

	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  get_port(mach_thread_self(), TASK_FLAVOR_NAME, &port));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  get_port(mach_task_self(), TASK_FLAVOR_NAME, &port));
}

/*
 * ipc_kobject_server: a task routine sent to a token converts the token
 * to TASK_NULL (KERN_INVALID_ARGUMENT), task_create_identity_token too
 */
TEST(task_routine_on_a_token_is_invalid_argument)
{
	task_id_token_t token = self_token(), other = MACH_PORT_NULL;
	task_basic_info_data_t info;
	mach_msg_type_number_t count = TASK_BASIC_INFO_COUNT;

	ASSERT_NE(MACH_PORT_NULL, token);
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_info(token, TASK_BASIC_INFO, (task_info_t)&info, &count));
	EXPECT_EQ(KERN_INVALID_ARGUMENT,
		  task_create_identity_token(token, &other));
	EXPECT_EQ(MACH_PORT_NULL, other);
}

/* ipc_kobject_server: an id no kernel object serves is MIG_BAD_ID */
TEST(unserved_routine_on_a_token_is_mig_bad_id)
{
	task_id_token_t token = self_token();
	integer_t info[4] = { 0 };

	ASSERT_NE(MACH_PORT_NULL, token);
	EXPECT_EQ(MIG_BAD_ID, task_set_info(token, 1, info, 1));
}

/*
 * task_identity_token_get_task_port on another task: the holder gets its
 * control port (the one task_for_pid gives)
 */
TEST(token_of_a_child_gives_its_control_port)
{
	mach_port_t t, port;
	task_id_token_t token;
	int wfd, pid_got = 0;
	pid_t pid = idle_child(&wfd);

	ASSERT_LT(0, pid);
	ASSERT_EQ(KERN_SUCCESS, task_for_pid(mach_task_self(), pid, &t));
	token = child_token(pid);
	ASSERT_NE(MACH_PORT_NULL, token);
	EXPECT_EQ(KERN_SUCCESS, get_port(token, TASK_FLAVOR_CONTROL, &port));
	EXPECT_EQ(t, port);
	EXPECT_EQ(KERN_SUCCESS, pid_for_task(port, &pid_got));
	EXPECT_EQ(pid, pid_got);
	close(wfd);
	waitpid(pid, NULL, 0);
}

/*
 * proc_find_ident finds no process once the task exited:
 * task_identity_token_get_task_port answers KERN_INVALID_ARGUMENT
 */
TEST(token_of_an_exited_task_is_invalid_argument)
{
	static const int flavors[] = { TASK_FLAVOR_CONTROL, TASK_FLAVOR_READ,
				       TASK_FLAVOR_INSPECT, TASK_FLAVOR_NAME };
	task_id_token_t token;
	mach_port_t port;
	unsigned int i;
	int wfd;
	pid_t pid = idle_child(&wfd);

	ASSERT_LT(0, pid);
	token = child_token(pid);
	ASSERT_NE(MACH_PORT_NULL, token);
	close(wfd);
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	for (i = 0; i < sizeof(flavors) / sizeof(flavors[0]); i++)
		EXPECT_EQ(KERN_INVALID_ARGUMENT,
			  get_port(token, flavors[i], &port));
}

static task_id_token_t leader_token;

static void *after_leader(void *arg)
{
	mach_port_t port;

	usleep(100000);		/* the main thread is gone by now */
	_exit(get_port(leader_token, TASK_FLAVOR_CONTROL, &port) !=
	      KERN_SUCCESS || port != mach_task_self());
}

/*
 * The process lives on while a thread does, after its main thread
 * exited: the token still finds it (proc_find_ident finds the process,
 * not a thread)
 */
TEST(token_survives_its_main_thread)
{
	pthread_t th;
	int status;
	pid_t pid = fork();

	ASSERT_LE(0, pid);
	if (pid == 0) {
		leader_token = self_token();
		if (leader_token == MACH_PORT_NULL ||
		    pthread_create(&th, NULL, after_leader, NULL))
			_exit(2);
		pthread_exit(NULL);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* the token outlives its task: still a send right, not a dead name */
TEST(token_outlives_its_task)
{
	task_id_token_t token;
	int wfd;
	pid_t pid = idle_child(&wfd);

	ASSERT_LT(0, pid);
	token = child_token(pid);
	ASSERT_NE(MACH_PORT_NULL, token);
	close(wfd);
	ASSERT_EQ(pid, waitpid(pid, NULL, 0));
	EXPECT_EQ(MACH_PORT_TYPE_SEND, util_type(token));
}

/*
 * exec gives the process a new identity (p_idversion, exec_handle_sugid):
 * a token made before it answers KERN_INVALID_ARGUMENT, at once
 */
TEST(token_made_before_exec_is_invalid_argument)
{
	task_id_token_t token;
	mach_port_t port;
	int go[2], cl[2];
	char c;
	pid_t pid;

	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe2(cl, O_CLOEXEC));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(go[1]);
		close(cl[0]);
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		execl("/bin/sleep", "sleep", "30", (char *)NULL);
		_exit(127);
	}
	close(go[0]);
	close(cl[1]);
	token = child_token(pid);
	ASSERT_NE(MACH_PORT_NULL, token);
	ASSERT_EQ(KERN_SUCCESS, get_port(token, TASK_FLAVOR_NAME, &port));
	ASSERT_EQ(1, write(go[1], "x", 1));
	EXPECT_EQ(0, read(cl[0], &c, 1));	/* closed by the exec */
	EXPECT_EQ(KERN_INVALID_ARGUMENT, get_port(token, TASK_FLAVOR_NAME,
						  &port));
	EXPECT_EQ(KERN_INVALID_ARGUMENT, get_port(token, TASK_FLAVOR_CONTROL,
						  &port));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/*
 * As one user: a child turned undumpable; task_for_pid refuses its
 * control port now, and the token made before refuses it and the read
 * and inspect ports; the name port task_name_for_pid still gives.
 */
static int undumpable_case(void *arg)
{
	task_id_token_t token;
	mach_port_t port, t;
	int go[2], done[2], r = 0;
	char c;
	pid_t pid;

	if (pipe(go) || pipe(done))
		return 2;
	pid = fork();
	if (pid < 0)
		return 2;
	if (pid == 0) {
		/* dumpable first: root's setresuid left this user's mm not */
		if (prctl(PR_SET_DUMPABLE, 1) || write(done[1], "x", 1) != 1 ||
		    read(go[0], &c, 1) != 1 || prctl(PR_SET_DUMPABLE, 0) ||
		    write(done[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	if (read(done[0], &c, 1) != 1)
		r = 3;
	token = r ? MACH_PORT_NULL : child_token(pid);
	if (token == MACH_PORT_NULL || write(go[1], "x", 1) != 1 ||
	    read(done[0], &c, 1) != 1)
		r = 3;
	else if (task_for_pid(mach_task_self(), pid, &t) == KERN_SUCCESS)
		r = 4;
	else if (get_port(token, TASK_FLAVOR_CONTROL, &port) != KERN_DENIED)
		r = 5;
	else if (get_port(token, TASK_FLAVOR_READ, &port) != KERN_DENIED)
		r = 6;
	else if (get_port(token, TASK_FLAVOR_INSPECT, &port) != KERN_DENIED ||
		 port != MACH_PORT_NULL)
		r = 7;
	else if (get_port(token, TASK_FLAVOR_NAME, &port) != KERN_SUCCESS)
		r = 8;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return r;
}

/*
 * A token never grants more than task_for_pid: on a task that turned
 * undumpable, KERN_DENIED for control, read and inspect (the MAC check's
 * answer, mac_task_check_task_id_token_get_task), the name port still
 * given (task_name_for_pid's rule).  Root is made a plain user first:
 * CAP_SYS_PTRACE passes task_for_pid's checks.
 */
TEST(token_follows_task_for_pid_on_an_undumpable_task)
{
	if (geteuid() == 0)
		EXPECT_EQ(0, as_user_run(AS_USER_NOBODY, undumpable_case, NULL));
	else
		EXPECT_EQ(0, undumpable_case(NULL));
}

/* in the child, as another user: what root's token gives it */
static int other_user_gets(void *arg)
{
	static const int flavors[] = { TASK_FLAVOR_CONTROL, TASK_FLAVOR_READ,
				       TASK_FLAVOR_INSPECT, TASK_FLAVOR_NAME };
	task_id_token_t token;
	mach_port_t port;
	unsigned int i;

	if (task_get_special_port(mach_task_self(), HAND_OVER_SLOT, &token) ||
	    token == MACH_PORT_NULL)
		return 2;
	for (i = 0; i < sizeof(flavors) / sizeof(flavors[0]); i++)
		if (get_port(token, flavors[i], &port) != KERN_DENIED ||
		    port != MACH_PORT_NULL)
			return 3 + i;
	return 0;
}

/*
 * A token handed to another user (here through an inherited special
 * port) gives it no port of root's task: task_for_pid and
 * task_name_for_pid would not, so KERN_DENIED for every flavor
 * (mac_task_check_task_id_token_get_task)
 */
TEST(token_held_by_another_user_is_denied)
{
	task_id_token_t token;

	if (geteuid() != 0)
		SKIP(return, "becoming another user needs root");
	token = self_token();
	ASSERT_NE(MACH_PORT_NULL, token);
	ASSERT_EQ(KERN_SUCCESS, task_set_special_port(mach_task_self(),
						      HAND_OVER_SLOT, token));
	EXPECT_EQ(0, as_user_run(AS_USER_NOBODY, other_user_gets, NULL));
}

/* task_id_token_notify: the token's port goes with its last send right */
TEST(token_is_freed_at_no_senders)
{
	long ports;
	task_id_token_t token;
	int i;

	/* the MIG reply port, made by the first call */
	token = self_token();
	ASSERT_NE(MACH_PORT_NULL, token);
	ASSERT_EQ(KERN_SUCCESS, mach_port_deallocate(mach_task_self(), token));
	ports = stat_value("ports");
	if (ports < 0)
		SKIP(return, "debugfs mach/stats is root's");
	for (i = 0; i < 100; i++) {
		token = self_token();
		ASSERT_NE(MACH_PORT_NULL, token);
		ASSERT_EQ(KERN_SUCCESS,
			  mach_port_deallocate(mach_task_self(), token));
	}
	EXPECT_EQ(ports, stat_value("ports"));
}

TEST_HARNESS_MAIN
