/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SSF_NETLINK_H
#define _SSF_NETLINK_H

int ssf_genl_init(void);
void ssf_genl_exit(void);

#endif /* _SSF_NETLINK_H */
