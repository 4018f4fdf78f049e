// SPDX-License-Identifier: GPL-2.0
/*
 * libmach_port_fd: a receive right or a port set as a pollable descriptor
 * (<mach/linux_mach.h>, Documentation/sync.rst).  Darwin's counterpart is
 * kqueue's EVFILT_MACHPORT; the contract tested here is the header's.
 */
#include "msg_util.h"
#include "mach_stats.h"

#include <errno.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <mach/linux_mach.h>

static short poll_now(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, ms) < 0)
		return -1;
	return p.revents;
}

TEST(poll_reports_a_queued_message_and_receive_clears_it)
{
	mach_port_name_t p = mu_port_send();
	mu_msg_t m;
	int fd;

	ASSERT_NE(MACH_PORT_NULL, p);
	fd = libmach_port_fd(p);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, poll_now(fd, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 0x100));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 0x101));
	EXPECT_EQ(POLLIN, poll_now(fd, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(POLLIN, poll_now(fd, 0));	/* one left */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(0, poll_now(fd, 0));
	/* the descriptor is close-on-exec */
	EXPECT_EQ(FD_CLOEXEC, fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
}

/* Whether thread @tid of process @pid sleeps (state S in /proc). */
static bool sleeps(pid_t pid, pid_t tid)
{
	char path[64], buf[512], *p;
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid,
		 (int)tid);
	f = fopen(path, "r");
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'S';
}

/* A child that sends one message (0x4242) to the send right planted in
 * it, once its parent sleeps (in epoll_wait, or waiting for it). */
static int child_sends(void *arg, int rd, int wr)
{
	pid_t parent = getppid();
	uint32_t go;

	(void)arg;
	(void)mach_task_self();
	if (mu_put(wr, 1) || mu_get(rd, &go, 10000))
		return 100;
	WAIT_UNTIL(sleeps(parent, parent), 5000);
	return mu_send(MU_CHILD_NAME, MACH_MSG_TYPE_COPY_SEND, 0x4242) ? 101 : 0;
}

/*
 * One epoll set with the descriptor of receive right p (data 1) and the
 * read end of a pipe (data 2), both quiet.
 */
FIXTURE(epoll_pipe) {
	mach_port_name_t p;
	int fd, ep, pfd[2];
	struct mu_child c;
};

FIXTURE_SETUP(epoll_pipe)
{
	struct epoll_event ev, out[4];

	self->p = mu_port();
	ASSERT_NE(MACH_PORT_NULL, self->p);
	ASSERT_EQ(0, pipe(self->pfd));
	self->fd = libmach_port_fd(self->p);
	ASSERT_LE(0, self->fd);
	self->ep = epoll_create1(EPOLL_CLOEXEC);
	ASSERT_LE(0, self->ep);
	ev.events = EPOLLIN;
	ev.data.u32 = 1;
	ASSERT_EQ(0, epoll_ctl(self->ep, EPOLL_CTL_ADD, self->fd, &ev));
	ev.data.u32 = 2;
	ASSERT_EQ(0, epoll_ctl(self->ep, EPOLL_CTL_ADD, self->pfd[0], &ev));
	EXPECT_EQ(0, epoll_wait(self->ep, out, 4, 0));
}

FIXTURE_TEARDOWN(epoll_pipe)
{
	close(self->ep);
	close(self->fd);
}

/* Starts child_sends with a send right to p. */
static void start_sender(struct harness_test *_metadata,
			 struct _fixture_epoll_pipe *self)
{
	uint32_t v;

	ASSERT_EQ(0, mu_fork(&self->c, child_sends, NULL));
	ASSERT_EQ(0, mu_get(self->c.rd, &v, 10000));
	ASSERT_EQ(KERN_SUCCESS, mu_plant(self->c.pid, MU_CHILD_NAME, self->p,
					 MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(0, mu_put(self->c.wr, 1));
}

static void sender_done(struct harness_test *_metadata,
			struct _fixture_epoll_pipe *self)
{
	int st = mu_child_wait(&self->c, 5000);

	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));
}

/*
 * A message from another process wakes epoll_wait on the port's
 * descriptor alone, with EPOLLIN (the header's contract; Darwin's
 * EVFILT_MACHPORT, XNU's filt_machportevent).
 */
TEST_F(epoll_pipe, wakes_on_a_message_from_another_process)
{
	struct epoll_event out[4];

	start_sender(_metadata, self);
	ASSERT_EQ(1, epoll_wait(self->ep, out, 4, 5000));
	EXPECT_EQ(1, out[0].data.u32);
	EXPECT_EQ(EPOLLIN, out[0].events);
	sender_done(_metadata, self);
}

/* The port with a message and a readable pipe: both reported, each on
 * its own (the header's contract). */
TEST_F(epoll_pipe, reports_the_port_and_the_pipe_apart)
{
	struct epoll_event out[4];

	start_sender(_metadata, self);
	sender_done(_metadata, self);
	ASSERT_EQ(1, write(self->pfd[1], "x", 1));
	EXPECT_EQ(2, epoll_wait(self->ep, out, 4, 1000));
}

/* Receiving the message clears the port's readiness; the pipe stays
 * ready (the header's contract; filt_machportevent looks at the queue). */
TEST_F(epoll_pipe, receive_clears_the_port_alone)
{
	struct epoll_event out[4];
	mu_msg_t m;

	start_sender(_metadata, self);
	sender_done(_metadata, self);
	ASSERT_EQ(1, write(self->pfd[1], "x", 1));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(self->p, &m));
	EXPECT_EQ(0x4242, m.hdr.msgh_id);
	ASSERT_EQ(1, epoll_wait(self->ep, out, 4, 0));
	EXPECT_EQ(2, out[0].data.u32);
}

