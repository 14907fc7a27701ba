// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers of the ssfctl tests: rules (equality, random ones) and running
 * ssfctl (the sanitized build the Makefile names in $SSFCTL) as a process.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include "harness.h"
#include "ssfctl.h"
#include "attrs.h"
#include "polparse.h"
#include "print.h"

static bool ssf_t_kernel_rule_eq(const struct ssf_rule *a,
				 const struct ssf_rule *b)
{
	if (a->dir != b->dir || a->action != b->action ||
	    a->family != b->family || a->match != b->match)
		return false;
	if ((a->match & SSF_RM_PROTO) && a->proto != b->proto)
		return false;
	if ((a->match & SSF_RM_SRC) &&
	    (a->src_plen != b->src_plen || memcmp(&a->src, &b->src, sizeof(a->src))))
		return false;
	if ((a->match & SSF_RM_DST) &&
	    (a->dst_plen != b->dst_plen || memcmp(&a->dst, &b->dst, sizeof(a->dst))))
		return false;
	if ((a->match & SSF_RM_SPORT) &&
	    (a->sport_min != b->sport_min || a->sport_max != b->sport_max))
		return false;
	if ((a->match & SSF_RM_DPORT) &&
	    (a->dport_min != b->dport_min || a->dport_max != b->dport_max))
		return false;
	if ((a->match & SSF_RM_IIF) && strcmp(a->iif, b->iif))
		return false;
	if ((a->match & SSF_RM_OIF) && strcmp(a->oif, b->oif))
		return false;
	if ((a->match & SSF_RM_UID) &&
	    (a->uid_min != b->uid_min || a->uid_max != b->uid_max))
		return false;
	if ((a->match & SSF_RM_GID) &&
	    (a->gid_min != b->gid_min || a->gid_max != b->gid_max))
		return false;
	if ((a->match & SSF_RM_CGROUP) && a->cgroup_id != b->cgroup_id)
		return false;
	if ((a->match & SSF_RM_ICMP_TYPE) && a->icmp_type != b->icmp_type)
		return false;
	if ((a->match & SSF_RM_CT) && a->ct_states != b->ct_states)
		return false;
	if ((a->match & SSF_RM_LIMIT) &&
	    (a->limit_rate != b->limit_rate || a->limit_unit != b->limit_unit ||
	     a->limit_burst != b->limit_burst))
		return false;
	return a->flags == b->flags;
}

bool ssf_t_rule_eq(const struct ssfctl_rule *a, const struct ssfctl_rule *b)
{
	int i;

	if (!ssf_t_kernel_rule_eq(&a->r, &b->r) ||
	    strcmp(a->t.log_prefix, b->t.log_prefix) ||
	    strcmp(a->t.comment, b->t.comment))
		return false;
	for (i = 0; i < SSF_RSET_NUM; i++)
		if ((a->r.match & ssf_set_words[i].match) &&
		    strcmp(a->set[i], b->set[i]))
			return false;
	return true;
}

uint64_t ssf_t_rand(uint64_t *seed)
{
	/* xorshift64*: deterministic, so a failure reproduces */
	*seed ^= *seed >> 12;
	*seed ^= *seed << 25;
	*seed ^= *seed >> 27;
	return *seed * 0x2545f4914f6cdd1dULL;
}

static void ssf_t_random_addr(union ssf_addr *a, u8 *plen, u8 family,
			      uint64_t *seed)
{
	union ssf_addr mask;
	u8 max = ssf_family_max_plen(family);
	int i;

	for (i = 0; i < 4; i++)
		a->w[i] = (u32)ssf_t_rand(seed);
	if (family == SSF_FAMILY_IPV4)
		a->w[1] = a->w[2] = a->w[3] = 0;
	/* host prefixes and /0 are the edge cases: make them common */
	switch (ssf_t_rand(seed) % 4) {
	case 0:
		*plen = max;
		break;
	case 1:
		*plen = 0;
		break;
	default:
		*plen = (u8)(ssf_t_rand(seed) % (max + 1u));
	}
	ssf_prefix_mask(&mask, *plen);
	for (i = 0; i < 4; i++)
		a->w[i] &= mask.w[i];
}

