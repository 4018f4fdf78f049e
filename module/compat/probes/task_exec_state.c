// SPDX-License-Identifier: GPL-2.0
/*
 * 7.3: dumpability moved to task->exec_state (linux/sched/exec_state.h);
 * its getter is not exported, the structure is in the public header.
 */
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/exec_state.h>

int mk_probe(struct task_struct *tsk);
int mk_probe(struct task_struct *tsk)
{
	const struct task_exec_state *es = rcu_dereference(tsk->exec_state);

	return READ_ONCE(es->dumpable) == TASK_DUMPABLE_OWNER;
}
