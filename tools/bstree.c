// SPDX-License-Identifier: GPL-2.0
/*
 * bstree, bslist: bootstrapd's namespaces, as launchctl bstree and
 * launchctl bslist show launchd's.  One source; tools/bslist.c builds it
 * in list mode.
 *
 *   bstree [-p PID] [-s]   the namespace tree: every subset, every name
 *                          with its state and owner.  From the root when
 *                          run as root (bootstrap_parent up), else from
 *                          the caller's own namespace.
 *   bslist [-p PID] [-v]   the names a lookup can reach from here: this
 *                          namespace's, then its ancestors' (A active,
 *                          I inactive, D on-demand), as launchctl bslist.
 *
 * -p PID uses PID's bootstrap port (task_for_pid) instead of our own.
 * Both read the private routine 450 (libmach_bootstrap_dump); bootstrapd
 * shows a non-root caller only what that caller may look up.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/linux_mach.h>
#include <servers/bootstrap.h>

#ifndef BS_LIST_MODE
#define BS_LIST_MODE 0
#endif

static const char *prog;

static const char *state_word(int status)
{
	switch (status) {
	case BOOTSTRAP_STATUS_ACTIVE:
		return "active";
	case BOOTSTRAP_STATUS_INACTIVE:
		return "inactive";
	case BOOTSTRAP_STATUS_ON_DEMAND:
		return "on-demand";
	default:
		return "?";
	}
}

static char state_letter(int status)
{
	switch (status) {
	case BOOTSTRAP_STATUS_ACTIVE:
		return 'A';
	case BOOTSTRAP_STATUS_INACTIVE:
		return 'I';
	case BOOTSTRAP_STATUS_ON_DEMAND:
		return 'D';
	default:
		return '?';
	}
}

/* The bootstrap port to start from: ours, or PID's. */
static mach_port_t start_port(int pid)
{
	mach_port_t task, bp = MACH_PORT_NULL;
	kern_return_t kr;

	if (pid <= 0)
		return bootstrap_port;
	kr = task_for_pid(mach_task_self(), pid, &task);
	if (kr) {
		fprintf(stderr, "%s: task_for_pid(%d): %s\n", prog, pid,
			mach_error_string(kr));
		exit(1);
	}
	kr = task_get_bootstrap_port(task, &bp);
	mach_port_deallocate(mach_task_self(), task);
	if (kr) {
		fprintf(stderr, "%s: task_get_bootstrap_port(%d): %s\n", prog,
			pid, mach_error_string(kr));
		exit(1);
	}
	return bp;
}

/* Climb to the root while bootstrap_parent lets us (root only). */
static mach_port_t climb(mach_port_t bp)
{
	mach_port_t parent;
	int guard = 0;

	while (guard++ < 200 && bootstrap_parent(bp, &parent) == KERN_SUCCESS) {
		if (parent == bp) {
			mach_port_deallocate(mach_task_self(), parent);
			break;
		}
		bp = parent;
	}
	return bp;
}

static void print_tree(const struct bootstrap_dump_entry *e, uint32_t n)
{
	uint32_t base = n ? e[0].depth : 0, i;
	int indent;

	for (i = 0; i < n; i++) {
		indent = 2 * (int)(e[i].depth - base);
		if (e[i].kind == BOOTSTRAP_DUMP_NAMESPACE) {
			char label[160];

			snprintf(label, sizeof(label), "%.*s/", 128, e[i].name);
			if (e[i].flags & BOOTSTRAP_DUMP_F_ROOT)
				printf("%*s%-40s bootstrapd pid %d\n", indent, "",
				       label, e[i].pid);
			else
				printf("%*s%-40s uid %u%s\n", indent, "", label,
				       e[i].uid,
				       e[i].flags & BOOTSTRAP_DUMP_F_SELF ?
				       "  (this process's namespace)" : "");
		} else {
			printf("%*s  %-10s %-40.*s pid %-7d uid %u%s\n", indent,
			       "", state_word(e[i].status), 128, e[i].name,
			       e[i].pid, e[i].uid,
			       e[i].flags & BOOTSTRAP_DUMP_F_REGISTERED ?
			       "  registered" : "");
		}
	}
}

static void print_list(const struct bootstrap_dump_entry *e, uint32_t n,
		       bool verbose)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (e[i].kind != BOOTSTRAP_DUMP_SERVICE)
			continue;
		if (verbose)
			printf("%c  %-40.*s pid %-7d uid %-6u %s\n",
			       state_letter(e[i].status), 128, e[i].name,
			       e[i].pid, e[i].uid,
			       e[i].flags & BOOTSTRAP_DUMP_F_INHERITED ?
			       "(inherited)" : "");
		else
			printf("%c  %.*s\n", state_letter(e[i].status), 128,
			       e[i].name);
	}
}

static void usage(FILE *f)
{
	if (BS_LIST_MODE)
		fprintf(f, "usage: %s [-p PID] [-v]\n"
			"List the names a bootstrap lookup can reach from this\n"
			"process's (or PID's) namespace: A active, I inactive,\n"
			"D on-demand.  -v adds owner pid and uid.\n", prog);
	else
		fprintf(f, "usage: %s [-p PID] [-s]\n"
			"Print bootstrapd's namespace tree from the root (as root)\n"
			"or from this process's (or PID's) namespace; -s starts\n"
			"at that namespace even as root.\n", prog);
}

int main(int argc, char **argv)
{
	struct bootstrap_dump_entry *entries;
	bool verbose = false, here = false;
	mach_port_t bp;
	kern_return_t kr;
	uint32_t n;
	int pid = 0, c;

	prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	while ((c = getopt(argc, argv, "p:svh")) != -1) {
		switch (c) {
		case 'p':
			pid = atoi(optarg);
			if (pid <= 0) {
				fprintf(stderr, "%s: bad pid '%s'\n", prog, optarg);
				return 2;
			}
			break;
		case 's':
			here = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	bp = start_port(pid);
	if (!MACH_PORT_VALID(bp)) {
		fprintf(stderr, "%s: no bootstrap port (is bootstrapd running?)\n",
			prog);
		return 1;
	}
	if (!BS_LIST_MODE && !here)
		bp = climb(bp);
	kr = libmach_bootstrap_dump(bp, BS_LIST_MODE ? BOOTSTRAP_DUMP_VISIBLE :
				    BOOTSTRAP_DUMP_TREE, &entries, &n);
	if (kr) {
		fprintf(stderr, "%s: %s\n", prog, bootstrap_strerror(kr));
		return 1;
	}
	if (BS_LIST_MODE)
		print_list(entries, n, verbose);
	else
		print_tree(entries, n);
	free(entries);
	return 0;
}
