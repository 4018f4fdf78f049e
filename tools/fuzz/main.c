// SPDX-License-Identifier: GPL-2.0
/*
 * mach-fuzz: a seeded fuzzer for /dev/mach (Documentation/testing.rst,
 * "Fuzzing").  Run as root in the test VM:
 *
 *   mach-fuzz [-s SEED] [-t SECONDS] [-n OPS] [-p PROCS] [-j THREADS]
 *             [-r ROOT_PROCS] [-u UID] [-k KILLS_PER_MIN] [-o OPS_MASK]
 *             [-l] [-L] [-q] [-v]
 *
 * -l lowers user_max_ports to 4096 and user_max_msg_bytes to 32 MiB for
 * the run, so that random traffic meets them; -v prints every worker's
 * last operations at the end, -q not even the probes'.  -L: a long run
 * (30 minutes unless -t says otherwise) with a progress line a minute.
 * -o keeps only some of mig.c's operations (a bit each: MIG requests,
 * thread state, sync objects, name races, flip zone, forks).
 * A uid-UID child first runs the targeted probes for issue 13's attacks
 * (strict: each must get its documented code).  Then PROCS worker
 * processes (all but ROOT_PROCS of them as UID, default 65534) with
 * THREADS threads each issue random operations until SECONDS (the whole
 * run; this phase gets a quarter of it at least) or OPS run out: raw ioctls with structured-random arguments on every MACH_IOC_*
 * and on unknown numbers, through bad pointers; mach_msg with every
 * descriptor type and disposition; mach_port_* on their own and on each
 * other's spaces; task and thread calls on siblings (task_for_pid,
 * suspend/resume, task_threads, special ports); the targeted probes again;
 * MIG requests of every served id to every kind of kernel-object port,
 * semaphores, timers and port fds raced, names raced, memory unmapped
 * under calls, forks (mig.c).
 * The parent SIGKILLs random workers and starts new ones.  At the end every
 * worker is killed and the module's counters (generic netlink "mach",
 * GET_STATS) must come back to what they were before.
 *
 * Each worker keeps a ring of its last 32 operations in memory shared with
 * the parent; an operation is recorded before it is issued.  Any failure
 * prints the seed and those rings.  Exit status: 0 clean, 1 failure,
 * 2 usage or setup error.
 */
#include "fuzz.h"
#include <sys/prctl.h>

/* ---- the parent: counters through generic netlink ---- */

static int nl_req(int fd, uint16_t type, uint8_t cmd, const char *fam,
		  uint64_t *out, uint16_t *famid)
{
	struct { struct nlmsghdr n; struct genlmsghdr g; char a[64]; } q = { 0 };
	char buf[8192];
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	ssize_t len;

	q.n.nlmsg_type = type;
	q.n.nlmsg_flags = NLM_F_REQUEST;
	q.n.nlmsg_len = NLMSG_LENGTH(GENL_HDRLEN);
	q.g.cmd = cmd;
	q.g.version = 1;
	if (fam) {
		struct nlattr *a = (void *)q.a;

		a->nla_type = CTRL_ATTR_FAMILY_NAME;
		a->nla_len = NLA_HDRLEN + strlen(fam) + 1;
		strcpy((char *)a + NLA_HDRLEN, fam);
		q.n.nlmsg_len += NLA_ALIGN(a->nla_len);
	}
	if (sendto(fd, &q, q.n.nlmsg_len, 0, (void *)&to, sizeof(to)) < 0)
		return -1;
	len = recv(fd, buf, sizeof(buf), 0);
	if (len < (ssize_t)NLMSG_LENGTH(GENL_HDRLEN))
		return -1;
	struct nlmsghdr *n = (void *)buf;

	if (n->nlmsg_type == NLMSG_ERROR)
		return -1;
	for (char *p = NLMSG_DATA(n) + GENL_HDRLEN; p + NLA_HDRLEN <= buf + n->nlmsg_len;) {
		struct nlattr *a = (void *)p;

		if (a->nla_len < NLA_HDRLEN)
			break;
		if (famid && a->nla_type == CTRL_ATTR_FAMILY_ID)
			memcpy(famid, p + NLA_HDRLEN, 2);
		if (out && a->nla_type <= MACH_NL_A_MAX && a->nla_len == NLA_HDRLEN + 8)
			memcpy(&out[a->nla_type], p + NLA_HDRLEN, 8);
		p += NLA_ALIGN(a->nla_len);
	}
	return 0;
}