static void ssf_t_random_ports(u16 *min, u16 *max, uint64_t *seed)
{
	u16 a = (u16)ssf_t_rand(seed), b = (u16)ssf_t_rand(seed);

	if (ssf_t_rand(seed) % 2)
		b = a;
	*min = a < b ? a : b;
	*max = a < b ? b : a;
}

/*
 * 1 to @size - 1 bytes, often ones that need quoting in a policy file
 * (space, '#', '"', '\\', a tab, UTF-8), never a NUL or a newline.
 */
static void ssf_t_random_str(char *s, size_t size, uint64_t *seed)
{
	static const char set[] = "ab-_.:/0 9#\"\\\t\xc3\xa9";
	size_t n = 1 + ssf_t_rand(seed) % (size - 1), i;

	for (i = 0; i < n; i++)
		s[i] = set[ssf_t_rand(seed) % (sizeof(set) - 1)];
	s[n] = '\0';
}

static void ssf_t_random_range(u32 *min, u32 *max, uint64_t *seed)
{
	u32 a = (u32)ssf_t_rand(seed), b = (u32)ssf_t_rand(seed);

	if (ssf_t_rand(seed) % 2)
		b = a;
	if (ssf_t_rand(seed) % 2) {
		a %= 70000;
		b %= 70000;
	}
	*min = a < b ? a : b;
	*max = a < b ? b : a;
}

/* The socket, interface, ICMP, flag and string fields. */
static void ssf_t_random_meta(struct ssfctl_rule *r, uint64_t *seed)
{
	bool owner = r->r.dir == SSF_DIR_IN || r->r.dir == SSF_DIR_OUT;

	if (r->r.dir != SSF_DIR_OUT && ssf_t_rand(seed) % 4 == 0) {
		r->r.match |= SSF_RM_IIF;
		ssf_t_random_str(r->r.iif, sizeof(r->r.iif), seed);
	}
	if (r->r.dir != SSF_DIR_IN && ssf_t_rand(seed) % 4 == 0) {
		r->r.match |= SSF_RM_OIF;
		ssf_t_random_str(r->r.oif, sizeof(r->r.oif), seed);
	}
	if (owner && ssf_t_rand(seed) % 3 == 0) {
		r->r.match |= SSF_RM_UID;
		ssf_t_random_range(&r->r.uid_min, &r->r.uid_max, seed);
	}
	if (owner && ssf_t_rand(seed) % 3 == 0) {
		r->r.match |= SSF_RM_GID;
		ssf_t_random_range(&r->r.gid_min, &r->r.gid_max, seed);
	}
	if (owner && ssf_t_rand(seed) % 4 == 0) {
		r->r.match |= SSF_RM_CGROUP;
		r->r.cgroup_id = ssf_t_rand(seed) | 1;
	}
	if (ssf_t_rand(seed) % 3 == 0) {
		r->r.flags |= SSF_RULE_F_LOG;
		if (ssf_t_rand(seed) % 2)
			ssf_t_random_str(r->t.log_prefix, sizeof(r->t.log_prefix),
					 seed);
	}
	if (ssf_t_rand(seed) % 4 == 0)
		r->r.flags |= SSF_RULE_F_AUDIT;
	if (ssf_t_rand(seed) % 4 == 0)
		ssf_t_random_str(r->t.comment, sizeof(r->t.comment), seed);
}

