/* SPDX-License-Identifier: GPL-2.0 */
/* A trace header: each event reads as the function it describes. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM demo

#if !defined(_TRACE_DEMO_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_DEMO_H

#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(demo_buf_class,

	TP_PROTO(struct demo_buf *buf, int len),

	TP_ARGS(buf, len),

	TP_STRUCT__entry(
		__field(	u64,		pa		)
		__field(	int,		len		)
		__array(	char,		tag,	8	)
		__string(	dev,		buf->name	)
	),

	TP_fast_assign(
		__entry->pa = buf->pa;
		__entry->len = len;
		__assign_str(dev, buf->name);
	),

	TP_printk("dev=%s pa=%llx len=%d", __get_str(dev), __entry->pa, __entry->len)
);

DEFINE_EVENT(demo_buf_class, demo_buf_share,
	TP_PROTO(struct demo_buf *buf, int len),
	TP_ARGS(buf, len)
);

TRACE_EVENT(demo_reset,

	TP_PROTO(int reason),

	TP_ARGS(reason),

	TP_STRUCT__entry(
		__field(int, reason)
	),

	TP_fast_assign(
		__entry->reason = reason;
	),

	TP_printk("reason=%d", __entry->reason)
);

#endif /* _TRACE_DEMO_H */

#include <trace/define_trace.h>
