// SPDX-License-Identifier: GPL-2.0
/*
 * mtask: suspend, resume and inspect processes as Mach tasks.
 *
 *   mtask -s PID...          task_suspend each (ends when mtask exits)
 *   mtask -s --hold PID...   the same, held until SIGINT/SIGTERM/SIGHUP
 *   mtask -S PID...          task_suspend2: print each token, hold it
 *                            until SIGINT/SIGTERM/SIGHUP
 *   mtask -r PID...          task_resume each
 *   mtask info PID...        suspend count, memory figures and each
 *                            thread's state
 *
 * -s and -r behave as the program in seed 000 (and as XNU): a
 * task_suspend() hold belongs to the caller, kept as a send right to the
 * task's resume port in the caller's IPC space, so it goes away when the
 * caller exits.  That is why --hold exists.  See
 * Documentation/suspension.rst.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_traps.h>
#include <mach/task.h>

static const char *prog = "mtask";

static void usage(FILE *f)
{
	fprintf(f,
		"usage: %s -s [--hold] PID...   suspend (task_suspend)\n"
		"       %s -S PID...            suspend with tokens (task_suspend2), held\n"
		"       %s -r PID...            resume (task_resume)\n"
		"       %s info PID...          suspend count, memory, thread states\n"
		"\n"
		"A task_suspend() hold is owned by the caller and released when it\n"
		"exits: plain -s suspends only while mtask runs.  --hold (and -S)\n"
		"keep the suspension until SIGINT, SIGTERM or SIGHUP, then release\n"
		"it and exit.\n", prog, prog, prog, prog);
}

/* "1234" -> 1234; anything else -> -1 */
static pid_t parse_pid(const char *s)
{
	char *end;
	long v;

	if (!*s || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v <= 0 || v > INT_MAX)
		return -1;
	return (pid_t)v;
}

/* The state letter of /proc/PID/stat (or TID under PID), 0 if gone. */
static char stat_state(const char *path, char *comm, size_t commlen)
{
	char buf[512], *lp, *rp;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	lp = strchr(buf, '(');
	rp = strrchr(buf, ')');
	if (!lp || !rp || rp < lp || rp[1] != ' ')
		return 0;
	if (comm) {
		size_t len = (size_t)(rp - lp - 1);

		if (len >= commlen)
			len = commlen - 1;
		memcpy(comm, lp + 1, len);
		comm[len] = 0;
	}
	return rp[2];
}

static char proc_state(pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	return stat_state(path, NULL, 0);
}

/*
 * task_for_pid with a message that says why it failed: no such process,
 * a process that has already exited, or a refusal (permission).
 */
static mach_port_t get_task(pid_t pid)
{
	mach_port_t task = MACH_PORT_NULL;
	kern_return_t kr;
	char st;

	kr = task_for_pid(mach_task_self(), pid, &task);
	if (kr == KERN_SUCCESS)
		return task;
	st = proc_state(pid);
	if (!st)
		fprintf(stderr, "%s: %d: no such process\n", prog, pid);
	else if (st == 'Z' || st == 'X')
		fprintf(stderr, "%s: %d: the process has exited\n", prog, pid);
	else
		fprintf(stderr,
			"%s: %d: permission denied: task_for_pid refused (%s); "
			"it needs root, CAP_SYS_PTRACE, or the same user ids "
			"and a dumpable target\n",
			prog, pid, mach_error_string(kr));
	return MACH_PORT_NULL;
}

/* A failed call on a task port: say what it means for this pid. */
static void call_failed(const char *call, pid_t pid, kern_return_t kr)
{
	if (kr == MACH_SEND_INVALID_DEST || kr == MACH_SEND_INVALID_RIGHT)
		fprintf(stderr, "%s: %s %d: the process has exited\n", prog,
			call, pid);
	else if (kr == KERN_FAILURE && !strcmp(call, "task_resume"))
		fprintf(stderr, "%s: task_resume %d: not suspended, nothing "
			"to release (%s)\n", prog, pid, mach_error_string(kr));
	else
		fprintf(stderr, "%s: %s %d: %s (%d)\n", prog, call, pid,
			mach_error_string(kr), kr);
}

static int suspend_count(mach_port_t task, kern_return_t *krp)
{
	struct task_basic_info_64 info;
	mach_msg_type_number_t cnt = TASK_BASIC_INFO_64_COUNT;

	*krp = task_info(task, TASK_BASIC_INFO_64, (task_info_t)&info, &cnt);
	return *krp == KERN_SUCCESS ? info.suspend_count : -1;
}

/* a byte count for people: 1023K, 12.5M, 3.0G */
static const char *human(uint64_t b, char *buf, size_t len)
{
	if (b < 1024ULL * 1024)
		snprintf(buf, len, "%lluK", (unsigned long long)(b >> 10));
	else if (b < 1024ULL * 1024 * 1024)
		snprintf(buf, len, "%.1fM", b / 1048576.0);
	else
		snprintf(buf, len, "%.1fG", b / 1073741824.0);
	return buf;
}

