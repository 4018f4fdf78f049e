// SPDX-License-Identifier: GPL-2.0
/*
 * mcrash CMD [ARG...]: run CMD with a Mach exception handler, the way a
 * crash reporter does on macOS.  When CMD faults, print the exception and
 * its codes, the faulting thread's registers and a frame-pointer
 * backtrace (each frame as file+offset from /proc/PID/maps), then let the
 * crash go on: the handler replies KERN_FAILURE, so CMD dies of its signal
 * as it would have without mcrash.  mcrash exits with CMD's status (128 +
 * the signal for a signal, as a shell reports it).
 *
 * The handler is mcrash's own task exception port, which CMD inherits
 * across fork and exec (Documentation/exceptions.rst); registers come
 * from thread_get_state and the stack from mach_vm_read_overwrite on the
 * task port that arrives in the exception message.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_exc.h>
#include <mach/mach_vm.h>
#include <mach/thread_status.h>

#define MAX_FRAMES	32

static pid_t child_pid;

static const char *exc_name(exception_type_t exc)
{
	static const char *const names[] = {
		[EXC_BAD_ACCESS] = "EXC_BAD_ACCESS",
		[EXC_BAD_INSTRUCTION] = "EXC_BAD_INSTRUCTION",
		[EXC_ARITHMETIC] = "EXC_ARITHMETIC",
		[EXC_EMULATION] = "EXC_EMULATION",
		[EXC_SOFTWARE] = "EXC_SOFTWARE",
		[EXC_BREAKPOINT] = "EXC_BREAKPOINT",
	};

	if (exc > 0 && exc < (int)(sizeof(names) / sizeof(names[0])) &&
	    names[exc])
		return names[exc];
	return "exception";
}

/* "path+0xoff" for @addr from /proc/PID/maps, or "?". */
static void where(pid_t pid, uint64_t addr, char *out, size_t len)
{
	char path[64], line[512], file[400];
	unsigned long lo, hi, off;
	FILE *f;

	snprintf(out, len, "?");
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		file[0] = '\0';
		if (sscanf(line, "%lx-%lx %*s %lx %*s %*s %399[^\n]", &lo, &hi,
			   &off, file) < 3)
			continue;
		if (addr < lo || addr >= hi)
			continue;
		snprintf(out, len, "%s+0x%" PRIx64, file[0] ? file : "[anon]",
			 addr - lo + off);
		break;
	}
	fclose(f);
}

static void backtrace(mach_port_t task, const x86_thread_state64_t *s)
{
	uint64_t fp = s->__rbp, pc = s->__rip, frame[2];
	mach_vm_size_t got;
	char at[480];
	int i;

	for (i = 0; i < MAX_FRAMES && pc; i++) {
		where(child_pid, pc, at, sizeof(at));
		printf("  #%-2d 0x%016" PRIx64 " %s\n", i, pc, at);
		if (!fp || fp & 7)
			break;
		got = 0;
		if (mach_vm_read_overwrite(task, fp, sizeof(frame),
					   (mach_vm_address_t)frame, &got) ||
		    got != sizeof(frame) || frame[0] <= fp)
			break;
		fp = frame[0];
		pc = frame[1];
	}
}

static void registers(const x86_thread_state64_t *s)
{
	printf("  rax %016" PRIx64 "  rbx %016" PRIx64 "  rcx %016" PRIx64 "\n"
	       "  rdx %016" PRIx64 "  rdi %016" PRIx64 "  rsi %016" PRIx64 "\n"
	       "  rbp %016" PRIx64 "  rsp %016" PRIx64 "  r8  %016" PRIx64 "\n"
	       "  r9  %016" PRIx64 "  r10 %016" PRIx64 "  r11 %016" PRIx64 "\n"
	       "  r12 %016" PRIx64 "  r13 %016" PRIx64 "  r14 %016" PRIx64 "\n"
	       "  r15 %016" PRIx64 "  rip %016" PRIx64 "  rfl %016" PRIx64 "\n",
	       s->__rax, s->__rbx, s->__rcx, s->__rdx, s->__rdi, s->__rsi,
	       s->__rbp, s->__rsp, s->__r8, s->__r9, s->__r10, s->__r11,
	       s->__r12, s->__r13, s->__r14, s->__r15, s->__rip, s->__rflags);
}

