// SPDX-License-Identifier: GPL-2.0
/* 6.2 and later: mm->rss_stat is an array of per-CPU counters. */
#include <linux/mm.h>
#include <linux/percpu_counter.h>

s64 mk_probe(struct mm_struct *mm);
s64 mk_probe(struct mm_struct *mm)
{
	return percpu_counter_sum_positive(&mm->rss_stat[MM_FILEPAGES]);
}