/* Set words where the value words left room, ct state and limit. */
static void ssf_t_random_state(struct ssfctl_rule *r, bool ported,
			       uint64_t *seed)
{
	static const u32 plain[SSF_RSET_NUM] = {
		SSF_RM_SRC, SSF_RM_DST, SSF_RM_SPORT, SSF_RM_DPORT,
	};
	int i;

	for (i = 0; i < SSF_RSET_NUM; i++) {
		if ((r->r.match & plain[i]) || ssf_t_rand(seed) % 5)
			continue;
		if (ssf_set_words[i].type == SSF_SET_PORT && !ported)
			continue;
		r->r.match |= ssf_set_words[i].match;
		snprintf(r->set[i], sizeof(r->set[i]), "%s-%u",
			 ssf_set_words[i].word,
			 (unsigned int)(ssf_t_rand(seed) % 1000));
	}
	if (ssf_t_rand(seed) % 4 == 0) {
		r->r.match |= SSF_RM_CT;
		r->r.ct_states = (u8)(ssf_t_rand(seed) % SSF_CT_ALL + 1);
	}
	if (ssf_t_rand(seed) % 4 == 0) {
		r->r.match |= SSF_RM_LIMIT;
		r->r.limit_rate = (u32)(ssf_t_rand(seed) % SSF_LIMIT_RATE_MAX) + 1;
		r->r.limit_unit = (u8)(ssf_t_rand(seed) % (SSF_LIMIT_UNIT_MAX + 1));
		r->r.limit_burst = ssf_t_rand(seed) % 2 ? SSF_LIMIT_BURST_DEFAULT :
				   (u32)(ssf_t_rand(seed) % SSF_LIMIT_BURST_MAX) + 1;
	}
}

void ssf_t_rule_random(struct ssfctl_rule *r, uint64_t *seed)
{
	static const u8 protos[] = { 1, 6, 17, 58, 132, 136, 0, 47, 255 };
	const char *why;
	bool ported;

	memset(r, 0, sizeof(*r));
	r->r.dir = (u8)(ssf_t_rand(seed) % (SSF_DIR_MAX + 1));
	r->r.action = (u8)(ssf_t_rand(seed) % (SSF_ACT_MAX + 1));
	r->r.family = (u8)(ssf_t_rand(seed) % (SSF_FAMILY_MAX + 1));
	if (ssf_t_rand(seed) % 2) {
		r->r.match |= SSF_RM_PROTO;
		r->r.proto = ssf_t_rand(seed) % 3 ?
			   protos[ssf_t_rand(seed) % sizeof(protos)] :
			   (u8)ssf_t_rand(seed);
	}
	if (ssf_t_rand(seed) % 6 == 0) {
		/* an ICMP type: its family and proto */
		r->r.family = ssf_t_rand(seed) % 2 ? SSF_FAMILY_IPV4 :
						   SSF_FAMILY_IPV6;
		r->r.match |= SSF_RM_PROTO | SSF_RM_ICMP_TYPE;
		r->r.proto = r->r.family == SSF_FAMILY_IPV4 ? 1 : 58;
		r->r.icmp_type = (u8)ssf_t_rand(seed);
	}
	if (r->r.family != SSF_FAMILY_ANY && ssf_t_rand(seed) % 2) {
		r->r.match |= SSF_RM_SRC;
		ssf_t_random_addr(&r->r.src, &r->r.src_plen, r->r.family, seed);
	}
	if (r->r.family != SSF_FAMILY_ANY && ssf_t_rand(seed) % 2) {
		r->r.match |= SSF_RM_DST;
		ssf_t_random_addr(&r->r.dst, &r->r.dst_plen, r->r.family, seed);
	}
	ported = (r->r.match & SSF_RM_PROTO) &&
		 (r->r.proto == 6 || r->r.proto == 17 || r->r.proto == 132 ||
		  r->r.proto == 136);
	if (ported && ssf_t_rand(seed) % 2) {
		r->r.match |= SSF_RM_SPORT;
		ssf_t_random_ports(&r->r.sport_min, &r->r.sport_max, seed);
	}
	if (ported && ssf_t_rand(seed) % 2) {
		r->r.match |= SSF_RM_DPORT;
		ssf_t_random_ports(&r->r.dport_min, &r->r.dport_max, seed);
	}
	ssf_t_random_meta(r, seed);
	ssf_t_random_state(r, ported, seed);
	if (ssf_rule_verify(&r->r, &why) ||
	    ssf_rule_text_verify(&r->r, &r->t, &why))
		printf("# BUG in the generator: %s\n", why);
}

