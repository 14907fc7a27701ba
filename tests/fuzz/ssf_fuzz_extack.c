// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the extended-ack decoders and the attribute locator on
 * any bytes, as if the kernel (or anything on the socket) sent them.
 */
#include <string.h>

#include "extack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ssfctl_extack ea;
	struct ssfctl_apath p;
	u32 off = 0;

	if (size >= 4)
		memcpy(&off, data, 4);
	ssf_extack_from_error((const void *)data, size, &ea);
	if (ea.msg[sizeof(ea.msg) - 1] || strlen(ea.msg) >= sizeof(ea.msg))
		__builtin_trap();
	ssf_extack_from_done((const void *)data, size, &ea);
	ssf_attr_path((const void *)data, size, off, &p);
	if (p.depth > SSF_APATH_MAX)
		__builtin_trap();
	return 0;
}