static int stats(uint64_t *out)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC), rc = -1;
	uint16_t fam = 0;

	memset(out, 0, (MACH_NL_A_MAX + 1) * sizeof(*out));
	if (fd >= 0 && !nl_req(fd, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, MACH_NL_FAMILY_NAME,
			       NULL, &fam) && fam)
		rc = nl_req(fd, fam, MACH_NL_CMD_GET_STATS, NULL, out, NULL);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* What must come back: objects alive, holds, bytes charged. */
static const struct { int attr; const char *name; } gauges[] = {
	{ MACH_NL_A_STAT_TASKS, "tasks" }, { MACH_NL_A_STAT_SPACES, "spaces" },
	{ MACH_NL_A_STAT_PORTS, "ports" }, { MACH_NL_A_STAT_PSETS, "port sets" },
	{ MACH_NL_A_STAT_ENTRIES, "names" }, { MACH_NL_A_STAT_KMSGS, "messages" },
	{ MACH_NL_A_STAT_SUSPENDED, "suspended tasks" },
	{ MACH_NL_A_STAT_SUSPENSIONS, "holds" },
	{ MACH_NL_A_STAT_MSG_BYTES, "message bytes" },
};
#define NGAUGES (sizeof(gauges) / sizeof(gauges[0]))

static uint64_t param(const char *name)
{
	char path[128];
	unsigned long long v = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/mach/parameters/%s", name);
	f = fopen(path, "r");
	if (f) {
		if (fscanf(f, "%llu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

static void set_param(const char *name, uint64_t v)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/module/mach/parameters/%s", name);
	f = fopen(path, "w");
	if (f) {
		fprintf(f, "%" PRIu64 "\n", v);
		fclose(f);
	}
}

static void dump_slot(int i)
{
	struct slot *s = &sh->w[i];
	uint64_t last = s->next;

	printf("# %s %d: pid %d uid %u generation %u%s%s\n", i == MAXW ? "prober" : "worker",
	       i, s->pid, s->uid, s->gen, s->why[0] ? ": " : "", s->why);
	for (uint64_t q = last >= RING ? last - RING + 1 : 1; q <= last; q++) {
		struct op_rec *r = &s->ring[q % RING];

		if (__atomic_load_n(&r->seq, __ATOMIC_ACQUIRE) != q)
			continue;
		if (r->result == PEND)
			printf("#   %6" PRIu64 " t%u %s => (in flight)\n", q, r->thread, r->desc);
		else
			printf("#   %6" PRIu64 " t%u %s => %#x\n", q, r->thread, r->desc, r->result);
	}
}

static int failures;
static uint32_t sh_ops_mask = ~0u;
static uint64_t seed;

static void failure(int slot, const char *fmt, ...)
{
	va_list ap;

	printf("# FAIL (seed %" PRIu64 "): ", seed);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (slot >= 0)
		dump_slot(slot);
	failures++;
	fflush(stdout);
}

static pid_t start(int slot, uid_t uid, bool probe)
{
	pid_t pid;

	sh->w[slot].uid = uid;
	sh->w[slot].why[0] = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (probe)
			prober(uid);
		worker(slot, uid);
	}
	__atomic_store_n(&sh->w[slot].pid, pid, __ATOMIC_RELEASE);
	return pid;
}

/* A worker ended: SIGKILL is expected (ours, task_terminate, a guard). */
static void ended(int slot, int status)
{
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		return;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;
	failure(slot, "%s %d ended with %s %d", slot == MAXW ? "prober" : "worker", slot,
		WIFSIGNALED(status) ? "signal" : "status",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

static int nslots;

/* A worker SIGKILL cannot end in 2 minutes: a kernel bug, stuck in the module. */
static void on_alarm(int sig)
{
	failure(-1, "workers still alive 120 s after SIGKILL");
	for (int i = 0; i < nslots; i++)
		if (sh->w[i].pid > 0)
			dump_slot(i);
	_exit(1);
}

static int find_slot(pid_t pid, int nprocs)
{
	for (int i = 0; i < nprocs; i++)
		if (sh->w[i].pid == pid)
			return i;
	return -1;
}

static bool workers_alive(int nprocs)
{
	for (int i = 0; i < nprocs; i++)
		if (sh->w[i].pid > 0)
			return true;
	return false;
}

/*
 * What the workers left: their victims die with them (PR_SET_PDEATHSIG),
 * their forked children exit at once; we are their subreaper.  One still
 * here a second later is stuck (a fork child in libmach's atfork RPC, a
 * child parked by a hold): each is printed, then killed, so that the
 * counters can come back.
 */
static void orphans(void)
{
	char path[64], line[256], comm[64], wchan[64];
	pid_t me = getpid();
	int n = 0, status;

	sleep(1);
	while (waitpid(-1, &status, WNOHANG) > 0)
		;
	for (pid_t p = 2; p < 4194304 && n < 1000; p++) {
		FILE *f;
		int ppid = 0;
		char st = '?';

		snprintf(path, sizeof(path), "/proc/%d/stat", p);
		f = fopen(path, "r");
		if (!f) {
			if (errno == ENOENT && p > 65536)
				break;
			continue;
		}
		if (!fgets(line, sizeof(line), f) ||
		    sscanf(line, "%*d (%63[^)]) %c %d", comm, &st, &ppid) != 3)
			ppid = 0;
		fclose(f);
		if (ppid != me)
			continue;
		wchan[0] = 0;
		snprintf(path, sizeof(path), "/proc/%d/wchan", p);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(wchan, sizeof(wchan), f))
				wchan[0] = 0;
			fclose(f);
		}
		printf("# leftover (seed %" PRIu64 "): pid %d %s state %c in %s, killed\n",
		       seed, p, comm, st, wchan[0] ? wchan : "?");
		kill(p, SIGKILL);
		n++;
	}
	alarm(120);
	while (n && wait(&status) > 0)
		;
	alarm(0);
}

int main(int argc, char **argv)
{
	int nprocs = 4, nroot = -1, kills = 30, quiet = 0, verbose = 0, lower = 0, c, status;
	int longrun = 0, secs_set = 0;
	double progress = 0;
	uint64_t saved_ports = 0, saved_bytes = 0;
	uid_t uid = 65534;
	double secs = 60, t0, t1, t2 = 0;
	uint64_t before[MACH_NL_A_MAX + 1], after[MACH_NL_A_MAX + 1], nops = UINT64_MAX;
	uint64_t respawns = 0, sigkills = 0;
	pid_t pid;

	seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	while ((c = getopt(argc, argv, "s:t:n:p:j:r:u:k:o:qvlL")) != -1) {
		switch (c) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 't': secs = atof(optarg); secs_set = 1; break;
		case 'o': sh_ops_mask = strtoul(optarg, NULL, 0); break;
		case 'L': longrun = 1; break;
		case 'n': nops = strtoull(optarg, NULL, 0); break;
		case 'p': nprocs = atoi(optarg); break;
		case 'j': nthreads = atoi(optarg); break;
		case 'r': nroot = atoi(optarg); break;
		case 'u': uid = atoi(optarg); break;
		case 'k': kills = atoi(optarg); break;
		case 'q': quiet = 1; break;
		case 'v': verbose = 1; break;
		case 'l': lower = 1; break;
		default:
			fprintf(stderr, "usage: %s [-s SEED] [-t SECONDS] [-n OPS] [-p PROCS] [-j THREADS] [-r ROOT_PROCS] [-u UID] [-k KILLS_PER_MIN] [-o OPS_MASK] [-l] [-L] [-q] [-v]\n",
				argv[0]);
			return 2;
		}
	}
	if (longrun && !secs_set)
		secs = 1800;
	if (nprocs < 1 || nprocs > MAXW || nthreads < 1 || nthreads > MAXT)
		return fprintf(stderr, "mach-fuzz: 1..%d processes, 1..%d threads\n", MAXW, MAXT), 2;
	if (nroot < 0)
		nroot = nprocs >= 3 ? 1 : 0;
	if (geteuid())
		uid = geteuid(), nroot = 0;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# mach-fuzz: seed %" PRIu64 " (mach-fuzz -s %" PRIu64 " -t %g -p %d -j %d -r %d)\n",
	       seed, seed, secs, nprocs, nthreads, nroot);
	if (lower && !geteuid()) {	/* limits the fuzzing can meet */
		saved_ports = param("user_max_ports");
		saved_bytes = param("user_max_msg_bytes");
		set_param("user_max_ports", 4096);
		set_param("user_max_msg_bytes", 32 << 20);
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);	/* the workers' orphans come to us */
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED || stats(before))
		return fprintf(stderr, "mach-fuzz: no netlink statistics (is mach.ko loaded? root?)\n"), 2;
	sh->seed = seed;
	sh->ops_mask = sh_ops_mask;
	sh->ops_limit = nops;
	sh->user_max_msg = before[MACH_NL_A_STAT_USER_MAX_MSG_BYTES];
	sh->user_max_ports = before[MACH_NL_A_STAT_USER_MAX_PORTS];
	sh->budget = param("port_byte_budget");
	sh->max_ool = param("max_ool_size");
	t0 = now();
	sh->deadline = t0 + secs;

	/* 1. the probes, strict, as the unprivileged uid */
	pid = start(MAXW, uid, true);
	if (waitpid(pid, &status, 0) == pid)
		ended(MAXW, status);
	if (!quiet || failures)
		dump_slot(MAXW);

	/* 2. the fuzzing, with random kills: the rest of the time, a quarter at least */
	t1 = now();
	if (sh->deadline < t1 + secs / 4)
		sh->deadline = t1 + secs / 4;
	for (int i = 0; i < nprocs; i++)
		start(i, i < nroot ? 0 : uid, false);
	srand(seed);
	while (now() < sh->deadline && sh->ops < nops) {
		usleep(100000);
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			int i = find_slot(pid, nprocs);

			if (i < 0)
				continue;
			ended(i, status);
			sh->w[i].gen++;
			if (now() < sh->deadline && sh->ops < nops) {
				start(i, sh->w[i].uid, false);
				respawns++;
			} else {
				sh->w[i].pid = 0;
			}
		}
		if (longrun && now() > progress + 60) {	/* a line a minute */
			progress = now();
			printf("# %.0f s: %" PRIu64 " operations, %" PRIu64 " restarts, %" PRIu64 " SIGKILLs\n",
			       progress - t1, sh->ops, respawns, sigkills);
		}
		if (kills && rand() % 600 < kills) {
			int i = rand() % nprocs;

			if (sh->w[i].pid > 0 && !kill(sh->w[i].pid, SIGKILL))
				sigkills++;
		}
	}
	sh->stop = 1;
	t2 = now();
	/* what is still running (waiting, suspended by a sibling) is killed */
	usleep(500000);
	for (int i = 0; i < nprocs; i++)
		if (sh->w[i].pid > 0)
			kill(sh->w[i].pid, SIGKILL);
	nslots = nprocs;
	signal(SIGALRM, on_alarm);
	alarm(120);
	while (workers_alive(nprocs) && (pid = wait(&status)) > 0) {
		int i = find_slot(pid, nprocs);

		if (i >= 0) {
			ended(i, status);
			sh->w[i].pid = 0;
		}
	}
	alarm(0);
	orphans();

	/* 3. the module's counters back where they were */
	for (int tries = 0;; tries++) {
		bool same = !stats(after);

		for (size_t g = 0; same && g < NGAUGES; g++)
			same = before[gauges[g].attr] == after[gauges[g].attr];
		if (same)
			break;
		if (tries == 600) {	/* 60 s: exit teardown runs from a workqueue */
			for (size_t g = 0; g < NGAUGES; g++)
				if (before[gauges[g].attr] != after[gauges[g].attr])
					failure(-1, "%s: %" PRIu64 " before, %" PRIu64 " after",
						gauges[g].name, before[gauges[g].attr],
						after[gauges[g].attr]);
			for (int i = 0; i < nprocs; i++)
				dump_slot(i);
			break;
		}
		usleep(100000);
	}

	for (int i = 0; verbose && i < nprocs; i++)
		dump_slot(i);
	printf("# %" PRIu64 " operations in %.0f s by %d processes x %d threads (%" PRIu64 " restarts, %" PRIu64 " SIGKILLs); probes %.0f s, teardown %.0f s\n",
	       sh->ops > nops ? nops : sh->ops, t2 - t1, nprocs, nthreads, respawns, sigkills,
	       t1 - t0, now() - t2);
	for (int k = 0; k < K_NKINDS; k++) {
		printf("#   %-13s %9" PRIu64 " (%" PRIu64 " succeeded)", kind_name[k],
		       sh->kind_ops[k], sh->kind_ok[k]);
		/* the most frequent results, 5 at most */
		struct { uint64_t n; int code; } top[5] = { { 0 } };

		for (int h = 0; h < 512; h++) {
			uint64_t key = sh->codes[h].key, n = sh->codes[h].n;

			if ((int)(key >> 32) != k + 1)
				continue;
			for (int j = 0; j < 5; j++) {
				if (n <= top[j].n)
					continue;
				memmove(&top[j + 1], &top[j], (4 - j) * sizeof(top[0]));
				top[j].n = n;
				top[j].code = (int)(uint32_t)key;
				break;
			}
		}
		for (int j = 0; j < 5 && top[j].n; j++)
			printf("%s %#x:%" PRIu64, j ? "," : " ", top[j].code, top[j].n);
		printf("\n");
	}
	printf("# limits: %" PRIu64 " ports refused (user_max_ports %" PRIu64 "), %" PRIu64 " sends refused (user_max_msg_bytes %" PRIu64 ", global %" PRIu64 "); seen KERN_NO_SPACE %" PRIu64 ", MACH_SEND_NO_BUFFER %" PRIu64 "\n",
	       after[MACH_NL_A_STAT_PORT_DENIALS] - before[MACH_NL_A_STAT_PORT_DENIALS],
	       after[MACH_NL_A_STAT_USER_MAX_PORTS],
	       after[MACH_NL_A_STAT_MSG_DENIALS] - before[MACH_NL_A_STAT_MSG_DENIALS],
	       after[MACH_NL_A_STAT_USER_MAX_MSG_BYTES], after[MACH_NL_A_STAT_GLOBAL_MAX_MSG_BYTES],
	       sh->no_space, sh->no_buffer);
	printf("# messages sent %" PRIu64 ", received %" PRIu64 ", OOL bytes %" PRIu64 ", notifications %" PRIu64 "\n",
	       after[MACH_NL_A_STAT_MSGS_SENT] - before[MACH_NL_A_STAT_MSGS_SENT],
	       after[MACH_NL_A_STAT_MSGS_RECEIVED] - before[MACH_NL_A_STAT_MSGS_RECEIVED],
	       after[MACH_NL_A_STAT_OOL_BYTES] - before[MACH_NL_A_STAT_OOL_BYTES],
	       after[MACH_NL_A_STAT_NOTIFICATIONS] - before[MACH_NL_A_STAT_NOTIFICATIONS]);
	if (lower && !geteuid()) {
		set_param("user_max_ports", saved_ports);
		set_param("user_max_msg_bytes", saved_bytes);
	}
	printf("# mach-fuzz: seed %" PRIu64 ": %s\n", seed, failures ? "FAILED" : "counters back to baseline, ok");
	return failures ? 1 : 0;
}
