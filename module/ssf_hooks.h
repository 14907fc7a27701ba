/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_HOOKS_H
#define _SSF_HOOKS_H

struct net;

int ssf_hooks_register(struct net *net);
void ssf_hooks_unregister(struct net *net);
int ssf_hooks_lockdown_register(struct net *net);
void ssf_hooks_lockdown_unregister(struct net *net);

#endif /* _SSF_HOOKS_H */
