# SPDX-License-Identifier: GPL-2.0
# ssf - top-level Makefile. Kbuild (beside this file) describes the module;
# this file drives the builds and the tests. `make help` lists the targets.

KDIR ?= $(shell KVER="$(KVER)" scripts/kdir)
KVERS := $(shell scripts/kdir --all)

.PHONY: all help deps module modules-all compat ssfctl unit kunit vmtest vm-selftest \
	check demo fuzz sparse checkpatch clean

all: module ssfctl

help:
	@echo "make                module and ssfctl"
	@echo "make module         build/<kver>/ssf.ko for the newest kernel with headers (KVER=/KDIR= override)"
	@echo "make ssfctl         userspace-ctl/ssfctl"
	@echo "make deps           install every Debian package the project needs (root)"
	@echo "make modules-all    build/<kver>/ssf.ko for every installed kernel with headers"
	@echo "make compat         as modules-all with W=1; any warning fails"
	@echo "make sparse         sparse (C=2) over the module (KVER=/KDIR= as for module); any warning fails"
	@echo "make checkpatch     checkpatch.pl --no-tree over the module"
	@echo "make unit           userspace unit tests (ssfctl, parsers) under ASan+UBSan"
	@echo "make kunit          KUnit suites on UML (kernel's kunit.py, KASAN, lockdep, kmemleak)"
	@echo "make vmtest         the selftests (TEST_PROGS of tests/selftests/Makefile) in a VM per kernel"
	@echo "make vm-selftest    the VM runner's own tests (exit codes, mounts, splat detection)"
	@echo "make fuzz           run the libFuzzer targets (FUZZ_SECONDS=60 each)"
	@echo "make check          all of it (scripts/check); ends with 'N passed, N failed'"
	@echo "make demo           build, boot a VM, load ssf, apply examples/, show counters"
	@echo "make clean          remove build/ and the userspace builds"
	@echo "Every module target builds through scripts/build-module, in build/<kver>/."

deps:
	scripts/deps

module:
	scripts/build-module $(KDIR)

modules-all:
	@for v in $(KVERS); do scripts/build-module $$v || exit 1; done

compat:
	@for v in $(KVERS); do STRICT=1 scripts/build-module $$v W=1 || exit 1; done

ssfctl:
	$(MAKE) -C userspace-ctl

unit:
	$(MAKE) --no-print-directory -C userspace-ctl check
	$(MAKE) --no-print-directory -C tests/unit check

kunit:
	tests/kunit/run

vm-selftest:
	tests/vm/ssf_vm_selftest.sh

vmtest: modules-all ssfctl
	scripts/ynl-tools >/dev/null	# cli.py for ssf_ynl.sh, extracted on the host
	tests/vm/run --timeout 2400 -- tests/selftests/run_all.sh

check:
	scripts/check

demo:
	scripts/demo

fuzz:
	$(MAKE) -C tests/fuzz run

sparse:
	STRICT=1 scripts/build-module $(KDIR) C=2

checkpatch:
	scripts/checkpatch

clean:
	-$(MAKE) -C userspace-ctl clean
	-$(MAKE) -C tests/unit clean
	-$(MAKE) -C tests/fuzz clean
	rm -rf build
