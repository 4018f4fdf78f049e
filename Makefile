# SPDX-License-Identifier: GPL-2.0
# linux-mach: the commands people type.  Kbuild (beside this file) is what the
# kernel's build system reads; this Makefile drives it and the userspace parts.
#
#   make            module (against KDIR), libmach, tools, selftests
#   make check      static checks, then every selftest in QEMU on 6.1, 6.12
#                   and a 6.1 built with KASAN, lockdep, kmemleak
#   make check-debug  the same on that debug kernel only
#   make run        boot the 6.1 VM with the module loaded and run tools/demo
#   make fuzz       tools/mach-fuzz in the VM (SEED=, SECONDS=, FUZZ_KERNEL=)
#   make install    libmach, tools and the module (modules_install)
#
# KDIR: kernel build tree; KERNEL=6.1|6.12 picks a kernel fetched into the
# cache by tools/fetch-kernels instead.  The module is built out of tree in
# build/<release>/ so that builds for several kernels coexist.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
PREFIX ?= /usr/local

ifneq ($(KERNEL),)
KDIR := $(shell $(TOP)/tools/fetch-kernels --kdir $(KERNEL))
endif
MACH_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/linux-mach
# The running kernel's build dir, else Debian's cloud 6.1 headers, else the
# cached 6.1 kernel.
ifeq ($(origin KDIR),undefined)
KDIR := $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(shell ls -d /usr/src/linux-headers-*-cloud-amd64 2>/dev/null | sort -V | tail -n 1) \
	$(wildcard $(MACH_CACHE)/kernels/6.1/root/usr/src/linux-headers-*-cloud-amd64))
endif
KREL := $(patsubst linux-headers-%,%,$(notdir $(realpath $(KDIR))))
BUILD := $(TOP)/build/$(KREL)
# What kbuild needs to see in the build dir: Kbuild and the sources.
MODULE_SRCS = Kbuild $(shell cd $(TOP) && find module uapi -type f \( -name '*.[chS]' -o -name 'Kbuild*' \))

all: module userspace

userspace: libmach tools selftests

module:
	@test -n "$(KREL)" -a -d "$(KDIR)" || { echo "no kernel build tree (KDIR=$(KDIR)): apt-get install linux-headers-cloud-amd64, or make KERNEL=6.1" >&2; exit 1; }
	@mkdir -p $(BUILD)
	@# Copy only what changed, so kbuild's timestamps stay meaningful; drop
	@# sources that no longer exist.
	@cd $(TOP) && for f in $(MODULE_SRCS); do \
		cmp -s $$f $(BUILD)/$$f || { mkdir -p $(BUILD)/$$(dirname $$f) && cp $$f $(BUILD)/$$f; }; done
	@cd $(BUILD) && find module uapi -type f \( -name '*.[chS]' -o -name 'Kbuild*' \) | \
		while read -r f; do test -e $(TOP)/$$f || rm -f $$f; done
	$(MAKE) -C $(KDIR) M=$(BUILD) modules

libmach:
	$(MAKE) -C $(TOP)/libmach

tools: libmach
	$(if $(wildcard $(TOP)/tools/Makefile),$(MAKE) -C $(TOP)/tools)

selftests: libmach
	$(MAKE) -C $(TOP)/selftests

check:
	@$(TOP)/tools/vm/check

# The check on the 6.1 built with KASAN, lockdep and kmemleak alone (built
# once into the cache, about 10 min; Documentation/testing.rst).
check-debug:
	@$(TOP)/tools/vm/check --debug

run:
	$(TOP)/tools/vm-run --kernel 6.1 --shell -- demo

kernels:
	$(TOP)/tools/fetch-kernels all

# Mach IPC against pipes, UNIX sockets and futexes, in the VM
# (Documentation/performance.rst).  BENCH_KERNEL=6.12 for the other kernel;
# BENCH_ARGS=--quick for the smoke run that `make check` also does.
BENCH_KERNEL ?= 6.1
BENCH_ARGS ?= -n 2000 -r 21

bench: tools
	$(TOP)/tools/vm-run --kernel $(BENCH_KERNEL) --timeout 900 -- mach-bench $(BENCH_ARGS)

# Instructions per message and per round trip, Mach against a pipe, counted
# by QEMU (Documentation/performance.rst, "Instruction counts").
icount:
	$(TOP)/tools/icount/run --kernel $(BENCH_KERNEL)

# The fuzzer in the VM, longer than the lane of `make check` does
# (Documentation/testing.rst, "Fuzzing"): SEED= repeats a run, SECONDS= sets
# its length (default 150), FUZZ_KERNEL=6.1|6.12|6.1-debug the kernel.
FUZZ_KERNEL ?= 6.1-debug

fuzz:
	$(TOP)/tools/vm/fuzz-lane --kernel $(FUZZ_KERNEL) $(if $(SEED),--seed $(SEED)) \
		$(if $(SECONDS),--seconds $(SECONDS))

.PHONY: fuzz

# Distribution headers carry no signing key: skip kbuild's SIGN step there
# rather than have it fail noisily.
MODINST_FLAGS := $(if $(wildcard $(KDIR)/certs/signing_key.pem),,CONFIG_MODULE_SIG_ALL=)

install: all
	$(MAKE) -C $(TOP)/libmach install
ifneq ($(wildcard $(TOP)/tools/Makefile),)
	$(MAKE) -C $(TOP)/tools install
endif
	$(MAKE) -C $(KDIR) M=$(BUILD) $(MODINST_FLAGS) modules_install
	@# kbuild skips depmod without a System.map, which distribution headers lack
	$(if $(INSTALL_MOD_PATH),,test ! -d /lib/modules/$(KREL) || depmod -a $(KREL))

# DKMS builds and rebuilds the module for each installed kernel.
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(TOP)/dkms.conf)
dkms-install:
	rm -rf /usr/src/mach-$(DKMS_VERSION)
	mkdir -p /usr/src/mach-$(DKMS_VERSION)
	cd $(TOP) && cp --parents dkms.conf $(MODULE_SRCS) /usr/src/mach-$(DKMS_VERSION)/
	dkms install mach/$(DKMS_VERSION)

dkms-remove:
	dkms remove mach/$(DKMS_VERSION) --all
	rm -rf /usr/src/mach-$(DKMS_VERSION)

clean:
	rm -rf $(TOP)/build
	$(MAKE) -C $(TOP)/libmach clean
	$(MAKE) -C $(TOP)/selftests clean
	$(if $(wildcard $(TOP)/tools/Makefile),$(MAKE) -C $(TOP)/tools clean)
	@# leftovers of an in-tree `make -C $$KDIR M=$$PWD`
	cd $(TOP) && rm -f *.o *.ko *.mod *.mod.c .*.cmd modules.order Module.symvers \
		module/*.o module/.*.cmd

.PHONY: bench icount all userspace module libmach tools selftests check check-debug run kernels install \
	dkms-install dkms-remove clean
