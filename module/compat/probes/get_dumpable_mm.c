// SPDX-License-Identifier: GPL-2.0
/* Up to 7.2: dumpability in mm->flags, read by get_dumpable(mm). */
#include <linux/sched/coredump.h>

int mk_probe(struct mm_struct *mm);
int mk_probe(struct mm_struct *mm)
{
	return get_dumpable(mm) == SUID_DUMP_USER;
}
