/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Darwin installs this name as a link to <servers/bootstrap.h>. */
#include <servers/bootstrap.h>