/* Called by mach_exc_server for each exception (EXCEPTION_DEFAULT). */
kern_return_t catch_mach_exception_raise(mach_port_t port, mach_port_t thread,
					 mach_port_t task,
					 exception_type_t exc,
					 mach_exception_data_t code,
					 mach_msg_type_number_t ncode)
{
	mach_msg_type_number_t cnt = x86_THREAD_STATE64_COUNT;
	x86_thread_state64_t s;
	char at[480];
	int pid = 0;

	pid_for_task(task, &pid);
	printf("mcrash: pid %d: %s (%d)", pid, exc_name(exc), exc);
	if (ncode > 0)
		printf(", code 0x%" PRIx64, (uint64_t)code[0]);
	if (ncode > 1)
		printf(", subcode 0x%" PRIx64, (uint64_t)code[1]);
	printf("\n");
	if (thread_get_state(thread, x86_THREAD_STATE64, (thread_state_t)&s,
			     &cnt) == KERN_SUCCESS) {
		where(child_pid, s.__rip, at, sizeof(at));
		printf("mcrash: at 0x%016" PRIx64 " %s\n", s.__rip, at);
		registers(&s);
		printf("mcrash: backtrace (frame pointers)\n");
		backtrace(task, &s);
	}
	fflush(stdout);
	mach_port_deallocate(mach_task_self(), thread);
	mach_port_deallocate(mach_task_self(), task);
	return KERN_FAILURE;	/* the crash goes on: CMD gets its signal */
}

/* Serve exceptions until the child is gone (the port is then idle). */
static void *serve(void *arg)
{
	mach_port_t port = (mach_port_t)(uintptr_t)arg;

	for (;;) {
		kern_return_t kr = mach_msg_server_once(mach_exc_server, 4096,
							port, 0);

		if (kr && kr != MACH_RCV_TIMED_OUT)
			return NULL;
	}
}

int main(int argc, char **argv)
{
	exception_mask_t mask = EXC_MASK_BAD_ACCESS | EXC_MASK_BAD_INSTRUCTION |
		EXC_MASK_ARITHMETIC | EXC_MASK_BREAKPOINT;
	mach_port_t port = MACH_PORT_NULL;
	pthread_t server;
	kern_return_t kr;
	int status;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: mcrash CMD [ARG...]\n");
		return argc < 2 ? 2 : 0;
	}
	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
			       &port) ||
	    mach_port_insert_right(mach_task_self(), port, port,
				   MACH_MSG_TYPE_MAKE_SEND)) {
		fprintf(stderr, "mcrash: no Mach port (is mach.ko loaded?)\n");
		return 125;
	}
	/*
	 * A forked child has none of our port rights, but it inherits our
	 * exception ports, and keeps them across exec (XNU's rule, followed
	 * by the module): so they are set here, before the fork.
	 */
	kr = task_set_exception_ports(mach_task_self(), mask, port,
				      EXCEPTION_DEFAULT | MACH_EXCEPTION_CODES,
				      THREAD_STATE_NONE);
	if (kr) {
		fprintf(stderr, "mcrash: task_set_exception_ports: %s\n",
			mach_error_string(kr));
		return 125;
	}
	child_pid = fork();
	if (child_pid < 0) {
		perror("mcrash: fork");
		return 125;
	}
	if (child_pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "mcrash: %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	if (pthread_create(&server, NULL, serve, (void *)(uintptr_t)port)) {
		fprintf(stderr, "mcrash: no handler thread\n");
		kill(child_pid, SIGKILL);
	}
	while (waitpid(child_pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status)) {
		printf("mcrash: pid %d killed by signal %d (%s)\n", child_pid,
		       WTERMSIG(status), strsignal(WTERMSIG(status)));
		return 128 + WTERMSIG(status);
	}
	return WEXITSTATUS(status);
}