char *ssf_t_print(bool json, ssf_t_print_fn fn, const void *arg)
{
	struct ssfctl_out o;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	ssf_out_init(&o, f, json);
	fn(&o, arg);
	fclose(f);
	return buf;
}

void ssf_t_checks_apply(struct ssfctl_checks *c, const struct ssfctl_polfile *pf)
{
	size_t i, k;

	ssf_checks_init(c);
	for (i = 0; i < pf->nchecks; i++)
		for (k = 0; k < c->n; k++)
			if (pf->checks[i].reason == SSF_R_NONE ||
			    !strcmp(c->v[k].name,
				    ssf_reason_name(pf->checks[i].reason)))
				c->v[k].action = pf->checks[i].action;
	if (pf->has_exthdr_max)
		c->ip6_exthdr_max = pf->ip6_exthdr_max;
}

/*
 * The sets of @pf as the kernel holds them: elements sorted, each once
 * (ssf_set_elems_apply(), the kernel's code), no time left shown.
 */
static int ssf_t_sets_of(const struct ssfctl_polfile *pf, struct ssfctl_setlist *sl)
{
	struct ssfctl_setinfo s;
	struct ssf_elem *chg, *out;
	u32 nout;
	size_t i, k;

	for (i = 0; i < pf->nsets; i++) {
		memset(&s, 0, sizeof(s));
		memcpy(s.name, pf->sets[i].name, sizeof(s.name));
		s.type = pf->sets[i].type;
		s.timeout = pf->sets[i].timeout;
		chg = calloc(pf->sets[i].nelems + 1, sizeof(*chg));
		if (!chg)
			return -1;
		for (k = 0; k < pf->sets[i].nelems; k++) {
			chg[k] = pf->sets[i].elems[k].e;
			chg[k].expires = 0;
		}
		if (ssf_set_elems_apply(NULL, SSF_SET_OP_ADD, chg,
					(u32)pf->sets[i].nelems, 1, UINT32_MAX,
					&out, &nout)) {
			free(chg);
			return -1;
		}
		free(chg);
		s.elems = out;
		s.nelems = s.cap = s.count = nout;
		if (ssf_setlist_add(sl, &s)) {
			free(out);
			return -1;
		}
	}
	return 0;
}

char *ssf_t_policy_show(const struct ssfctl_polfile *pf, bool json,
			const struct ssfctl_namer *nm)
{
	struct ssfctl_status st = { .generation = 1 };
	struct ssfctl_rulelist rl = { .n = 0 };
	struct ssfctl_setlist sl = { .n = 0 };
	struct ssfctl_checks *c = malloc(sizeof(*c));
	struct ssfctl_rulex x = { .packets = 0 };
	struct ssfctl_out o;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f;

	if (!c)
		return NULL;
	memcpy(st.defaults, pf->defaults, sizeof(st.defaults));
	st.mode = pf->has_mode ? pf->mode : SSF_MODE_ENFORCE;
	ssf_t_checks_apply(c, pf);
	if (ssf_t_sets_of(pf, &sl))
		goto out;
	for (i = 0; i < pf->nrules; i++) {
		x.r = pf->rules[i].rule;
		x.r.r.id = (u32)i + 1;
		if (ssf_rulelist_add(&rl, &x))
			goto out;
	}
	f = open_memstream(&buf, &len);
	if (f) {
		ssf_out_init(&o, f, json);
		ssf_policy_print(&o, &st, c, &sl, &rl, nm);
		ssf_out_end(&o);
		fclose(f);
	}
out:
	ssf_setlist_free(&sl);
	ssf_rulelist_free(&rl);
	free(c);
	return buf;
}

/* The event attributes by has bit: a number of @size bytes, else text. */
#define T_EV(bit, attr, field)						\
	{ SSFCTL_EV_##bit, SSF_EVENT_A_##attr,				\
	  offsetof(struct ssfctl_event, field),				\
	  sizeof(((struct ssfctl_event *)0)->field) }

