// SPDX-License-Identifier: GPL-2.0
/* 7.2 and later: sched_process_exit passes group_dead too. */
#include <trace/events/sched.h>

static void mk_probe_fn(void *data, struct task_struct *p, bool group_dead)
{
}

int mk_probe(void);
int mk_probe(void)
{
	return register_trace_sched_process_exit(mk_probe_fn, NULL);
}
