// SPDX-License-Identifier: GPL-2.0
/* bslist: bstree in list mode (see tools/bstree.c). */
#define BS_LIST_MODE 1
#include "bstree.c"
