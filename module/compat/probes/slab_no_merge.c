// SPDX-License-Identifier: GPL-2.0
/* 6.5 and later: SLAB_NO_MERGE keeps a cache from being merged. */
#include <linux/slab.h>

slab_flags_t mk_probe(void);
slab_flags_t mk_probe(void)
{
	return SLAB_NO_MERGE;
}
