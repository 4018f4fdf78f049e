// SPDX-License-Identifier: GPL-2.0
/* 7.2 and later: task_newtask's clone_flags is a u64. */
#include <trace/events/task.h>

static void mk_probe_fn(void *data, struct task_struct *task, u64 clone_flags)
{
}

int mk_probe(void);
int mk_probe(void)
{
	return register_trace_task_newtask(mk_probe_fn, NULL);
}
