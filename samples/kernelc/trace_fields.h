/* SPDX-License-Identifier: GPL-2.0 */
/* Trace events with field-list macros, comments among the fields, and no `;` after the event. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM demo

#if !defined(_TRACE_DEMO_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_DEMO_H

#include <linux/tracepoint.h>

#define DEV_ENTRY	__array(char, dev_name, 32)
#define DEV_ASSIGN	strscpy(__entry->dev_name, dev_name(dev), 32)

TRACE_EVENT(demo_share,
	TP_PROTO(struct device *dev, u64 pa, int pages),
	TP_ARGS(dev, pa, pages),
	TP_STRUCT__entry(
		DEV_ENTRY
		DEMO_NODE_ENTRY(dev_to_node(dev))
		/* where and how much */
		__field(u64, pa)
		__field(int, pages)
	),
	TP_fast_assign(
		DEV_ASSIGN;
		__entry->pa = pa;
		__entry->pages = pages;
	),
	TP_printk("%s pa=%llx pages=%d", __entry->dev_name, __entry->pa, __entry->pages)
)

TRACE_EVENT(demo_unshare,
	TP_PROTO(u64 pa),
	TP_ARGS(pa),
	TP_STRUCT__entry(
		__field(u64, pa)
	),
	TP_fast_assign(
		__entry->pa = pa;
	),
	TP_printk("pa=%llx", __entry->pa)
);

#endif /* _TRACE_DEMO_H */

#include <trace/define_trace.h>
