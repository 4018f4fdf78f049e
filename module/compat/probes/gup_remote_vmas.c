// SPDX-License-Identifier: GPL-2.0
/* Up to 6.4: get_user_pages_remote() takes a vmas array before @locked. */
#include <linux/mm.h>

long mk_probe(struct mm_struct *mm, struct page **pages, int *locked);
long mk_probe(struct mm_struct *mm, struct page **pages, int *locked)
{
	return get_user_pages_remote(mm, 0, 1, 0, pages, NULL, locked);
}
