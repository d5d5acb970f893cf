/* cmd_quarter: `clerk quarter next FILE [-o OUT]`: starts the next
 * quarter's progress file from the newest one.
 *
 * The new file extends FILE and holds the next quarter's key, its as_of
 * (the quarter's last day) and empty places for what only the officer
 * knows: the meeting, the title, the summary and the updates. The places
 * that the report cannot do without are left empty (null), so `clerk
 * check` fails at each until it is filled in, rather than last quarter's
 * meeting and title passing for this quarter's. Above `updates:`, as YAML
 * comments, the actions to ask owners about: those due in the new
 * quarter, those overdue at its start and those not updated for two
 * quarters. These lists come from the plan hook run with "today" at the
 * new quarter's first day, so they are the figures the report itself
 * will use. The file is written whole under a temporary name and then
 * linked into place, so it appears complete or not at all, and an
 * existing file is never replaced. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/fs.h"
#include "base/xalloc.h"
#include "cli/cli.h"
#include "schema/table.h"
#include "report/report.h"

static const struct value *get(const struct value *map, const char *key)
{
	return map && map->kind == VALUE_MAP ? value_map_get(map, key) : NULL;
}

static const char *text(const struct value *map, const char *key)
{
	const struct value *v = get(map, key);
	return v && v->kind == VALUE_STRING && v->text ? v->text : NULL;
}

/* The quarter the report is about: its newest progress key, or -1. */
static long newest_quarter(const struct value *report)
{
	const struct value *p = get(report, "progress");
	long best = -1;
	for (size_t i = 0; p && p->kind == VALUE_MAP && i < p->as.map.len;
	     i++) {
		const struct value *k = p->as.map.items[i].key;
		long q = date_quarter_parse(k->text, k->len);
		if (q > best)
			best = q;
	}
	return best;
}

/* The oldest progress quarter, or -1. */
static long oldest_quarter(const struct value *report)
{
	const struct value *p = get(report, "progress");
	long best = -1;
	for (size_t i = 0; p && p->kind == VALUE_MAP && i < p->as.map.len;
	     i++) {
		const struct value *k = p->as.map.items[i].key;
		long q = date_quarter_parse(k->text, k->len);
		if (q >= 0 && (best < 0 || q < best))
			best = q;
	}
	return best;
}

/* The path of the new file: FILE's name with its quarter ("2020-21-q1")
 * moved on one, else progress-YYYY-YY-qN.yaml beside FILE. */
static char *next_path(const char *path, long q)
{
	char now[24], next[24];
	date_quarter_name(q, now);
	date_quarter_name(q + 1, next);
	/* "2020-21 Q1" as written in file names: "2020-21-q1". */
	now[7] = next[7] = '-';
	now[8] = next[8] = 'q';
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *at = strstr(base, now);
	struct buf b = BUF_INIT;
	if (at) {
		buf_put(&b, path, (size_t)(at - path));
		buf_puts(&b, next);
		buf_puts(&b, at + strlen(now));
	} else {
		char *dir = fs_dirname(path);
		buf_printf(&b, "%s/progress-%s.yaml", dir, next);
		free(dir);
	}
	return buf_detach(&b, NULL);
}

/* The relative path from the folder of `from` to `to`, for extends:;
 * both are given as the user wrote them, so the plain case of two files
 * in one folder is the file's name. */
static char *extends_path(const char *from, const char *to)
{
	char *a = fs_dirname(from), *b = fs_dirname(to);
	const char *name = strrchr(to, '/');
	char *out;
	if (strcmp(a, b) == 0) {
		out = xstrdup(name ? name + 1 : to);
	} else {
		char *abs = realpath(to, NULL);
		out = xstrdup(abs ? abs : to);
		free(abs);
	}
	free(a);
	free(b);
	return out;
}

