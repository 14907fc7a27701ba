// SPDX-License-Identifier: GPL-2.0
/*
 * A rule from words: each word is looked up in the rule words
 * (polparse_words.c) and sets its slot; then the checks that need the
 * whole rule, with messages that name the words, and last
 * ssf_rule_verify(), the checker the kernel runs. The entry points for one
 * rule: a line of text, or command-line arguments.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "polparse_int.h"
#include "names.h"

/* Slots filled by more than one word have a name for messages. */
static const char *const ssf_slot_names[__SSF_SLOT_N] = {
	[SSF_SLOT_DIR]		= "direction",
	[SSF_SLOT_ACTION]	= "action",
	[SSF_SLOT_CGROUP]	= "cgroup",
	[SSF_SLOT_ICMP]		= "icmp type",
};

/* The set words' names into @r. */
static void ssf_rule_out(const struct ssfctl_rctx *c, struct ssfctl_rule *r)
{
	memset(r, 0, sizeof(*r));
	r->r = c->r;
	r->t = c->t;
	memcpy(r->set, c->set, sizeof(r->set));
}

static const char *ssf_fam_text(u8 fam)
{
	return fam == SSF_FAMILY_IPV4 ? "IPv4" : "IPv6";
}

static int ssf_rule_host_bits(struct ssfctl_rctx *c, enum ssfctl_slot slot,
			      const union ssf_addr *a, u8 plen)
{
	char net_s[INET6_ADDRSTRLEN];
	union ssf_addr mask, net;
	struct ssfctl_qword q;
	int i;

	ssf_prefix_mask(&mask, plen);
	for (i = 0; i < 4; i++)
		net.w[i] = a->w[i] & mask.w[i];
	if (!memcmp(&net, a, sizeof(net)))
		return 0;
	if (!inet_ntop(c->r.family == SSF_FAMILY_IPV4 ? AF_INET : AF_INET6,
		       net.b, net_s, sizeof(net_s)))
		net_s[0] = '\0';
	return ssf_fail(c->err, "%s %s has host bits set (the network is %s/%u)",
			slot == SSF_SLOT_SRC ? "src" : "dst",
			ssf_q(&q, c->value[slot]), net_s, plen);
}

/*
 * icmp-type implies proto icmp and family ip, icmp6-type proto icmpv6 and
 * family ip6; said otherwise, the rule is refused with the reason.
 */
static int ssf_rule_icmp(struct ssfctl_rctx *c)
{
	const struct ssfctl_tok *w = c->word[SSF_SLOT_ICMP];
	u8 want = c->icmp_family == SSF_FAMILY_IPV4 ? 1 : 58;
	struct ssfctl_qword q1, q2;
	char num[8];
	const char *p;

	if (c->r.family && c->r.family != c->icmp_family)
		return ssf_fail(c->err, "%s needs family %s: this rule is %s",
				ssf_q(&q1, w), ssf_family_name(c->icmp_family),
				ssf_fam_text(c->r.family));
	c->r.family = c->icmp_family;
	if (!(c->r.match & SSF_RM_PROTO)) {
		c->r.match |= SSF_RM_PROTO;
		c->r.proto = want;
	} else if (c->r.proto != want) {
		p = ssf_proto_name(c->r.proto);
		if (!p) {
			snprintf(num, sizeof(num), "%u", c->r.proto);
			p = num;
		}
		return ssf_fail(c->err, "%s needs proto %s, not %s",
				ssf_q(&q1, w), ssf_proto_name(want),
				ssf_qbytes(&q2, p, strlen(p)));
	}
	return 0;
}

/* All words seen: the checks that need the whole rule. */
static int ssf_rule_finish(struct ssfctl_rctx *c)
{
	struct ssfctl_qword q;
	const char *why;
	u8 afam;
	int ret;

	if (!c->word[SSF_SLOT_DIR])
		return ssf_fail(c->err, "missing direction (in, out or fwd)");
	if (!c->word[SSF_SLOT_ACTION])
		return ssf_fail(c->err, "missing action (accept, drop or reject)");

	if (c->src_family && c->dst_family && c->src_family != c->dst_family)
		return ssf_fail(c->err, "src is %s but dst is %s: a rule is for one family",
				ssf_fam_text(c->src_family),
				ssf_fam_text(c->dst_family));
	afam = c->src_family ? c->src_family : c->dst_family;
	if (c->family && afam && c->family != afam) {
		enum ssfctl_slot s = c->src_family ? SSF_SLOT_SRC : SSF_SLOT_DST;

		return ssf_fail(c->err, "family %s does not match %s %s (%s)",
				ssf_family_name(c->family),
				s == SSF_SLOT_SRC ? "src" : "dst",
				ssf_q(&q, c->value[s]), ssf_fam_text(afam));
	}
	c->r.family = c->family ? c->family : afam;
	if (c->icmp_family) {
		ret = ssf_rule_icmp(c);
		if (ret)
			return ret;
	}

	if (c->r.match & SSF_RM_SRC) {
		ret = ssf_rule_host_bits(c, SSF_SLOT_SRC, &c->r.src, c->r.src_plen);
		if (ret)
			return ret;
	}
	if (c->r.match & SSF_RM_DST) {
		ret = ssf_rule_host_bits(c, SSF_SLOT_DST, &c->r.dst, c->r.dst_plen);
		if (ret)
			return ret;
	}
	if (c->word[SSF_SLOT_BURST] && !c->word[SSF_SLOT_LIMIT])
		return ssf_fail(c->err, "burst needs a limit (limit <n>/second|minute|hour burst <n>)");
	if (ssf_rule_verify(&c->r, &why) ||
	    ssf_rule_text_verify(&c->r, &c->t, &why))
		return ssf_fail(c->err, "%s", why);
	return 0;
}

