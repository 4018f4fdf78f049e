// SPDX-License-Identifier: GPL-2.0
/*
 * port-fd-epoll: wait on a Mach port and a plain file descriptor in one
 * epoll loop, with libmach_port_fd() (<mach/linux_mach.h>).  A helper
 * thread writes a line to a pipe and sends three Mach messages; the loop
 * reports each as it comes and stops after the third message.
 *
 *   cc -o port-fd-epoll port-fd-epoll.c $(pkg-config --cflags --libs libmach)
 *
 * The descriptor only says "a message is queued": the loop receives it
 * with mach_msg (MACH_RCV_TIMEOUT 0, so a message someone else took
 * first costs nothing) and goes back to epoll_wait.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/linux_mach.h>

static mach_port_t port;
static int pipefd[2];

static void *helper(void *arg)
{
	mach_msg_header_t m;
	int i;

	(void)arg;
	if (write(pipefd[1], "hello from the pipe\n", 20) != 20)
		return NULL;
	for (i = 0; i < 3; i++) {
		usleep(100000);
		memset(&m, 0, sizeof(m));
		m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
		m.msgh_size = sizeof(m);
		m.msgh_remote_port = port;
		m.msgh_id = 100 + i;
		if (mach_msg(&m, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
			     MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL))
			return NULL;
	}
	return NULL;
}

int main(void)
{
	struct epoll_event ev, events[4];
	struct {
		mach_msg_header_t h;
		mach_msg_max_trailer_t t;
	} rcv;
	int ep, pfd, got = 0, n, i;
	pthread_t t;
	char line[64];

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &port)) {
		fprintf(stderr, "port-fd-epoll: no Mach (is mach.ko loaded?)\n");
		return 1;
	}
	pfd = libmach_port_fd(port);
	if (pfd < 0 || pipe(pipefd) < 0) {
		perror("port-fd-epoll: libmach_port_fd/pipe");
		return 1;
	}
	ep = epoll_create1(EPOLL_CLOEXEC);
	ev.events = EPOLLIN;
	ev.data.fd = pfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, pfd, &ev);
	ev.data.fd = pipefd[0];
	epoll_ctl(ep, EPOLL_CTL_ADD, pipefd[0], &ev);
	pthread_create(&t, NULL, helper, NULL);

	while (got < 3) {
		n = epoll_wait(ep, events, 4, 5000);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			fprintf(stderr, "port-fd-epoll: nothing came\n");
			return 1;
		}
		for (i = 0; i < n; i++) {
			if (events[i].data.fd == pipefd[0]) {
				ssize_t len = read(pipefd[0], line, sizeof(line) - 1);

				line[len > 0 ? len : 0] = 0;
				printf("pipe: %s", line);
				continue;
			}
			if (events[i].events & EPOLLHUP) {
				printf("port: destroyed\n");
				return 1;
			}
			/* readable: receive what is queued, without blocking */
			while (mach_msg(&rcv.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
					sizeof(rcv), port, 0, MACH_PORT_NULL) ==
			       MACH_MSG_SUCCESS) {
				printf("port: message id %d\n", rcv.h.msgh_id);
				got++;
			}
		}
	}
	pthread_join(t, NULL);
	/* destroying the right: the descriptor reports EPOLLHUP */
	mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE, -1);
	n = epoll_wait(ep, events, 4, 1000);
	printf("after destroy: %s\n", n == 1 && (events[0].events & EPOLLHUP) ?
	       "EPOLLHUP" : "no HUP?");
	close(pfd);
	close(ep);
	return 0;
}
