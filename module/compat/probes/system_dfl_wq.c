// SPDX-License-Identifier: GPL-2.0
/* 6.18 and later: system_dfl_wq, with system_unbound_wq deprecated. */
#include <linux/workqueue.h>

struct workqueue_struct *mk_probe(void);
struct workqueue_struct *mk_probe(void)
{
	return system_dfl_wq;
}