/* A thread that, once @waiter sleeps, inserts @port into @set or sends
 * it a message (0x77). */
struct mover {
	mach_port_name_t port, set;
	pid_t waiter;
	int insert;
};

static void *mover_fn(void *arg)
{
	struct mover *mv = arg;

	WAIT_UNTIL(sleeps(getpid(), mv->waiter), 5000);
	if (mv->insert)
		mach_port_insert_member(mach_task_self(), mv->port, mv->set);
	else
		mu_send(mv->port, MACH_MSG_TYPE_MAKE_SEND, 0x77);
	return NULL;
}

/*
 * A port set's descriptor in an epoll set, quiet; p and q are receive
 * rights with a send right each, not members; p has a message (0x10).
 */
FIXTURE(port_set_fd) {
	mach_port_name_t set, p, q;
	int fd, ep;
};

FIXTURE_SETUP(port_set_fd)
{
	struct epoll_event ev = { .events = EPOLLIN }, out;

	self->p = mu_port_send();
	self->q = mu_port_send();
	ASSERT_NE(MACH_PORT_NULL, self->p);
	ASSERT_NE(MACH_PORT_NULL, self->q);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_PORT_SET, &self->set));
	self->fd = libmach_port_fd(self->set);
	ASSERT_LE(0, self->fd);
	self->ep = epoll_create1(0);
	ASSERT_LE(0, self->ep);
	ASSERT_EQ(0, epoll_ctl(self->ep, EPOLL_CTL_ADD, self->fd, &ev));
	/* p has a message but is no member yet */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(self->p, MACH_MSG_TYPE_MAKE_SEND,
					    0x10));
	EXPECT_EQ(0, epoll_wait(self->ep, &out, 1, 0));
}

FIXTURE_TEARDOWN(port_set_fd)
{
	close(self->ep);
	close(self->fd);
}

/* Runs a mover on @port (insert it into the set, or send it 0x77) while
 * this thread sleeps in epoll_wait; the number of events. */
static int wait_for_mover(struct harness_test *_metadata,
			  struct _fixture_port_set_fd *self,
			  mach_port_name_t port, int insert)
{
	struct mover mv = {
		.port = port, .set = self->set, .waiter = mu_gettid(),
		.insert = insert,
	};
	struct epoll_event out;
	pthread_t t;
	int n;

	ASSERT_EQ(0, pthread_create(&t, NULL, mover_fn, &mv));
	n = epoll_wait(self->ep, &out, 1, 5000);
	ASSERT_EQ(0, mu_thread_join(t, NULL, 5000));
	return n;
}

/* A member with a message joining wakes a sleeping epoll_wait on the
 * set's descriptor, which polls readable (the header's contract; XNU's
 * filt_machportevent on a port set looks at its members' queues). */
TEST_F(port_set_fd, member_with_a_message_joining_wakes_the_waiter)
{
	EXPECT_EQ(1, wait_for_mover(_metadata, self, self->p, 1));
	EXPECT_EQ(POLLIN, poll_now(self->fd, 0));
}

/* The member with the message leaving makes the set quiet again, though
 * the port keeps its message (the header's contract). */
