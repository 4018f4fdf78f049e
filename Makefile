# SPDX-License-Identifier: GPL-2.0
# linux-mach: the commands people type.  Kbuild (beside this file) is what the
# kernel's build system reads; this Makefile drives it and the userspace parts.
#
#   make            module (against KDIR), libmach, tools, selftests
#   make check      static checks, then every selftest in QEMU on 6.1, 6.12,
#                   7.3 and a 6.1 built with KASAN, lockdep, kmemleak;
#                   the fuzzer and a booted Debian lane
#   make check-debug  the same on that debug kernel only
#   make run        boot the 6.1 VM with the module loaded and run tools/demo
#   make fuzz       tools/mach-fuzz in the VM (SEED=, SECONDS=, FUZZ_KERNEL=)
#   make install    libmach, tools and the module (modules_install);
#                   PREFIX, LIBDIR (multiarch: /usr/lib/x86_64-linux-gnu),
#                   DESTDIR; `make uninstall` takes the same
#   make deb        Debian packages into build/deb (debian/, dh-dkms)
#
# KDIR: kernel build tree; KERNEL=6.1|6.12 picks a kernel fetched into the
# cache by tools/fetch-kernels instead.  The module is built out of tree in
# build/<release>/ so that builds for several kernels coexist.

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
PREFIX ?= /usr/local
# Where `make install` puts things; every file it writes (libmach.pc, the
# tools' run path) says the same.
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
BINDIR ?= $(PREFIX)/bin
SBINDIR ?= $(PREFIX)/sbin
# The tools find libmach through a run path, unless it is installed where
# the dynamic linker looks anyway.
SYSTEM_LIBDIRS := /lib /usr/lib /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu \
	$(shell dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null | sed 's|.*|/usr/lib/&|')
RPATH ?= $(filter-out $(SYSTEM_LIBDIRS),$(LIBDIR))
INSTALL_DIRS = PREFIX=$(PREFIX) LIBDIR=$(LIBDIR) INCLUDEDIR=$(INCLUDEDIR) \
	BINDIR=$(BINDIR) SBINDIR=$(SBINDIR) DESTDIR=$(DESTDIR)

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

# The packages `make run` needs (tools/vm/deps, shared with `make check`).
deps:
	@$(TOP)/tools/vm/deps run

run: deps
	$(TOP)/tools/vm-run --kernel 6.1 --shell -- demo

kernels:
	$(TOP)/tools/fetch-kernels all

# Mach IPC against pipes, UNIX sockets and futexes, in the VM
# (Documentation/performance.rst): mach-bench, its growth curves and
# mpmm-bench (servers and clients found through bootstrapd) in one boot, the
# log and gnuplot's drawings in build/bench/.  BENCH_KERNEL=6.12 for the
# other kernel; BENCH_ARGS=--quick MPMM_ARGS=--quick for a smoke run.
BENCH_KERNEL ?= 6.1
BENCH_ARGS ?= -n 2000 -r 21
MPMM_ARGS ?= -n 1000 -r 7

bench: tools
	@mkdir -p $(TOP)/build/bench
	$(TOP)/tools/vm-run --kernel $(BENCH_KERNEL) --timeout 2400 -- \
		'mach-bench $(BENCH_ARGS) && mach-bench --only growth && mpmm-bench $(MPMM_ARGS) && unit-costs' \
		>$(TOP)/build/bench/bench-$(BENCH_KERNEL).log 2>&1; \
	rc=$$?; cat $(TOP)/build/bench/bench-$(BENCH_KERNEL).log; [ $$rc = 0 ] || exit $$rc; \
	$(TOP)/tools/bench-plot $(TOP)/build/bench/bench-$(BENCH_KERNEL).log \
		$(TOP)/build/bench $(BENCH_KERNEL)

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

# userspace: libmach (library, headers, a libmach.pc for these directories)
# and the tools, relinked so that their run path is this LIBDIR.
install-userspace: libmach tools
	$(MAKE) -C $(TOP)/libmach install $(INSTALL_DIRS)
ifneq ($(wildcard $(TOP)/tools/Makefile),)
	$(MAKE) -C $(TOP)/tools -B install $(INSTALL_DIRS) RPATH=$(RPATH)
endif

# The module, into DESTDIR too unless INSTALL_MOD_PATH says otherwise.
INSTALL_MOD_PATH ?= $(DESTDIR)
install-module: module
	$(MAKE) -C $(KDIR) M=$(BUILD) $(MODINST_FLAGS) INSTALL_MOD_PATH=$(INSTALL_MOD_PATH) modules_install
	@# kbuild skips depmod without a System.map, which distribution headers lack
	$(if $(INSTALL_MOD_PATH),,test ! -d /lib/modules/$(KREL) || depmod -a $(KREL))

install: install-userspace install-module

uninstall:
	$(MAKE) -C $(TOP)/libmach uninstall $(INSTALL_DIRS)
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(filter-out bootstrapd,$(notdir $(basename $(wildcard $(TOP)/tools/*.c)))))
	rm -f $(DESTDIR)$(SBINDIR)/bootstrapd
	rm -f $(INSTALL_MOD_PATH)/lib/modules/$(KREL)/$(or $(INSTALL_MOD_DIR),extra)/mach.ko
	$(if $(INSTALL_MOD_PATH),,test ! -d /lib/modules/$(KREL) || depmod -a $(KREL))

# DKMS builds and rebuilds the module for each installed kernel.
DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' $(TOP)/dkms.conf)
# What DKMS builds from: dkms.conf, Kbuild, module/, uapi/ (debian/rules
# uses it for mach-dkms).
install-dkms-src:
	rm -rf $(DESTDIR)/usr/src/mach-$(DKMS_VERSION)
	mkdir -p $(DESTDIR)/usr/src/mach-$(DKMS_VERSION)
	cd $(TOP) && cp --parents dkms.conf $(MODULE_SRCS) $(DESTDIR)/usr/src/mach-$(DKMS_VERSION)/

dkms-install: install-dkms-src
	dkms install mach/$(DKMS_VERSION)

dkms-remove:
	dkms remove mach/$(DKMS_VERSION) --all
	rm -rf /usr/src/mach-$(DKMS_VERSION)

# Debian packages (debian/): mach-dkms, libmach0, libmach-dev, mach-tools,
# built from a copy of the tree in build/deb/src, results in build/deb.
# The files git knows (and untracked ones it does not ignore), else the tree.
DEB_SRC := $(TOP)/build/deb/src/linux-mach-$(DKMS_VERSION)
deb:
	@$(TOP)/tools/vm/deps deb
	rm -rf $(TOP)/build/deb
	mkdir -p $(DEB_SRC)
	cd $(TOP) && if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		git ls-files -z -c -o --exclude-standard | \
			xargs -0 sh -c 'for f; do test -e "$$f" && printf "%s\0" "$$f"; done' sh | \
			cpio -0 -pdm --quiet $(DEB_SRC); \
	else tar -cf - --exclude=./build --exclude=./.git . | tar -xf - -C $(DEB_SRC); fi
	cd $(DEB_SRC) && dpkg-buildpackage -b -us -uc
	mv $(TOP)/build/deb/src/*.deb $(TOP)/build/deb/src/*.changes \
		$(TOP)/build/deb/src/*.buildinfo $(TOP)/build/deb/
	@cd $(TOP)/build/deb && ls -1 *.deb

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
.PHONY: deps install-userspace install-module install-dkms-src uninstall deb