/*
 * The memory figures: TASK_VM_INFO (virtual size, regions, resident and
 * its peak, footprint, compressed), as macOS's footprint / top show;
 * TASK_BASIC_INFO_64's virtual and resident sizes when TASK_VM_INFO is
 * not served.  Documentation/memory.rst has where each comes from.
 */
static void print_memory(mach_port_t task)
{
	task_vm_info_data_t vm;
	struct task_basic_info_64 b;
	mach_msg_type_number_t cnt = TASK_VM_INFO_COUNT;
	char v[32], r[32], p[32], f[32], c[32];

	if (task_info(task, TASK_VM_INFO, (task_info_t)&vm, &cnt) ==
	    KERN_SUCCESS) {
		printf("  memory: virtual %s in %d regions, resident %s "
		       "(peak %s), footprint %s, swapped %s\n",
		       human(vm.virtual_size, v, sizeof(v)), vm.region_count,
		       human(vm.resident_size, r, sizeof(r)),
		       human(vm.resident_size_peak, p, sizeof(p)),
		       human(vm.phys_footprint, f, sizeof(f)),
		       human(vm.compressed, c, sizeof(c)));
		printf("  memory: private (internal) %s, file-backed "
		       "(external) %s\n",
		       human(vm.internal, v, sizeof(v)),
		       human(vm.external, r, sizeof(r)));
		return;
	}
	cnt = TASK_BASIC_INFO_64_COUNT;
	if (task_info(task, TASK_BASIC_INFO_64, (task_info_t)&b, &cnt) ==
	    KERN_SUCCESS)
		printf("  memory: virtual %s, resident %s\n",
		       human(b.virtual_size, v, sizeof(v)),
		       human(b.resident_size, r, sizeof(r)));
}

static const char *state_name(char st)
{
	switch (st) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "disk sleep";
	case 'I': return "idle";
	case 'T': return "stopped";
	case 't': return "tracing stop";
	case 'Z': return "zombie";
	case 'X': return "dead";
	case 'P': return "parked";
	default: return "?";
	}
}

/* ------------------------------------------------------------------ */

static int cmd_info(int n, pid_t *pids)
{
	int i, rc = 0;

	for (i = 0; i < n; i++) {
		char path[300], comm[64];
		struct dirent *de;
		mach_port_t task;
		kern_return_t kr;
		int count = -1, threads = 0, stopped = 0;
		DIR *d;

		snprintf(path, sizeof(path), "/proc/%d/task", pids[i]);
		d = opendir(path);
		if (!d) {
			fprintf(stderr, "%s: %d: no such process\n", prog,
				pids[i]);
			rc = 1;
			continue;
		}
		task = get_task(pids[i]);
		if (task != MACH_PORT_NULL) {
			count = suspend_count(task, &kr);
			if (count < 0) {
				call_failed("task_info", pids[i], kr);
				rc = 1;
			}
		} else {
			rc = 1;
		}
		if (count >= 0)
			printf("pid %d: suspend count %d\n", pids[i], count);
		else
			printf("pid %d: suspend count unknown\n", pids[i]);
		if (task != MACH_PORT_NULL)
			print_memory(task);
		printf("  %-8s %-18s %s\n", "TID", "STATE", "NAME");
		while ((de = readdir(d))) {
			char st;

			if (de->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%d/task/%s/stat",
				 pids[i], de->d_name);
			st = stat_state(path, comm, sizeof(comm));
			if (!st)
				continue;
			threads++;
			stopped += st == 'T';
			snprintf(path, sizeof(path), "%c (%s)", st,
				 state_name(st));
			printf("  %-8s %-18s %s\n", de->d_name, path, comm);
		}
		closedir(d);
		if (count == 0 && threads && stopped == threads)
			printf("  (stopped, but not by a Mach suspension: a "
			       "job-control stop, SIGSTOP)\n");
		else if (count > 0 && stopped < threads)
			printf("  (suspended; threads not shown as T are "
			       "blocked in the kernel and park when they "
			       "return to user mode)\n");
		if (task != MACH_PORT_NULL)
			mach_port_deallocate(mach_task_self(), task);
	}
	return rc;
}

static int cmd_resume(int n, pid_t *pids)
{
	int i, rc = 0;

	for (i = 0; i < n; i++) {
		mach_port_t task = get_task(pids[i]);
		kern_return_t kr;

		if (task == MACH_PORT_NULL) {
			rc = 1;
			continue;
		}
		kr = task_resume(task);
		if (kr != KERN_SUCCESS) {
			call_failed("task_resume", pids[i], kr);
			rc = 1;
		}
		mach_port_deallocate(mach_task_self(), task);
	}
	return rc;
}

/* Wait for SIGINT, SIGTERM or SIGHUP (blocked by the caller). */
static int wait_signal(const sigset_t *set)
{
	int sig = 0;

	while (sigwait(set, &sig))
		;
	return sig;
}

