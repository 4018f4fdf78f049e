// SPDX-License-Identifier: GPL-2.0
/* Up to 6.4: pin_user_pages() takes a vmas array after @pages. */
#include <linux/mm.h>

long mk_probe(struct page **pages);
long mk_probe(struct page **pages)
{
	return pin_user_pages(0, 1, FOLL_LONGTERM, pages, NULL);
}