int ssf_pol_rule(const struct ssfctl_tok *w, size_t n,
		 const struct ssfctl_resolver *res,
		 const struct ssfctl_polfile *pf, struct ssfctl_rule *r,
		 struct ssfctl_polerr *err)
{
	const struct ssfctl_rule_word *kw;
	struct ssfctl_qword q1, q2;
	struct ssfctl_rctx c;
	size_t i;
	int ret;

	memset(&c, 0, sizeof(c));
	c.err = err;
	c.res = res;
	c.pf = pf;
	for (i = 0; i < n; i++) {
		kw = ssf_pol_word_find(&w[i]);
		if (!kw)
			return ssf_fail(err, "unknown word %s", ssf_qraw(&q1, &w[i]));
		if (c.word[kw->slot]) {
			if (!ssf_slot_names[kw->slot])
				return ssf_fail(err, "duplicate %s",
						ssf_q(&q1, &w[i]));
			return ssf_fail(err, "duplicate %s: %s after %s",
					ssf_slot_names[kw->slot],
					ssf_q(&q1, &w[i]),
					ssf_q(&q2, c.word[kw->slot]));
		}
		c.word[kw->slot] = &w[i];
		if (kw->takes == SSF_ARG_ONE) {
			if (i + 1 == n)
				return ssf_fail(err, "%s needs %s",
						ssf_q(&q1, &w[i]), kw->arg);
			c.value[kw->slot] = &w[++i];
		} else if (kw->takes == SSF_ARG_TWO) {
			if (i + 2 >= n)
				return ssf_fail(err, "%s needs %s",
						ssf_q(&q1, &w[i]), kw->arg);
			c.value[kw->slot] = &w[i + 1];
			i += 2;
		} else if (kw->takes == SSF_ARG_OPT && i + 1 < n &&
			   (w[i + 1].quoted || !ssf_pol_word_find(&w[i + 1]))) {
			c.value[kw->slot] = &w[++i];
		}
		ret = kw->set(&c, kw, c.value[kw->slot]);
		if (ret)
			return ret;
	}
	ret = ssf_rule_finish(&c);
	if (ret)
		return ret;
	ssf_rule_out(&c, r);
	return 0;
}

int ssf_polparse_rule_res(const char *buf, size_t len,
			  const struct ssfctl_resolver *res,
			  struct ssfctl_rule *r, struct ssfctl_polerr *err)
{
	struct ssfctl_tok w[SSF_POL_MAX_WORDS];
	char *scratch;
	int n, ret;

	err->line = 0;
	err->msg[0] = '\0';
	if (len && memchr(buf, '\n', len))
		return ssf_fail(err, "a rule is one line");
	scratch = malloc(len ? len : 1);
	if (!scratch)
		return ssf_fail(err, "out of memory"), -ENOMEM;
	n = ssf_pol_words(buf, len, w, ARRAY_SIZE(w), scratch, err);
	ret = n < 0 ? -EINVAL : ssf_pol_rule(w, (size_t)n, res, NULL, r, err);
	free(scratch);
	return ret;
}

int ssf_polparse_rule(const char *buf, size_t len, struct ssfctl_rule *r,
		      struct ssfctl_polerr *err)
{
	return ssf_polparse_rule_res(buf, len, NULL, r, err);
}

/* The words whose value "rule add" takes whole from one argument. */
static bool ssf_takes_whole(const struct ssfctl_tok *t)
{
	return ssf_tok_is(t, "log") || ssf_tok_is(t, "comment") ||
	       ssf_tok_is(t, "cgroup");
}

int ssf_polparse_argv(int argc, char *const *argv,
		      const struct ssfctl_resolver *res, struct ssfctl_rule *r,
		      struct ssfctl_polerr *err)
{
	struct ssfctl_tok w[SSF_POL_MAX_WORDS];
	size_t n = 0, total = 0, len;
	char *scratch, *sp;
	int i, k, ret;

	err->line = 0;
	err->msg[0] = '\0';
	for (i = 0; i < argc; i++)
		total += strlen(argv[i]) + 1;
	scratch = malloc(total ? total : 1);
	if (!scratch)
		return ssf_fail(err, "out of memory"), -ENOMEM;
	sp = scratch;
	ret = -EINVAL;
	for (i = 0; i < argc; i++) {
		len = strlen(argv[i]);
		if (memchr(argv[i], '\n', len)) {
			ssf_fail(err, "a rule is one line");
			goto out;
		}
		if (n && ssf_takes_whole(&w[n - 1]) && argv[i][0] != '"') {
			if (n == ARRAY_SIZE(w)) {
				ssf_fail(err, "too many words (more than %d)",
					 SSF_POL_MAX_WORDS);
				goto out;
			}
			w[n++] = (struct ssfctl_tok){ .s = argv[i], .len = len,
				.raw = argv[i], .rawlen = len };
			continue;
		}
		k = ssf_pol_words(argv[i], len, w + n, ARRAY_SIZE(w) - n, sp,
				  err);
		if (k < 0)
			goto out;
		n += (size_t)k;
		sp += len;
	}
	ret = ssf_pol_rule(w, n, res, NULL, r, err);
out:
	free(scratch);
	return ret;
}
