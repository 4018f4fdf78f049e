#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarize tools/icount windows: instructions per message, by layer.

usage: report.py COUNTS KALLSYMS UNITS
COUNTS is the plugin's output (four windows, see loops.c), KALLSYMS the
guest's text symbols from the same boot, UNITS the messages or round trips
each window ran.
"""
import bisect
import collections
import sys

LAYERS = [
    ("user", "user space (libmach or libc, the loop)"),
    ("entry", "system call entry and exit"),
    ("file", "file layer and LSM hooks (ioctl / read, write)"),
    ("copy", "copies to and from user memory, usercopy checks"),
    ("ipc", "the IPC itself: mach.ko or pipe.c, locks, lookups, allocation"),
    ("other", "scheduler, wake-ups, interrupts, the rest"),
]

PREFIXES = {
    "entry": ("entry_SYSCALL", "entry_SYSRETQ", "syscall_", "do_syscall_64", "x64_sys_call",
              "exit_to_user_mode", "fpregs_assert_state_consistent", "amd_clear_divider",
              "__rseq_handle_notify_resume", "arch_exit_to_user_mode"),
    "file": ("__x64_sys_ioctl", "__x64_sys_read", "__x64_sys_write", "ksys_read", "ksys_write",
             "vfs_read", "vfs_write", "do_vfs_ioctl", "__fget_light", "__fdget", "security_",
             "tomoyo_", "apparmor_", "aa_", "bpf_lsm_", "rw_verify_area", "fsnotify",
             "current_time", "atime_needs_update", "touch_atime", "file_update_time",
             "inode_needs_update_time", "ktime_get_coarse", "__get_task_ioprio", "kill_fasync",
             "__x86_indirect_thunk", "mk_dev_ioctl", "fdget", "hook_file_", "make_vfs",
             "timestamp_truncate", "inode_update_timestamps"),
    "copy": ("__check_object_size", "__virt_addr_valid", "check_stack_object", "is_vmalloc_addr",
             "copy_user_", "_copy_from_user", "_copy_to_user", "__put_user", "__get_user",
             "_copy_from_iter", "_copy_to_iter", "copy_page_from_iter", "copy_page_to_iter",
             "page_copy_sane", "rep_movs_alternative"),
    "ipc": ("pipe_", "anon_pipe_", "mutex_", "xa_", "xas_", "page_frag_", "__page_frag_", "__list_add_valid",
            "__list_del_entry_valid", "__cond_resched", "kfree", "__kmalloc", "kmalloc",
            "__alloc_pages", "get_page_from_freelist", "clear_page", "free_unref_page",
            "__free_pages", "rmqueue", "__rcu_read"),
}


def layer(name, module):
    if module:
        return "file" if name == "mk_dev_ioctl" else "ipc"
    for lay, prefixes in PREFIXES.items():
        if name.startswith(prefixes):
            return lay
    return "other"


def load_symbols(path):
    syms = []
    for line in open(path):
        f = line.split()
        if len(f) >= 3 and f[1] in "tTwW":
            syms.append((int(f[0], 16), f[2], len(f) > 3))
    syms.sort()
    return syms


def load_windows(path):
    windows = []
    for line in open(path):
        f = line.split()
        if f[0] == "window":
            windows.append([])
        else:
            windows[-1].append((int(f[0], 16), int(f[1]) * int(f[2])))
    return windows


def main():
    counts, kallsyms, units = sys.argv[1], sys.argv[2], float(sys.argv[3])
    syms = load_symbols(kallsyms)
    starts = [s[0] for s in syms]
    windows = load_windows(counts)
    if len(windows) != 4:
        sys.exit("report.py: expected 4 windows, found %d" % len(windows))
    by_layer, by_fn = [], []
    for blocks in windows:
        lay, fn = collections.Counter(), collections.Counter()
        for vaddr, insns in blocks:
            if vaddr < 1 << 47:
                lay["user"] += insns
                continue
            i = bisect.bisect_right(starts, vaddr) - 1
            addr, name, module = syms[i] if i >= 0 else (0, "?", False)
            lay[layer(name, module)] += insns
            fn[name + (" [mach]" if module else "")] += insns
        by_layer.append({k: v / units for k, v in lay.items()})
        by_fn.append({k: v / units for k, v in fn.items()})

    print("Instructions per 64-byte one-way message (a send and a receive) and per")
    print("RPC round trip (32 bytes each way), counted by QEMU; both processes on CPU 0.")
    print()
    print("%-66s %8s %8s %6s   %8s %8s %6s" % ("", "mach_msg", "pipe", "ratio",
                                               "mach_msg", "pipe", "ratio"))
    print("%-66s %24s   %24s" % ("", "one-way message", "RPC round trip"))

    def row(label, vals):
        cells = []
        for m, p in ((vals[0], vals[1]), (vals[2], vals[3])):
            cells.append("%8.0f %8.0f %6s" % (m, p, "%.2f" % (m / p) if p else "-"))
        print("%-66s %s   %s" % (label, cells[0], cells[1]))

    for key, label in LAYERS:
        row(label, [w.get(key, 0) for w in by_layer])
    row("total", [sum(w.values()) for w in by_layer])
    for title, idx in (("one-way", (0, 1)), ("RPC", (2, 3))):
        print()
        print("Top kernel functions, %s (instructions per unit, own code only)" % title)
        tops = [sorted(by_fn[i].items(), key=lambda kv: -kv[1])[:16] for i in idx]
        for (mf, mv), (pf, pv) in zip(*tops):
            print("  %7.0f %-38s %7.0f %s" % (mv, mf, pv, pf))


if __name__ == "__main__":
    main()