/* A string as a YAML double-quoted scalar. */
static void quoted(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(out, '\\');
		if (*s == '\n')
			buf_puts(out, "\\n");
		else
			buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

/* The name of `status` in the plan's counts ("On track"), or NULL. */
static const char *status_name(const struct value *plan, const char *status)
{
	const struct value *counts = get(plan, "status_counts");
	for (size_t i = 0; status && counts && counts->kind == VALUE_LIST &&
	                   i < counts->as.list.len;
	     i++) {
		const char *s = text(counts->as.list.items[i], "status");
		if (s && strcmp(s, status) == 0)
			return text(counts->as.list.items[i], "name");
	}
	return NULL;
}

/* One action as a comment line: id, owner, due date, status, text. */
static void action_line(struct buf *out, const struct value *plan,
                        const struct value *a)
{
	const char *id = text(a, "id"), *due = text(a, "due");
	const char *owner = text(a, "owner");
	const char *status = status_name(plan, text(a, "status"));
	buf_printf(out, "      #   %s", id ? id : "?");
	if (owner)
		buf_printf(out, " (%s", owner);
	if (due) {
		buf_puts(out, owner ? "; due " : " (due ");
		schema_date_short_words(out, due);
	}
	if (status)
		buf_printf(out, "%s%s", owner || due ? "; " : " (", status);
	if (owner || due || status)
		buf_putc(out, ')');
	const char *t = text(a, "text");
	if (t) {
		buf_puts(out, ": ");
		for (; *t; t++)
			buf_putc(out, *t == '\n' ? ' ' : *t);
	}
	buf_putc(out, '\n');
}

/* A heading and its actions, each a comment line, or "none". */
static void action_list(struct buf *out, const struct value *plan,
                        const char *heading, const struct value *const *items,
                        size_t n)
{
	buf_printf(out, "      # %s:%s\n", heading, n ? "" : " none");
	for (size_t i = 0; i < n; i++)
		action_line(out, plan, items[i]);
}

static void value_list(struct buf *out, const struct value *plan,
                       const char *heading, const struct value *list)
{
	bool ok = list && list->kind == VALUE_LIST;
	action_list(out, plan, heading,
	            ok ? (const struct value *const *)list->as.list.items
	               : NULL,
	            ok ? list->as.list.len : 0);
}

static bool is_open(const struct value *a)
{
	const char *s = text(a, "status");
	return !s || (strcmp(s, "done") != 0 && strcmp(s, "cancelled") != 0);
}

/* The open actions whose last word (the quarter of their last update, or
 * the quarter they were added; the plan's own actions count from
 * `plan_start`, the quarter before the first) is two quarters or more
 * before quarter `q`. */
static void stale_list(struct buf *out, const struct value *plan, long q,
                       long plan_start)
{
	const struct value *actions = get(plan, "actions");
	size_t n = 0, len = actions && actions->kind == VALUE_LIST
	                            ? actions->as.list.len
	                            : 0;
	const struct value **stale = xmalloc((len + 1) * sizeof *stale);
	for (size_t i = 0; i < len; i++) {
		const struct value *a = actions->as.list.items[i];
		const char *u = text(a, "updated");
		if (!u)
			u = text(a, "added");
		long last = u ? date_quarter_parse(u, strlen(u)) : plan_start;
		if (is_open(a) && last <= q - 2)
			stale[n++] = a;
	}
	action_list(out, plan,
	            "Not updated for two quarters or more (ask whether they "
	            "are still on course)",
	            stale, n);
	free(stale);
}

/* The new quarter's file, for quarter `q` + 1, from the report `r` at
 * `path` (hooks run at the new quarter's first day). */
static void write_next(struct buf *out, const struct report *r,
                       const char *path, const char *new_path, long q)
{
	char now[24], next[24], first[24], last[24];
	date_quarter_name(q, now);
	date_quarter_name(q + 1, next);
	date_quarter_span(q + 1, first, last);
	struct buf from = BUF_INIT, to = BUF_INIT;
	schema_date_words(&from, first);
	schema_date_words(&to, last);
	const struct value *plan = get(r->computed, "plan");
	const char *months = text(plan, "next_quarter_months");
	char *ext = extends_path(new_path, path);

	buf_printf(out,
	           "# Progress in %s (%s to %s), started by\n"
	           "# `clerk quarter next` from %s.\n"
	           "# Fill in each empty value below, then run `clerk check` "
	           "on this file:\n"
	           "# it fails until the meeting date and the title are "
	           "filled in. Write\n"
	           "# notes in block style (as below) or in double quotes, "
	           "so that a colon,\n"
	           "# a comma or a # in a sentence stays part of it.\n",
	           next, from.data, to.data, ext);
	buf_puts(out, "clerk: 1\nextends: ");
	quoted(out, ext);
	buf_puts(out, "\n\nmeeting:\n"
	              "  date:    # the meeting that takes this report, "
	              "YYYY-MM-DD\n"
	              "  item:    # its item number on the agenda, in "
	              "quotes: \"6\"\n\n"
	              "report:\n"
	              "  title:   # this quarter's title (\"... progress "
	              "to September 2020\")\n"
	              "  purpose:   # one paragraph on what the report is "
	              "for\n");
	buf_printf(out,
	           "  summary:   # what happened in %s, in block style:\n"
	           "  #   summary: |\n"
	           "  #     Five actions were finished this quarter.\n"
	           "  recommendations:   # what members are asked to do:\n"
	           "  #   recommendations:\n"
	           "  #     - \"The committee is asked to note the "
	           "progress made.\"\n\n",
	           next);
	buf_printf(out, "progress:\n  %s:\n    as_of: %s\n", next, last);
	buf_puts(out, "    summary:   # where the figures come from, and "
	              "when\n"
	              "    updates:\n"
	              "      # One entry for each action that changed, "
	              "for example:\n"
	              "      #   P6.6:\n"
	              "      #     status: done\n"
	              "      #     done_on: 2020-09-14\n"
	              "      #     note: |\n"
	              "      #       The new procedures were agreed on "
	              "14 September.\n"
	              "      # Statuses: not_started, on_track, at_risk, "
	              "off_track, done,\n"
	              "      # cancelled. To ask the owners about, from "
	              "the plan at ");
	buf_puts(out, from.data);
	buf_puts(out, ":\n");
	struct buf heading = BUF_INIT;
	buf_printf(&heading, "Due in %s (%s)", next,
	           months ? months : "this quarter");
	value_list(out, plan, buf_cstr(&heading),
	           get(plan, "due_next_quarter"));
	buf_clear(&heading);
	buf_printf(&heading, "Overdue at %s", from.data);
	value_list(out, plan, buf_cstr(&heading), get(plan, "overdue"));
	long oldest = oldest_quarter(r->data);
	stale_list(out, plan, q + 1, oldest >= 0 ? oldest - 1 : q);
	buf_free(&heading);
	free(ext);
	buf_free(&from);
	buf_free(&to);
	(void)now;
}

/* Writes `data` to `path` only when nothing is there: through a
 * temporary file, linked into place (link(2) never replaces). */
static int write_new(const char *path, const struct buf *data, struct diags *d)
{
	char *tmp = fs_temp_name(path, (long)getpid());
	int rc = fs_write_atomic(tmp, data->data, data->len, d);
	if (rc == 0 && link(tmp, path) != 0) {
		if (errno == EEXIST)
			diag_error(d, (struct pos){path, 0, 0},
			           "this file already exists; clerk quarter "
			           "next never replaces a file. Remove it or "
			           "name another with -o");
		else
			diag_error(d, (struct pos){path, 0, 0},
			           "cannot write: %s", strerror(errno));
		rc = -1;
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

static int usage(void)
{
	printf("usage: clerk quarter next [-o OUT] FILE\n"
	       "Starts the next quarter's progress file from FILE, the "
	       "newest one: it extends\nFILE, names the next quarter and its "
	       "as_of, leaves the meeting, title and\nupdates to fill in, "
	       "and lists as comments the actions due in the quarter,\n"
	       "those overdue and those not updated for two quarters.\n"
	       "  -o OUT  the file to write (default: FILE's name with the "
	       "next quarter,\n          e.g. progress-2020-21-q2.yaml); an "
	       "existing file is never replaced\n");
	return CLI_OK;
}

int cmd_quarter(int argc, char **argv)
{
	const char *path = NULL, *out_path = NULL;
	if (argc >= 2 &&
	    (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return usage();
	if (argc < 2 || strcmp(argv[1], "next") != 0)
		return cli_usage_error("quarter: the command is 'clerk quarter "
		                       "next FILE'");
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return usage();
		if (strcmp(a, "-o") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("quarter: -o needs a "
				                       "file");
			out_path = argv[++i];
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("quarter: unknown option '%s'",
			                       a);
		} else if (path) {
			return cli_usage_error("quarter: one file at a time");
		} else {
			path = a;
		}
	}
	if (!path)
		return cli_usage_error("quarter next: no file given");

	struct report r;
	int rc = report_load(&r, path, cli_templates_dir(), NULL, NULL);
	long q = rc == 0 ? newest_quarter(r.data) : -1;
	if (rc == 0 && q < 0) {
		diag_error(&r.diags, (struct pos){path, 0, 0},
		           "this report has no progress: quarter, so there is "
		           "no next one; the first quarter's file is written "
		           "by hand (see the README's quarterly walkthrough)");
		rc = -1;
	}
	char first[24], last[24];
	if (rc == 0) {
		date_quarter_span(q + 1, first, last);
		rc = report_compute(&r, cli_scripts_dir(), first);
	}
	char *dest = NULL;
	if (rc == 0) {
		dest = out_path ? xstrdup(out_path) : next_path(path, q);
		struct buf out = BUF_INIT;
		write_next(&out, &r, path, dest, q);
		rc = write_new(dest, &out, &r.diags);
		buf_free(&out);
	}
	cli_print_diags(&r.diags);
	if (rc == 0 && cli_verbosity >= 0)
		fprintf(stderr, "wrote %s\n", dest);
	free(dest);
	report_free(&r);
	return rc == 0 ? CLI_OK : CLI_BAD_INPUT;
}
