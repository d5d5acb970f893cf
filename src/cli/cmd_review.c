/* cmd_review: `clerk review [--format text|md] [--as-of DATE] FILE`: the
 * page a committee officer checks before the agenda deadline.
 *
 * It prints the quarter's figures, what changed since the quarter
 * before, what is overdue and what falls due next, and under each number
 * its working: the actions that make it up. Every figure is read from
 * the data the plan and progress hooks computed for the report
 * (computed.plan, computed.progress), the very data the page and the PDF
 * print, so the review cannot disagree with the report; nothing here
 * counts or divides. Plain text for a terminal, or Markdown with
 * --format md. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "cli/cli.h"
#include "schema/table.h"
#include "report/report.h"

struct out {
	struct buf b;
	bool md;
};

static const struct value *get(const struct value *map, const char *key)
{
	return map && map->kind == VALUE_MAP ? value_map_get(map, key) : NULL;
}

static const char *text(const struct value *map, const char *key)
{
	const struct value *v = get(map, key);
	return v && v->kind == VALUE_STRING && v->text ? v->text : NULL;
}

/* text(), or "?" where the hooks gave none. */
static const char *str(const struct value *map, const char *key)
{
	const char *t = text(map, key);
	return t ? t : "?";
}

/* A count the hooks computed, as written by value_print. */
static void number(struct buf *b, const struct value *map, const char *key)
{
	const struct value *v = get(map, key);
	if (v)
		value_print(b, v);
	else
		buf_putc(b, '?');
}

static size_t list_len(const struct value *v)
{
	return v && v->kind == VALUE_LIST ? v->as.list.len : 0;
}

static void section(struct out *o, const char *title)
{
	buf_printf(&o->b, o->md ? "\n## %s\n\n" : "\n%s\n", title);
}