static int cmd_suspend(int n, pid_t *pids, bool hold, bool tokens)
{
	mach_port_t *tasks = calloc(n, sizeof(*tasks));
	mach_port_t *held = calloc(n, sizeof(*held));
	int i, nheld = 0, rc = 0, sig;
	kern_return_t kr;
	sigset_t set;

	if (!tasks || !held) {
		fprintf(stderr, "%s: out of memory\n", prog);
		return 1;
	}
	/* block the release signals first, so that none is lost */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (hold)
		sigprocmask(SIG_BLOCK, &set, NULL);

	for (i = 0; i < n; i++) {
		if (pids[i] == getpid()) {
			fprintf(stderr, "%s: %d: refusing to suspend mtask "
				"itself\n", prog, pids[i]);
			rc = 1;
			continue;
		}
		tasks[i] = get_task(pids[i]);
		if (tasks[i] == MACH_PORT_NULL) {
			rc = 1;
			continue;
		}
		if (tokens) {
			task_suspension_token_t token = MACH_PORT_NULL;

			kr = task_suspend2(tasks[i], &token);
			if (kr != KERN_SUCCESS) {
				call_failed("task_suspend2", pids[i], kr);
				rc = 1;
				continue;
			}
			held[i] = token;
			printf("%d: suspended, token 0x%x (send-once right)\n",
			       pids[i], token);
		} else {
			kr = task_suspend(tasks[i]);
			if (kr != KERN_SUCCESS) {
				call_failed("task_suspend", pids[i], kr);
				rc = 1;
				continue;
			}
			held[i] = tasks[i];
			if (hold) {
				int c = suspend_count(tasks[i], &kr);

				printf("%d: suspended (suspend count %d)\n",
				       pids[i], c);
			}
		}
		nheld++;
	}
	if (!hold) {
		if (nheld)
			fprintf(stderr, "%s: note: a task_suspend() hold ends "
				"when its holder exits, so the suspension "
				"ends now; use --hold to keep it\n", prog);
		return rc;
	}
	if (!nheld)
		return rc;
	printf("holding %d suspension%s; SIGINT (Ctrl-C), SIGTERM or SIGHUP "
	       "releases %s\n", nheld, nheld == 1 ? "" : "s",
	       nheld == 1 ? "it" : "them");
	fflush(stdout);
	sig = wait_signal(&set);
	for (i = 0; i < n; i++) {
		if (held[i] == MACH_PORT_NULL)
			continue;
		kr = tokens ? task_resume2(held[i]) : task_resume(held[i]);
		if (kr == KERN_SUCCESS) {
			printf("%d: released\n", pids[i]);
		} else if (kr == MACH_SEND_INVALID_DEST ||
			   kr == MACH_SEND_INVALID_RIGHT ||
			   kr == MIG_SERVER_DIED) {
			printf("%d: exited while held\n", pids[i]);
		} else if (kr == KERN_FAILURE) {
			/* an out-of-band task_resume or a SIGCONT took it */
			printf("%d: no hold left to release (already resumed "
			       "by someone else)\n", pids[i]);
		} else {
			call_failed(tokens ? "task_resume2" : "task_resume",
				    pids[i], kr);
			rc = 1;
		}
	}
	fprintf(stderr, "%s: %s\n", prog, strsignal(sig));
	return rc;
}

int main(int argc, char **argv)
{
	bool hold = false, tokens = false, info = false, resume = false;
	bool suspend = false;
	pid_t *pids;
	int i, n = 0;

	if (argc == 2 && (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h") ||
			  !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	pids = calloc(argc, sizeof(*pids));
	if (!pids)
		return 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (i == 1 && !strcmp(a, "info")) {
			info = true;
		} else if (!strcmp(a, "-s")) {
			suspend = true;
		} else if (!strcmp(a, "-S")) {
			tokens = hold = true;
		} else if (!strcmp(a, "--hold")) {
			hold = true;
		} else if (!strcmp(a, "-r")) {
			resume = true;
		} else if (a[0] == '-' && !isdigit((unsigned char)a[1])) {
			fprintf(stderr, "%s: unknown option %s\n", prog, a);
			usage(stderr);
			return 2;
		} else {
			pids[n] = parse_pid(a);
			if (pids[n] < 0) {
				fprintf(stderr, "%s: '%s' is not a process id\n",
					prog, a);
				return 2;
			}
			n++;
		}
	}
	if (info + suspend + tokens + resume != 1 ||
	    (hold && !suspend && !tokens)) {
		fprintf(stderr, "%s: say one of -s, -S, -r or info\n", prog);
		usage(stderr);
		return 2;
	}
	if (!n) {
		fprintf(stderr, "%s: no process ids given\n", prog);
		usage(stderr);
		return 2;
	}
	if (mach_task_self() == MACH_PORT_NULL) {
		fprintf(stderr, "%s: /dev/mach is not available (is mach.ko "
			"loaded?)\n", prog);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (info)
		return cmd_info(n, pids);
	if (resume)
		return cmd_resume(n, pids);
	return cmd_suspend(n, pids, hold, tokens);
}
