// SPDX-License-Identifier: GPL-2.0
/* Up to 6.10: dequeue_signal() takes the task (always current) first. */
#include <linux/sched/signal.h>

int mk_probe(sigset_t *mask, kernel_siginfo_t *info);
int mk_probe(sigset_t *mask, kernel_siginfo_t *info)
{
	enum pid_type type;

	return dequeue_signal(current, mask, info, &type);
}