static const struct {
	u32 bit;
	u16 attr;
	size_t off, size;
} t_ev_attrs[] = {
	T_EV(DIR, DIR, dir), T_EV(FAMILY, FAMILY, family),
	T_EV(PROTO, PROTO, proto), T_EV(SRC, SRC, src), T_EV(DST, DST, dst),
	T_EV(SPORT, SPORT, sport), T_EV(DPORT, DPORT, dport),
	T_EV(RULE, RULE_ID, rule_id), T_EV(REASON, REASON, reason),
	T_EV(UID, UID, uid), T_EV(IIF, IIF, iif), T_EV(OIF, OIF, oif),
	T_EV(SUPPRESSED, SUPPRESSED, suppressed), T_EV(ACTION, ACTION, action),
	T_EV(GENERATION, GENERATION, generation), T_EV(KUID, KUID, kuid),
	T_EV(CT, CT_STATE, ct_state),
};

void ssf_t_event_put(struct nl_msg *m, const struct ssfctl_event *ev)
{
	struct nlattr *nest = nla_nest_start(m, SSF_A_EVENT | NLA_F_NESTED);
	const char *p;
	size_t i;

	nla_put_u8(m, SSF_EVENT_A_TYPE, ev->type);
	for (i = 0; i < ARRAY_SIZE(t_ev_attrs); i++) {
		if (!(ev->has & t_ev_attrs[i].bit))
			continue;
		p = (const char *)ev + t_ev_attrs[i].off;
		if (t_ev_attrs[i].bit & (SSFCTL_EV_SRC | SSFCTL_EV_DST))
			nla_put(m, t_ev_attrs[i].attr, ev->addr_len, p);
		else if (t_ev_attrs[i].size > sizeof(u64))
			nla_put_string(m, t_ev_attrs[i].attr, p);
		else
			nla_put(m, t_ev_attrs[i].attr, (int)t_ev_attrs[i].size, p);
	}
	nla_nest_end(m, nest);
}

static char t_outbuf[SSF_T_MAX_OUT], t_errbuf[SSF_T_MAX_OUT];

const char *ssf_t_ssfctl(void)
{
	const char *path = getenv("SSFCTL");

	if (!path || !path[0]) {
		CHECK(!"$SSFCTL names the ssfctl to test");
		return "/nonexistent/ssfctl";
	}
	return path;
}

static void t_slurp(const char *path, char *buf)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return;
	while (len < SSF_T_MAX_OUT - 1 &&
	       (n = read(fd, buf + len, SSF_T_MAX_OUT - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close(fd);
}

void ssf_t_run(struct ssf_t_run *r, const char *input, const char *const *args)
{
	const char *dir = ssf_test_tmpdir(), *argv[32];
	char out[96], err[96], in[96];
	int i, st, fd;
	pid_t pid;

	snprintf(out, sizeof(out), "%s/stdout", dir);
	snprintf(err, sizeof(err), "%s/stderr", dir);
	snprintf(in, sizeof(in), "%s/stdin", dir);
	fd = open(in, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (input && write(fd, input, strlen(input)) < 0)
			perror("write");
		close(fd);
	}
	argv[0] = ssf_t_ssfctl();
	for (i = 0; args[i] && i < 30; i++)
		argv[i + 1] = args[i];
	argv[i + 1] = NULL;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int n = open(in, O_RDONLY);

		if (o < 0 || e < 0 || n < 0)
			_exit(127);
		dup2(n, 0);
		dup2(o, 1);
		dup2(e, 2);
		/* a sanitizer report must not pass for ssfctl's own exit 1 */
		setenv("ASAN_OPTIONS", "exitcode=99:detect_leaks=1", 1);
		setenv("UBSAN_OPTIONS", "exitcode=98:print_stacktrace=1", 1);
		execv(argv[0], (char **)argv);
		_exit(127);
	}
	r->status = -1;
	if (pid > 0 && waitpid(pid, &st, 0) == pid)
		r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	t_slurp(out, t_outbuf);
	t_slurp(err, t_errbuf);
	r->out = t_outbuf;
	r->err = t_errbuf;
}

void ssf_t_write(const char *name, const char *text, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", ssf_test_tmpdir(), name);
	f = fopen(path, "w");
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

bool ssf_t_starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

int ssf_t_count(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}
