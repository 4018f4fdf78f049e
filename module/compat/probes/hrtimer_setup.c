// SPDX-License-Identifier: GPL-2.0
/* 6.13 and later: hrtimer_setup() sets the callback (hrtimer_init is gone). */
#include <linux/hrtimer.h>

static enum hrtimer_restart mk_probe_fn(struct hrtimer *t)
{
	return HRTIMER_NORESTART;
}

void mk_probe(struct hrtimer *t);
void mk_probe(struct hrtimer *t)
{
	hrtimer_setup(t, mk_probe_fn, CLOCK_MONOTONIC, HRTIMER_MODE_ABS);
}
