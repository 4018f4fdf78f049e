// SPDX-License-Identifier: GPL-2.0
/*
 * mvmmap PID: another process's regions, in the spirit of macOS vmmap.
 * The walk is Mach's: task_for_pid, then mach_vm_region_recurse from 0
 * until KERN_INVALID_ADDRESS.  A region's file name is what macOS gets from
 * libproc's proc_regionfilename; Linux's equivalent is /proc/PID/maps,
 * read only to put names on the regions Mach described.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_traps.h>
#include <mach/mach_vm.h>

struct name {
	unsigned long start, end;
	char path[256];
};

static struct name *names;
static int nnames;

static void load_names(int pid)
{
	char file[64], line[512], path[256];
	unsigned long s, e;
	FILE *f;
	int n;

	snprintf(file, sizeof(file), "/proc/%d/maps", pid);
	f = fopen(file, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		path[0] = 0;
		n = sscanf(line, "%lx-%lx %*s %*s %*s %*s %255[^\n]", &s, &e,
			   path);
		if (n < 2)
			continue;
		names = realloc(names, (nnames + 1) * sizeof(*names));
		if (!names)
			exit(1);
		names[nnames].start = s;
		names[nnames].end = e;
		snprintf(names[nnames].path, sizeof(names[nnames].path), "%s",
			 path);
		nnames++;
	}
	fclose(f);
}

static const char *name_of(unsigned long addr)
{
	int i;

	for (i = 0; i < nnames; i++)
		if (names[i].start <= addr && addr < names[i].end)
			return names[i].path;
	return "";
}

static void prot_str(vm_prot_t p, char out[4])
{
	out[0] = p & VM_PROT_READ ? 'r' : '-';
	out[1] = p & VM_PROT_WRITE ? 'w' : '-';
	out[2] = p & VM_PROT_EXECUTE ? 'x' : '-';
	out[3] = 0;
}

static const char *share_str(int mode)
{
	switch (mode) {
	case SM_COW:		return "COW";
	case SM_PRIVATE:	return "PRV";
	case SM_EMPTY:		return "NUL";
	case SM_SHARED:		return "SHM";
	case SM_TRUESHARED:	return "TSH";
	default:		return "???";
	}
}

/* What vmmap calls the region type, from the name and the share mode. */
static const char *type_of(const char *path, int external)
{
	if (!strcmp(path, "[heap]"))
		return "MALLOC (heap)";
	if (!strcmp(path, "[stack]"))
		return "Stack";
	if (path[0] == '[')
		return path;
	if (path[0])
		return external ? "mapped file" : "mapped";
	return "VM_ALLOCATE";
}

static void size_str(unsigned long long b, char out[16])
{
	const char *u = "KMGT";
	double v = b / 1024.0;

	while (v >= 1024 && u[1]) {
		v /= 1024;
		u++;
	}
	snprintf(out, 16, v < 10 ? "%.1f%c" : "%.0f%c", v, *u);
}

int main(int argc, char **argv)
{
	vm_region_submap_info_data_64_t info;
	mach_msg_type_number_t cnt;
	mach_vm_address_t addr = 0;
	mach_vm_size_t size;
	unsigned long long total = 0, writable = 0, files = 0, anon = 0;
	natural_t depth;
	mach_port_t task;
	kern_return_t kr;
	int pid, regions = 0;
	char cur[4], max[4], sz[16];
	const char *path;

	if (argc != 2 || (pid = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: mvmmap PID\n");
		return 2;
	}
	kr = task_for_pid(mach_task_self(), pid, &task);
	if (kr != KERN_SUCCESS) {
		fprintf(stderr, "mvmmap: task_for_pid(%d): %s\n", pid,
			mach_error_string(kr));
		return 1;
	}
	load_names(pid);
	printf("Process: [%d]\n\n", pid);
	printf("%-20s %16s-%-16s [%7s] %s/%s %s  %s\n", "REGION TYPE", "START",
	       "END", "VSIZE", "PRT", "MAX", "SHRMOD", "REGION DETAIL");
	for (;;) {
		depth = 0;
		cnt = VM_REGION_SUBMAP_INFO_COUNT_64;
		kr = mach_vm_region_recurse(task, &addr, &size, &depth,
					    (vm_region_recurse_info_t)&info,
					    &cnt);
		if (kr != KERN_SUCCESS)
			break;
		path = name_of(addr);
		prot_str(info.protection, cur);
		prot_str(info.max_protection, max);
		size_str(size, sz);
		printf("%-20s %016llx-%016llx [%7s] %s/%s %-6s  %s\n",
		       type_of(path, info.external_pager),
		       (unsigned long long)addr,
		       (unsigned long long)(addr + size), sz, cur, max,
		       share_str(info.share_mode), path);
		regions++;
		total += size;
		if (info.protection & VM_PROT_WRITE)
			writable += size;
		if (info.external_pager)
			files += size;
		else
			anon += size;
		addr += size;
	}
	if (kr != KERN_INVALID_ADDRESS) {
		fprintf(stderr, "mvmmap: mach_vm_region_recurse: %s\n",
			mach_error_string(kr));
		return 1;
	}
	size_str(total, sz);
	printf("\n%d regions, virtual size %s", regions, sz);
	size_str(writable, sz);
	printf(", writable %s", sz);
	size_str(files, sz);
	printf(", mapped files %s", sz);
	size_str(anon, sz);
	printf(", anonymous %s\n", sz);
	return 0;
}