static void item(struct out *o, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static void item(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_puts(&o->b, o->md ? "- " : "  ");
	buf_vprintf(&o->b, fmt, ap);
	buf_putc(&o->b, '\n');
	va_end(ap);
}

/* The working under an item: one line per action, or the ids of a list
 * on one line. */
static void detail_start(struct out *o)
{
	buf_puts(&o->b, o->md ? "  - " : "      ");
}

/* Each action of `list` on a line of its own: id, then what `what`
 * picks (due date, done date, the change), then the text. */
enum what { DUE, DONE_ON, CHANGE, ADDED };

/* The name of `status` in the plan's counts ("On track"), or NULL. */
static const char *status_name(const struct value *plan, const char *status)
{
	const struct value *counts = get(plan, "status_counts");
	for (size_t i = 0; status && i < list_len(counts); i++) {
		const char *s = text(counts->as.list.items[i], "status");
		if (s && strcmp(s, status) == 0)
			return text(counts->as.list.items[i], "name");
	}
	return NULL;
}

static void action_lines(struct out *o, const struct value *plan,
                         const struct value *list, enum what what)
{
	for (size_t i = 0; i < list_len(list); i++) {
		const struct value *a = list->as.list.items[i];
		const char *id = text(a, "id"), *t = text(a, "text");
		detail_start(o);
		buf_printf(&o->b, o->md ? "**%s**" : "%s", id ? id : "?");
		if (what == DUE || what == ADDED) {
			const char *due = text(a, "due");
			if (due) {
				buf_puts(&o->b, ", due ");
				schema_date_short_words(&o->b, due);
			}
			const char *s = status_name(plan, text(a, "status"));
			if (s && what == DUE)
				buf_printf(&o->b, ", %s", s);
		} else if (what == DONE_ON) {
			const char *d = text(a, "done_on");
			if (d) {
				buf_puts(&o->b, ", done ");
				schema_date_short_words(&o->b, d);
			}
		} else {
			const char *was = text(a, "was_text");
			const char *now = text(a, "now_text");
			if (was && now)
				buf_printf(&o->b, ", %s, now %s", was, now);
		}
		const char *owner = text(a, "owner");
		if (owner)
			buf_printf(&o->b, " (%s)", owner);
		if (t) {
			buf_puts(&o->b, ": ");
			for (; *t; t++)
				buf_putc(&o->b, *t == '\n' ? ' ' : *t);
		}
		buf_putc(&o->b, '\n');
	}
}

/* The ids of the actions of `actions` with status `status`, on one
 * line. */
static void ids_with_status(struct out *o, const struct value *actions,
                            const char *status)
{
	detail_start(o);
	bool any = false;
	for (size_t i = 0; i < list_len(actions); i++) {
		const struct value *a = actions->as.list.items[i];
		const char *s = text(a, "status"), *id = text(a, "id");
		if (!s || !id || strcmp(s, status) != 0)
			continue;
		buf_printf(&o->b, "%s%s", any ? ", " : "", id);
		any = true;
	}
	buf_putc(&o->b, '\n');
}

static void figures(struct out *o, const struct value *plan,
                    const struct value *progress)
{
	const struct value *actions = get(plan, "actions");
	const char *quarter = text(progress, "quarter_long");
	struct buf title = BUF_INIT;
	buf_puts(&title, "The figures");
	if (quarter)
		buf_printf(&title, " at the end of %s", quarter);
	section(o, buf_cstr(&title));
	buf_free(&title);

	struct buf n = BUF_INIT;
	number(&n, plan, "done");
	buf_puts(&n, " of ");
	number(&n, plan, "live");
	buf_printf(&n, " live actions are complete (%s)",
	           str(plan, "percent_complete_text"));
	const struct value *cancelled = get(plan, "cancelled_any");
	if (cancelled && cancelled->kind == VALUE_BOOL && cancelled->as.b) {
		buf_puts(&n, "; ");
		number(&n, plan, "cancelled");
		buf_puts(&n, " cancelled, not counted; ");
		number(&n, plan, "total");
		buf_puts(&n, " in all");
	}
	item(o, "%s", buf_cstr(&n));
	buf_clear(&n);
	detail_start(o);
	buf_puts(&o->b, "working: ");
	number(&o->b, plan, "done");
	buf_puts(&o->b, " done / ");
	number(&o->b, plan, "live");
	buf_puts(&o->b, " live = ");
	number(&o->b, plan, "percent_complete");
	buf_printf(&o->b, "%%, printed as %s\n",
	           str(plan, "percent_complete_text"));

	const struct value *counts = get(plan, "status_counts");
	for (size_t i = 0; i < list_len(counts); i++) {
		const struct value *c = counts->as.list.items[i];
		const struct value *k = get(c, "count");
		if (!k || (k->kind == VALUE_INT && k->as.i == 0))
			continue;
		number(&n, c, "count");
		item(o, "%s: %s", str(c, "name"), buf_cstr(&n));
		buf_clear(&n);
		ids_with_status(o, actions, text(c, "status"));
	}
	number(&n, plan, "total");
	item(o, "All actions: %s", buf_cstr(&n));
	buf_free(&n);
}

static void counted(struct out *o, const struct value *plan, const char *label,
                    const struct value *map, const char *count,
                    const char *list, enum what what)
{
	struct buf n = BUF_INIT;
	number(&n, map, count);
	item(o, "%s: %s", label, buf_cstr(&n));
	buf_free(&n);
	action_lines(o, plan, get(map, list), what);
}

static void changes(struct out *o, const struct value *plan,
                    const struct value *progress)
{
	const char *prev = text(progress, "previous_long");
	if (!text(progress, "quarter"))
		return;
	struct buf title = BUF_INIT;
	buf_printf(&title, "What changed since %s",
	           prev ? prev : "the plan was agreed");
	section(o, buf_cstr(&title));
	buf_free(&title);
	const char *was = text(progress, "previous_percent_complete_text");
	if (was) {
		struct buf n = BUF_INIT;
		buf_printf(&n, "Percent complete: %s", was);
		if (get(progress, "previous_done")) {
			buf_puts(&n, " (");
			number(&n, progress, "previous_done");
			buf_puts(&n, " of ");
			number(&n, progress, "previous_live");
			buf_putc(&n, ')');
		}
		buf_printf(&n, " then, %s (",
		           str(plan, "percent_complete_text"));
		number(&n, plan, "done");
		buf_puts(&n, " of ");
		number(&n, plan, "live");
		buf_puts(&n, ") now: a change of ");
		number(&n, progress, "percent_complete_change");
		buf_puts(&n, " percentage points");
		item(o, "%s", buf_cstr(&n));
		buf_free(&n);
	}
	counted(o, plan, "Newly complete", progress, "newly_complete_count",
	        "newly_complete", DONE_ON);
	counted(o, plan, "Slipped", progress, "slipped_count", "slipped",
	        CHANGE);
	counted(o, plan, "Added to the plan", progress, "newly_added_count",
	        "newly_added", ADDED);
	counted(o, plan, "Newly overdue", progress, "newly_overdue_count",
	        "newly_overdue", DUE);
}

static void deadlines(struct out *o, const struct value *plan)
{
	section(o, "Overdue and due next");
	struct buf label = BUF_INIT;
	buf_printf(&label, "Overdue at %s", str(plan, "as_of_long"));
	counted(o, plan, buf_cstr(&label), plan, "overdue_count", "overdue",
	        DUE);
	buf_clear(&label);
	buf_printf(&label, "Due in %s (%s)", str(plan, "next_quarter"),
	           str(plan, "next_quarter_months"));
	counted(o, plan, buf_cstr(&label), plan, "due_next_quarter_count",
	        "due_next_quarter", DUE);
	buf_free(&label);
}

static void review(struct out *o, const struct report *r, const char *path)
{
	const struct value *plan = get(r->computed, "plan");
	const struct value *progress = get(r->computed, "progress");
	const struct value *meeting = get(r->data, "meeting");
	const char *title = text(get(r->data, "report"), "title");
	buf_printf(&o->b, o->md ? "# Review: %s\n\n" : "Review: %s\n",
	           title ? title : path);
	struct buf m = BUF_INIT;
	buf_puts(&m, path);
	const char *committee = text(meeting, "committee");
	const char *date = text(meeting, "date");
	const char *agenda_item = text(meeting, "item");
	if (committee)
		buf_printf(&m, "; %s", committee);
	if (date) {
		buf_puts(&m, ", ");
		schema_date_words(&m, date);
	}
	if (agenda_item)
		buf_printf(&m, ", item %s", agenda_item);
	buf_printf(&o->b, "%s\n", buf_cstr(&m));
	buf_free(&m);
	if (!get(plan, "total")) {
		section(o, "The figures");
		item(o, "This report has no action plan, so it has no "
		        "figures to review.");
		return;
	}
	figures(o, plan, progress);
	changes(o, plan, progress);
	deadlines(o, plan);
}

static int usage(void)
{
	printf("usage: clerk review [--format text|md] [--as-of DATE] FILE\n"
	       "Prints what a committee officer checks before the agenda "
	       "deadline: the\nquarter's figures, what changed since the "
	       "quarter before, what is overdue\nand due next, and under "
	       "each number the actions that make it up. The\nfigures are "
	       "those the report prints (the plan and progress hooks').\n"
	       "  --format md   Markdown instead of plain text\n"
	       "  --as-of DATE  today's date for the hooks (YYYY-MM-DD); the "
	       "default is\n                the meeting date\n");
	return CLI_OK;
}

int cmd_review(int argc, char **argv)
{
	const char *path = NULL, *as_of = NULL;
	struct out o = {BUF_INIT, false};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return usage();
		if (strcmp(a, "--format") == 0 || strcmp(a, "--as-of") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error(
				        "review: %s needs a value", a);
			const char *v = argv[++i];
			if (a[2] == 'a')
				as_of = v;
			else if (strcmp(v, "md") == 0)
				o.md = true;
			else if (strcmp(v, "text") != 0)
				return cli_usage_error(
				        "review: --format takes text or md, "
				        "not '%s'",
				        v);
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("review: unknown option '%s'",
			                       a);
		} else if (path) {
			return cli_usage_error("review: one report at a time");
		} else {
			path = a;
		}
	}
	if (!path)
		return cli_usage_error("review: no report given");
	if (as_of && !date_valid(as_of))
		return cli_usage_error("review: --as-of '%s' is not a date "
		                       "written YYYY-MM-DD",
		                       as_of);
	struct report r;
	int rc = report_load(&r, path, cli_templates_dir(), NULL, NULL);
	if (rc == 0)
		rc = report_compute(&r, cli_scripts_dir(), as_of);
	if (rc == 0) {
		review(&o, &r, path);
		fwrite(o.b.data, 1, o.b.len, stdout);
	}
	buf_free(&o.b);
	cli_print_diags(&r.diags);
	report_free(&r);
	return rc == 0 ? CLI_OK : CLI_BAD_INPUT;
}
