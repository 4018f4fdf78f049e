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

/* a child that sends one message to the send right planted in it */
static int child_sends(void *arg, int rd, int wr)
{
	uint32_t go;

	(void)arg;
	(void)mach_task_self();
	if (mu_put(wr, 1) || mu_get(rd, &go, 10000))
		return 100;
	usleep(100000);		/* the parent is in epoll_wait by now */
	return mu_send(MU_CHILD_NAME, MACH_MSG_TYPE_COPY_SEND, 0x4242) ? 101 : 0;
}

/*
 * One epoll set with a pipe and the port: a message from another process
 * wakes epoll_wait on the port's descriptor alone; receiving clears it.
 */
TEST(epoll_with_a_pipe_wakes_on_a_message_from_another_process)
{
	struct epoll_event ev, out[4];
	mach_port_name_t p = mu_port();
	int fd, ep, pfd[2], n, st;
	struct mu_child c;
	uint32_t v;
	mu_msg_t m;

	ASSERT_NE(MACH_PORT_NULL, p);
	ASSERT_EQ(0, pipe(pfd));
	fd = libmach_port_fd(p);
	ASSERT_LE(0, fd);
	ep = epoll_create1(EPOLL_CLOEXEC);
	ASSERT_LE(0, ep);
	ev.events = EPOLLIN;
	ev.data.u32 = 1;
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	ev.data.u32 = 2;
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, pfd[0], &ev));
	EXPECT_EQ(0, epoll_wait(ep, out, 4, 0));

	ASSERT_EQ(0, mu_fork(&c, child_sends, NULL));
	ASSERT_EQ(0, mu_get(c.rd, &v, 10000));
	ASSERT_EQ(KERN_SUCCESS, mu_plant(c.pid, MU_CHILD_NAME, p,
					 MACH_MSG_TYPE_MAKE_SEND));
	ASSERT_EQ(0, mu_put(c.wr, 1));
	n = epoll_wait(ep, out, 4, 5000);
	ASSERT_EQ(1, n);
	EXPECT_EQ(1, out[0].data.u32);
	EXPECT_EQ(EPOLLIN, out[0].events);
	st = mu_child_wait(&c, 5000);
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st));

	/* the pipe is reported on its own */
	ASSERT_EQ(1, write(pfd[1], "x", 1));
	n = epoll_wait(ep, out, 4, 1000);
	EXPECT_EQ(2, n);
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(p, &m));
	EXPECT_EQ(0x4242, m.hdr.msgh_id);
	n = epoll_wait(ep, out, 4, 0);
	ASSERT_EQ(1, n);
	EXPECT_EQ(2, out[0].data.u32);
	close(ep);
	close(fd);
}

/* A thread that inserts @port into @set after a while. */
struct mover {
	mach_port_name_t port, set;
	int insert;
};

static void *mover_fn(void *arg)
{
	struct mover *mv = arg;

	usleep(100000);
	if (mv->insert)
		mach_port_insert_member(mach_task_self(), mv->port, mv->set);
	else
		mu_send(mv->port, MACH_MSG_TYPE_MAKE_SEND, 0x77);
	return NULL;
}

/*
 * A set's descriptor follows membership: a member with a message joining
 * wakes a sleeping epoll_wait; leaving makes it quiet; a message to a
 * member wakes it.
 */
TEST(port_set_descriptor_follows_membership)
{
	mach_port_name_t set = MACH_PORT_NULL, p = mu_port_send();
	mach_port_name_t q = mu_port_send();
	struct mover mv = { 0 };
	struct epoll_event ev = { .events = EPOLLIN }, out;
	pthread_t t;
	mu_msg_t m;
	int fd, ep;

	ASSERT_EQ(KERN_SUCCESS, mach_port_allocate(mach_task_self(),
				MACH_PORT_RIGHT_PORT_SET, &set));
	fd = libmach_port_fd(set);
	ASSERT_LE(0, fd);
	ep = epoll_create1(0);
	ASSERT_EQ(0, epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev));
	/* p has a message but is no member yet */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_send(p, MACH_MSG_TYPE_MAKE_SEND, 0x10));
	EXPECT_EQ(0, epoll_wait(ep, &out, 1, 0));
	mv.port = p;
	mv.set = set;
	mv.insert = 1;
	ASSERT_EQ(0, pthread_create(&t, NULL, mover_fn, &mv));
	EXPECT_EQ(1, epoll_wait(ep, &out, 1, 5000));
	ASSERT_EQ(0, mu_thread_join(t, NULL, 5000));
	EXPECT_EQ(POLLIN, poll_now(fd, 0));
	/* p leaves: quiet again, though p still has its message */
	ASSERT_EQ(KERN_SUCCESS, mach_port_extract_member(mach_task_self(),
							 p, set));
	EXPECT_EQ(0, epoll_wait(ep, &out, 1, 0));
	EXPECT_EQ(0, poll_now(fd, 0));
	/* q joins empty; a message to it wakes the set's waiter */
	ASSERT_EQ(KERN_SUCCESS, mach_port_insert_member(mach_task_self(),
							q, set));
	EXPECT_EQ(0, epoll_wait(ep, &out, 1, 0));
	mv.port = q;
	mv.insert = 0;
	ASSERT_EQ(0, pthread_create(&t, NULL, mover_fn, &mv));
	EXPECT_EQ(1, epoll_wait(ep, &out, 1, 5000));
	ASSERT_EQ(0, mu_thread_join(t, NULL, 5000));
	/* receiving through the set clears it */
	ASSERT_EQ(MACH_MSG_SUCCESS, mu_recv(set, &m));
	EXPECT_EQ(0x77, m.hdr.msgh_id);
	EXPECT_EQ(0, epoll_wait(ep, &out, 1, 0));
	close(ep);
	close(fd);
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
