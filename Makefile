# SPDX-License-Identifier: GPL-2.0
# ssf - top-level Makefile. Kbuild (beside this file) describes the module;
# this file drives the builds and the tests. `make help` lists the targets.

KDIR ?= $(shell KVER="$(KVER)" scripts/kdir)
KVERS := $(shell scripts/kdir --all)

.PHONY: all help deps module modules-all compat ssfctl unit kunit vmtest vm-selftest \
	check check-debug check-deb demo fuzz sparse checkpatch bench bench-smoke \
	clean install install-ssfctl install-dkms deb check-dist

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
	@echo "make check-debug    build the debug and KCSAN kernels (tests/vm/ssf_vm_debugk.sh), run the selftests on both"
	@echo "make bench          classifier, in-kernel (one VM) and commit benchmarks; Documentation/performance.rst"
	@echo "make bench-smoke    seconds: the native benchmark at small sizes, its JSON and ratio targets"
	@echo "make demo           build, boot a VM, load ssf, apply examples/, show counters"
	@echo "make deb            build/deb/ssf-dkms_<version>_all.deb and ssfctl_<version>_<arch>.deb"
	@echo "make install        ssfctl, its unit, /etc/ssf, man pages, completion, and the"
	@echo "                    DKMS source (install-ssfctl + install-dkms; DESTDIR=, PREFIX=)"
	@echo "make check-dist     the man pages (man --warnings) and the bash completion"
	@echo "make check-deb      the packages in a systemd VM over three boots (DKMS, boot order, reload, removal)"
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

# The debug kernels take about half an hour each to build on 2 cores the
# first time (cached in /var/tmp/ssf-debugk); the suites run slower on them.
# ssf_stress.sh apart, as in make check; on the KCSAN kernel with a host
# thread per guest CPU all the same: KCSAN meets races only between CPUs
# that really run at once
check-debug: ssfctl
	@rc=0; for k in debug kcsan; do \
		d=$$(tests/vm/ssf_vm_debugk.sh build $$k) && \
		scripts/build-module $$d/build && \
		tests/vm/run --kernel $$k --mem 2048 --timeout 7200 -- \
			env SSF_SUITE_TIMEOUT=1800 SSF_SUITES_SKIP=ssf_stress \
			tests/selftests/run_all.sh || rc=1; \
		single=--tcg-single; [ $$k = kcsan ] && single=; \
		tests/vm/run $$single --kernel $$k --mem 2048 --timeout 3600 -- \
			env SSF_SUITE_TIMEOUT=3000 SSF_SUITES=ssf_stress \
			SSF_STRESS_CYCLES=10 tests/selftests/run_all.sh || rc=1; \
	done; exit $$rc

demo:
	scripts/demo

bench:
	bench/run

bench-smoke:
	bench/run --smoke

fuzz:
	$(MAKE) -C tests/fuzz run

sparse:
	STRICT=1 scripts/build-module $(KDIR) C=2

checkpatch:
	scripts/checkpatch

# --- installing (make install, the Debian packages) -----------------------
# PREFIX for what a distribution owns (/usr for a package); /etc, the
# systemd unit and the DKMS source tree have fixed places.
VERSION := $(shell cat VERSION)
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
LIBEXECDIR ?= $(PREFIX)/lib/ssf
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SYSCONFDIR ?= /etc
UNITDIR ?= /lib/systemd/system
DKMSDIR ?= /usr/src/ssf-$(VERSION)
SUBST = sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@LIBEXECDIR@|$(LIBEXECDIR)|g' \
	-e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' -e 's|@VERSION@|$(VERSION)|g'
# conffile SRC DEST: install a configuration file unless one is there
conffile = [ -e "$(DESTDIR)$(2)" ] || install -D -m 644 $(1) "$(DESTDIR)$(2)"

install: install-ssfctl install-dkms

install-ssfctl: ssfctl
	install -D -m 755 userspace-ctl/ssfctl "$(DESTDIR)$(SBINDIR)/ssfctl"
	install -d "$(DESTDIR)$(LIBEXECDIR)" "$(DESTDIR)$(UNITDIR)"
	$(SUBST) dist/ssf-policy > "$(DESTDIR)$(LIBEXECDIR)/ssf-policy"
	chmod 755 "$(DESTDIR)$(LIBEXECDIR)/ssf-policy"
	$(SUBST) dist/systemd/ssf.service > "$(DESTDIR)$(UNITDIR)/ssf.service"
	chmod 644 "$(DESTDIR)$(UNITDIR)/ssf.service"
	$(call conffile,dist/etc/ssf.conf,$(SYSCONFDIR)/ssf/ssf.conf)
	$(call conffile,dist/etc/lockdown.conf,$(SYSCONFDIR)/ssf/lockdown.conf)
	$(call conffile,dist/etc/default-ssf,$(SYSCONFDIR)/default/ssf)
	install -d "$(DESTDIR)$(MANDIR)/man8" "$(DESTDIR)$(MANDIR)/man5"
	$(SUBST) Documentation/man/ssfctl.8 > "$(DESTDIR)$(MANDIR)/man8/ssfctl.8"
	$(SUBST) Documentation/man/ssf.conf.5 > "$(DESTDIR)$(MANDIR)/man5/ssf.conf.5"
	install -D -m 644 dist/bash-completion/ssfctl "$(DESTDIR)$(BASHCOMPDIR)/ssfctl"

# The module's source for DKMS (dkms add/build/install ssf/$(VERSION)),
# its load-at-boot and options files, and ssf(4).
install-dkms:
	install -d "$(DESTDIR)$(DKMSDIR)"
	install -m 644 Kbuild "$(DESTDIR)$(DKMSDIR)/Kbuild"
	find module uapi -path module/tests -prune -o -name '*.[ch]' -print | \
		while read -r f; do \
			install -D -m 644 "$$f" "$(DESTDIR)$(DKMSDIR)/$$f" || exit 1; \
		done
	sed 's|#MODULE_VERSION#|$(VERSION)|' dkms.conf > "$(DESTDIR)$(DKMSDIR)/dkms.conf"
	$(call conffile,dist/etc/modules-load.conf,$(SYSCONFDIR)/modules-load.d/ssf.conf)
	$(call conffile,dist/etc/modprobe.conf,$(SYSCONFDIR)/modprobe.d/ssf.conf)
	install -d "$(DESTDIR)$(MANDIR)/man4"
	$(SUBST) Documentation/man/ssf.4 > "$(DESTDIR)$(MANDIR)/man4/ssf.4"

# dpkg-buildpackage in a copy of the tree (build/deb/ssf-<version>/, with a
# debian/changelog made from VERSION): the .debs land in build/deb/.
deb:
	scripts/build-deb

check-dist:
	tests/dist/run

clean:
	-$(MAKE) -C userspace-ctl clean
	-$(MAKE) -C tests/unit clean
	-$(MAKE) -C tests/fuzz clean
	-$(MAKE) -C bench clean
	rm -rf build

# Not in `make check`: DKMS compiles ssf.ko inside a TCG guest, which takes
# longer than the CI budget leaves.
check-deb: deb
	tests/vm/ssf_vm_deb.sh --kernel 6.12
