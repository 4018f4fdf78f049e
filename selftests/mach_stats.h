/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's object counters from debugfs mach/stats (root only),
 * mounting debugfs if it is not: the value of @key, or -1.
 */
#ifndef MACH_SELFTEST_MACH_STATS_H
#define MACH_SELFTEST_MACH_STATS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

static inline long stat_value(const char *key)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/sys/kernel/debug/mach/stats", "r");

	if (!f) {
		mkdir("/sys/kernel/debug", 0755);
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
		f = fopen("/sys/kernel/debug/mach/stats", "r");
	}
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ' ')
			v = atol(line + strlen(key) + 1);
	fclose(f);
	return v;
}

#endif /* MACH_SELFTEST_MACH_STATS_H */
