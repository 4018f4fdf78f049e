// SPDX-License-Identifier: GPL-2.0
/*
 * mcrash CMD [ARG...]: run CMD with a Mach exception handler, the way a
 * crash reporter does on macOS.  When CMD faults, print the exception and
 * its codes, the faulting thread's registers and a frame-pointer
 * backtrace (each frame as file+offset from /proc/PID/maps, with the
 * function from the file's ELF symbol table when it has one), then let the
 * crash go on: the handler replies KERN_FAILURE, so CMD dies of its signal
 * as it would have without mcrash.  mcrash exits with CMD's status (128 +
 * the signal for a signal, as a shell reports it).
 *
 * The handler is mcrash's own task exception port, which CMD inherits
 * across fork and exec (Documentation/exceptions.rst); registers come
 * from thread_get_state and the stack from mach_vm_read_overwrite on the
 * task port that arrives in the exception message.  A death by a signal
 * that was no fault (abort()) is reported from EXC_CRASH, which the module
 * raises before such a process dies.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
		[EXC_CRASH] = "EXC_CRASH",
	};

	if (exc > 0 && exc < (int)(sizeof(names) / sizeof(names[0])) &&
	    names[exc])
		return names[exc];
	return "exception";
}

/*
 * The function of @file containing file offset @foff, from its .symtab (or
 * .dynsym when stripped): the file offset goes to a virtual address
 * through the PT_LOAD segment that maps it.  Writes "name+0xoff" to @out;
 * false when the file is not a 64-bit ELF file or no symbol covers it.
 */
static bool elf_symbol(const char *file, uint64_t foff, char *out, size_t len)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh;
	const Elf64_Phdr *ph;
	const Elf64_Sym *best = NULL;
	const char *strtab = NULL;
	uint64_t vaddr = 0;
	bool mapped = false;
	struct stat st;
	size_t size, i, j;
	void *map;
	int fd, pass;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) || (size_t)st.st_size < sizeof(*eh)) {
		close(fd);
		return false;
	}
	size = st.st_size;
	map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return false;
	eh = map;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_phentsize != sizeof(*ph) || eh->e_shentsize != sizeof(*sh) ||
	    eh->e_phoff > size || eh->e_phnum > (size - eh->e_phoff) / sizeof(*ph) ||
	    eh->e_shoff > size || eh->e_shnum > (size - eh->e_shoff) / sizeof(*sh))
		goto out;
	ph = (const Elf64_Phdr *)((const char *)map + eh->e_phoff);
	for (i = 0; i < eh->e_phnum && !mapped; i++) {
		if (ph[i].p_type == PT_LOAD && foff >= ph[i].p_offset &&
		    foff - ph[i].p_offset < ph[i].p_filesz) {
			vaddr = ph[i].p_vaddr + (foff - ph[i].p_offset);
			mapped = true;
		}
	}
	if (!mapped)
		goto out;
	sh = (const Elf64_Shdr *)((const char *)map + eh->e_shoff);
	/* .symtab first; .dynsym when the file has no .symtab */
	for (pass = 0; pass < 2 && !best; pass++) {
		for (i = 0; i < eh->e_shnum; i++) {
			const Elf64_Sym *sym;
			const Elf64_Shdr *ss;
			size_t n;

			if (sh[i].sh_type != (pass ? SHT_DYNSYM : SHT_SYMTAB) ||
			    sh[i].sh_link >= eh->e_shnum)
				continue;
			ss = &sh[sh[i].sh_link];
			if (sh[i].sh_offset > size ||
			    sh[i].sh_size > size - sh[i].sh_offset ||
			    ss->sh_offset > size || ss->sh_size > size - ss->sh_offset ||
			    !ss->sh_size)
				continue;
			sym = (const Elf64_Sym *)((const char *)map + sh[i].sh_offset);
			n = sh[i].sh_size / sizeof(*sym);
			for (j = 0; j < n; j++) {
				if (ELF64_ST_TYPE(sym[j].st_info) != STT_FUNC ||
				    !sym[j].st_value || sym[j].st_value > vaddr ||
				    sym[j].st_name >= ss->sh_size)
					continue;
				if (sym[j].st_size &&
				    vaddr - sym[j].st_value >= sym[j].st_size)
					continue;
				if (!best || sym[j].st_value > best->st_value) {
					best = &sym[j];
					strtab = (const char *)map + ss->sh_offset;
				}
			}
			if (best && strnlen(strtab + best->st_name,
					    ss->sh_size - best->st_name) ==
			    ss->sh_size - best->st_name)
				best = NULL;	/* unterminated name */
			if (best)
				break;
		}
	}
	if (best)
		snprintf(out, len, "%s+0x%" PRIx64, strtab + best->st_name,
			 vaddr - best->st_value);
out:
	munmap(map, size);
	return best != NULL;
}

/*
 * "path+0xoff" for @addr from /proc/PID/maps, or "?"; followed by
 * " (function+0xoff)" when the file's symbols name it.
 */
static void where(pid_t pid, uint64_t addr, char *out, size_t len)
{
	char path[64], line[512], file[400], sym[256];
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
		if (file[0] == '/' &&
		    elf_symbol(file, addr - lo + off, sym, sizeof(sym)))
			snprintf(out, len, "%s+0x%" PRIx64 " (%s)", file,
				 addr - lo + off, sym);
		else
			snprintf(out, len, "%s+0x%" PRIx64,
				 file[0] ? file : "[anon]", addr - lo + off);
		break;
	}
	fclose(f);
}

static void backtrace(mach_port_t task, const x86_thread_state64_t *s)
{
	uint64_t fp = s->__rbp, pc = s->__rip, frame[2];
	mach_vm_size_t got;
	char at[800];
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
	char at[800];
	int pid = 0;

	pid_for_task(task, &pid);
	/*
	 * EXC_CRASH (the process is about to die of a signal): code[0] packs
	 * the signal, the original exception and its code.  A fault was
	 * reported when it was raised; a signal that was no fault (abort())
	 * is reported here, with the dying thread's state.
	 */
	if (exc == EXC_CRASH && ncode > 0 && ((code[0] >> 20) & 0xf)) {
		mach_port_deallocate(mach_task_self(), thread);
		mach_port_deallocate(mach_task_self(), task);
		return KERN_SUCCESS;
	}
	if (exc == EXC_CRASH && ncode > 0)
		printf("mcrash: pid %d: EXC_CRASH (%d): signal %d (%s)\n", pid,
		       exc, (int)((code[0] >> 24) & 0xff),
		       strsignal((int)((code[0] >> 24) & 0xff)));
	else
		printf("mcrash: pid %d: %s (%d)", pid, exc_name(exc), exc);
	if (exc != EXC_CRASH) {
		if (ncode > 0)
			printf(", code 0x%" PRIx64, (uint64_t)code[0]);
		if (ncode > 1)
			printf(", subcode 0x%" PRIx64, (uint64_t)code[1]);
		printf("\n");
	}
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
		EXC_MASK_ARITHMETIC | EXC_MASK_BREAKPOINT | EXC_MASK_CRASH;
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
