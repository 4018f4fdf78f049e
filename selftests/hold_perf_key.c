// SPDX-License-Identifier: GPL-2.0
/*
 * Keeps one task-bound perf event open until it is killed, so that the
 * kernel's perf_sched_events static key stays on for a whole test run.
 *
 * Why: the thread-state tests set hardware breakpoints (x86_DEBUG_STATE64),
 * which the module creates as perf events.  The first such event turns the
 * key on and, a second after the last one is gone, a kworker turns it off:
 * each flip rewrites a jump in __schedule() with text_poke_bp().  Under
 * QEMU's TCG a vCPU has once executed a stale int3 of such a rewrite after
 * the rewrite had finished (make check on 6.12: RIP at the
 * perf_sched_events branch in prepare_task_switch(), in a kworker).  That
 * is an emulation hazard, not the module's; holding the key on means the
 * tests flip it at most once, when the run starts.
 *
 * Run by tools/vm/init and the booted Debian lane, as root, before the
 * tests; it exits quietly where perf events are not allowed.
 */
#include <linux/perf_event.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.type = PERF_TYPE_SOFTWARE;
	attr.size = sizeof(attr);
	attr.config = PERF_COUNT_SW_DUMMY;
	attr.exclude_kernel = 1;
	attr.exclude_hv = 1;
	/* pid 0, any CPU: a per-task event, which is what counts the key */
	if (syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0) < 0)
		return 0;
	for (;;)
		pause();
}