TEST_F(port_set_fd, member_leaving_makes_it_quiet)
{
	struct epoll_event out;

	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(),
							self->p, self->set));
	ASSERT_EQ(POLLIN, poll_now(self->fd, 0));
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_member(mach_task_self(),
							 self->p, self->set));
	EXPECT_EQ(0, epoll_wait(self->ep, &out, 1, 0));
	EXPECT_EQ(0, poll_now(self->fd, 0));
	EXPECT_EQ(1, mu_msgcount(self->p));
}

/* An empty member joining leaves the set quiet; a message to it wakes
 * the set's sleeping waiter (the header's contract). */
TEST_F(port_set_fd, message_to_a_member_wakes_the_waiter)
{
	struct epoll_event out;

	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(),
							self->q, self->set));
	EXPECT_EQ(0, epoll_wait(self->ep, &out, 1, 0));
	EXPECT_EQ(1, wait_for_mover(_metadata, self, self->q, 0));
}

/* Receiving a member's only message through the set clears it (the
 * header's contract). */
TEST_F(port_set_fd, receive_through_the_set_clears_it)
{
	struct epoll_event out;
	mu_msg_t m;

	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(),
							self->q, self->set));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(self->q, MACH_MSG_TYPE_MAKE_SEND,
					    0x77));
	ASSERT_EQ(1, epoll_wait(self->ep, &out, 1, 0));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(self->set, &m));
	EXPECT_EQ(0x77, m.hdr.msgh_id);
	EXPECT_EQ(0, epoll_wait(self->ep, &out, 1, 0));
}

/* Destroying the right (or the set) gives HUP, to poll and to epoll. */
TEST(destroying_the_right_gives_hup)
{
	mach_port_name_t p = mu_port(), set = MACH_PORT_NULL;
	struct epoll_event ev = { .events = EPOLLIN }, out;
	int fd, sfd, ep;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_PORT_SET, &set));
	fd = libmach_port_fd(p);
	sfd = libmach_port_fd(set);
	ASSERT_LE(0, fd);
	ASSERT_LE(0, sfd);
	ep = epoll_create1(0);
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	EXPECT_EQ(0, epoll_wait(ep, &out, 1, 0));
	ASSERT_EQ(KERN_SUCCESS, mu_destroy_receive(p));
	ASSERT_EQ(1, epoll_wait(ep, &out, 1, 1000));
	EXPECT_TRUE(out.events & EPOLLHUP);
	EXPECT_TRUE(poll_now(fd, 0) & POLLHUP);
	EXPECT_EQ(0, poll_now(sfd, 0));
	ASSERT_EQ(KERN_SUCCESS, mach_port_destroy(mach_task_self(), set));
	EXPECT_TRUE(poll_now(sfd, 0) & POLLHUP);
	close(ep);
	close(fd);
	close(sfd);
}

/* Closing the descriptor changes nothing about the right or its queue. */
TEST(closing_the_descriptor_leaves_the_right_alone)
{
	mach_port_name_t p = mu_port_send();
	long fds;
	mu_msg_t m;
	int fd;

	ASSERT_NE(MACH_PORT_NULL, p);
	fds = stat_value("port_fds");
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 0x55));
	fd = libmach_port_fd(p);
	ASSERT_LE(0, fd);
	EXPECT_EQ(fds + 1, stat_value("port_fds"));
	EXPECT_EQ(0, close(fd));
	EXPECT_EQ(fds, stat_value("port_fds"));
	EXPECT_EQ(MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND, mu_type(p));
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(0x55, m.hdr.msgh_id);
}

/* Anything but a receive right or a port set: -1, EINVAL. */
TEST(other_names_give_einval)
{
	mach_port_name_t send = MACH_PORT_NULL, holder, dead = MACH_PORT_NULL;

	ASSERT_EQ(KERN_SUCCESS, mu_send_only(&send, &holder));
	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_DEAD_NAME, &dead));
	errno = 0;
	EXPECT_EQ(-1, libmach_port_fd(MACH_PORT_NULL));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, libmach_port_fd(MACH_PORT_DEAD));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, libmach_port_fd(send));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, libmach_port_fd(dead));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, libmach_port_fd(MU_UNUSED_NAME));
	EXPECT_EQ(EINVAL, errno);
	errno = 0;
	EXPECT_EQ(-1, libmach_port_fd(mach_task_self()));
	EXPECT_EQ(EINVAL, errno);
}

TEST_HARNESS_MAIN
