/* chain: the checks that need each file of an `extends:` chain on its
 * own, and the quarter arithmetic of progress reports.
 *
 * Merging hides what each file said: an action listed again replaces the
 * earlier one, a quarter skipped leaves no trace, a quarter's dates may
 * disagree with its name. Each such case would put wrong figures in front
 * of a committee without a word, so each is an error (or, where the
 * report is still right, a warning) at the position of its cause. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"
#include "schema/schema.h"
#include "schema/table.h"
#include "value/keyset.h"

static bool present(const struct value *v)
{
	return v && v->kind != VALUE_NULL;
}

static const struct value *get(const struct value *map, const char *key)
{
	return map && map->kind == VALUE_MAP ? value_map_get(map, key) : NULL;
}

static const char *file_name(const struct value *tree)
{
	return tree && tree->pos.file ? tree->pos.file : "the file extended";
}

/* The newest quarter key of `progress` (a map), or -1. */
static long newest_quarter(const struct value *progress,
                           const struct value **key)
{
	long best = -1;
	if (!progress || progress->kind != VALUE_MAP)
		return -1;
	for (size_t i = 0; i < progress->as.map.len; i++) {
		const struct value *k = progress->as.map.items[i].key;
		long q = date_quarter_parse(k->text, k->len);
		if (q > best) {
			best = q;
			if (key)
				*key = k;
		}
	}
	return best;
}

/* Calls `fn` for each action map of the tree's action plan. */
static void each_action(const struct value *tree,
                        void (*fn)(void *ctx, const struct value *action),
                        void *ctx)
{
	const struct value *pr = get(get(tree, "action_plan"), "priorities");
	if (!pr || pr->kind != VALUE_LIST)
		return;
	for (size_t i = 0; i < pr->as.list.len; i++) {
		const struct value *acts = get(pr->as.list.items[i], "actions");
		if (!acts || acts->kind != VALUE_LIST)
			continue;
		for (size_t j = 0; j < acts->as.list.len; j++)
			if (acts->as.list.items[j]->kind == VALUE_MAP)
				fn(ctx, acts->as.list.items[j]);
	}
}

struct earlier {
	struct value_keyset ids;
	const struct value **where; /* each action's map, by keyset value */
	size_t n, cap;
};

static void note_earlier(void *ctx, const struct value *action)
{
	struct earlier *e = ctx;
	const struct value *id = get(action, "id");
	if (!id || !value_is_scalar(id) || !id->text)
		return;
	if (value_keyset_find(&e->ids, id->text, id->len) >= 0)
		return;
	e->where = xgrow(e->where, &e->cap, e->n + 1, sizeof *e->where);
	e->where[e->n] = action;
	value_keyset_add(&e->ids, id, (long)e->n);
	e->n++;
}

struct file_check {
	struct earlier *earlier;
	const char *quarter; /* this file's newest quarter, or NULL */
	bool quarterly;      /* this file has a progress: block */
	struct diags *d;
};

static void check_new_action(void *ctx, const struct value *action)
{
	struct file_check *f = ctx;
	const struct value *id = get(action, "id");
	if (!id || !value_is_scalar(id) || !id->text)
		return;
	const struct value *replaces = get(action, "replaces");
	bool on_purpose = present(replaces) && replaces->kind == VALUE_BOOL &&
	                  replaces->as.b;
	long j = value_keyset_find(&f->earlier->ids, id->text, id->len);
	if (j >= 0) {
		/* Listing an action again with some of its fields amends it
		 * (a new due date, say); a different text is a new action
		 * that took an id already in use. */
		const struct value *first = f->earlier->where[j];
		const struct value *text = get(action, "text");
		const struct value *was = get(first, "text");
		bool same = !present(text) ||
		            (present(was) && text->text && was->text &&
		             text->len == was->len &&
		             memcmp(text->text, was->text, text->len) == 0);
		if (on_purpose || same)
			return;
		diag_add_rule(
		        f->d, DIAG_ERROR, "action-id-reused", id->pos,
		        "action %s is already in the plan with another text: "
		        "listing it here replaces that action's text, owner "
		        "and due date in every quarter. Give a new action an "
		        "id of its own; to report progress on %s, put it "
		        "under this quarter's updates:; to replace it on "
		        "purpose, add replaces: true",
		        id->text, id->text);
		diag_add_rule(f->d, DIAG_NOTE, "action-id-reused",
		              get(first, "id")->pos,
		              "action %s is first listed here", id->text);
		return;
	}
	if (on_purpose)
		diag_add_rule(f->d, DIAG_WARNING, "replaces-unused",
		              replaces->pos,
		              "replaces: true, but no earlier file lists an "
		              "action %s; remove replaces:",
		              id->text);
	if (f->quarterly && !present(get(action, "added"))) {
		if (f->quarter)
			diag_add_rule(
			        f->d, DIAG_ERROR, "action-added-missing",
			        id->pos,
			        "action %s is new in this file but has no "
			        "added: quarter, so it would count as part "
			        "of the plan from the start and change every "
			        "earlier quarter's totals; add added: %s",
			        id->text, f->quarter);
		else
			diag_add_rule(
			        f->d, DIAG_ERROR, "action-added-missing",
			        id->pos,
			        "action %s is new in this file but has no "
			        "added: quarter, so it would count as part "
			        "of the plan from the start; add added: with "
			        "the quarter it joined the plan",
			        id->text);
	}
}

/* File `i` of the chain against the files it extends, `i + 1` onwards. */
static void check_file(const struct load_chain *ch, size_t i, struct diags *d)
{
	const struct value *tree = ch->files[i];
	struct earlier e = {VALUE_KEYSET_INIT, NULL, 0, 0};
	long base_q = -1;
	const struct value *base_key = NULL;
	const struct value *base_file = NULL;
	struct value_keyset base_quarters = VALUE_KEYSET_INIT;
	for (size_t k = i + 1; k < ch->n; k++) {
		each_action(ch->files[k], note_earlier, &e);
		const struct value *p = get(ch->files[k], "progress");
		const struct value *key = NULL;
		long q = newest_quarter(p, &key);
		if (q > base_q) {
			base_q = q;
			base_key = key;
			base_file = ch->files[k];
		}
		if (p && p->kind == VALUE_MAP)
			for (size_t m = 0; m < p->as.map.len; m++)
				value_keyset_add(&base_quarters,
				                 p->as.map.items[m].key,
				                 (long)k);
	}

	const struct value *progress = get(tree, "progress");
	const struct value *ext = get(tree, "extends");
	const char *ext_name = ext && ext->text ? ext->text : "";
	struct pos at = ch->extends_at[i];

	/* The quarters this file adds, and the oldest of them. */
	long oldest_new = -1;
	const struct value *oldest_key = NULL;
	const char *newest = NULL;
	const struct value *newest_key = NULL;
	if (progress && progress->kind == VALUE_MAP) {
		if (newest_quarter(progress, &newest_key) >= 0)
			newest = newest_key->text;
		for (size_t m = 0; m < progress->as.map.len; m++) {
			const struct value *k = progress->as.map.items[m].key;
			long q = date_quarter_parse(k->text, k->len);
			if (q < 0)
				continue;
			long in = value_keyset_find(&base_quarters, k->text,
			                            k->len);
			if (in >= 0) {
				diag_add_rule(
				        d, DIAG_ERROR, "quarter-repeated",
				        k->pos,
				        "%s is already in '%s': this file "
				        "would change that quarter's "
				        "figures. A new quarter's file "
				        "reports the next quarter",
				        k->text, file_name(ch->files[in]));
				continue;
			}
			if (oldest_new < 0 || q < oldest_new) {
				oldest_new = q;
				oldest_key = k;
			}
		}
	}

	if (base_q >= 0 && !present(progress)) {
		diag_add_rule(d, DIAG_WARNING, "quarter-no-progress", at,
		              "this file has no progress: block, so the report "
		              "shows %s's figures from '%s' under this file's "
		              "title; add this quarter's progress",
		              base_key->text, file_name(base_file));
	} else if (base_q >= 0 && oldest_new >= 0) {
		char want[24];
		date_quarter_name(base_q + 1, want);
		if (oldest_new > base_q + 1) {
			diag_add_rule(
			        d, DIAG_ERROR, "quarter-gap", at,
			        "this file reports %s but extends '%s', "
			        "whose newest quarter is %s: %s%s would be "
			        "left out of every figure. Point extends: at "
			        "the file that reports %s",
			        oldest_key->text, ext_name, base_key->text,
			        want,
			        oldest_new > base_q + 2 ? " and later" : "",
			        want);
		} else if (oldest_new <= base_q) {
			diag_add_rule(
			        d, DIAG_ERROR, "quarter-out-of-order",
			        oldest_key->pos,
			        "%s comes before %s, the newest quarter in "
			        "'%s' which this file extends; a new "
			        "quarter's file reports %s",
			        oldest_key->text, base_key->text, ext_name,
			        want);
		}
	}

	struct file_check f = {&e, newest, present(progress), d};
	each_action(tree, check_new_action, &f);
	value_keyset_free(&base_quarters);
	value_keyset_free(&e.ids);
	free(e.where);
}

/* Each quarter's as_of lies in its quarter; the meeting is not before the
 * newest quarter's figures; the newest quarter says something. */
static void check_quarters(const struct value *report, struct diags *d)
{
	const struct value *progress = get(report, "progress");
	if (!progress || progress->kind != VALUE_MAP)
		return;
	for (size_t i = 0; i < progress->as.map.len; i++) {
		const struct value *k = progress->as.map.items[i].key;
		const struct value *as_of =
		        get(progress->as.map.items[i].value, "as_of");
		long q = date_quarter_parse(k->text, k->len);
		if (q < 0 || !present(as_of) || !as_of->text ||
		    !date_valid(as_of->text))
			continue;
		char first[24], last[24];
		date_quarter_span(q, first, last);
		if (strcmp(as_of->text, first) >= 0 &&
		    strcmp(as_of->text, last) <= 0)
			continue;
		struct buf from = BUF_INIT, to = BUF_INIT;
		schema_date_words(&from, first);
		schema_date_words(&to, last);
		diag_add_rule(
		        d, DIAG_ERROR, "quarter-as-of-outside", as_of->pos,
		        "as_of %s is not in %s, which runs from %s to %s; "
		        "correct the date or the quarter",
		        as_of->text, k->text, from.data, to.data);
		buf_free(&from);
		buf_free(&to);
	}

	const struct value *key = NULL;
	if (newest_quarter(progress, &key) < 0)
		return;
	const struct value *quarter = get(progress, key->text);
	const struct value *as_of = get(quarter, "as_of");
	const struct value *meeting = get(get(report, "meeting"), "date");
	if (present(as_of) && present(meeting) && as_of->text &&
	    meeting->text && date_valid(meeting->text) &&
	    date_valid(as_of->text) && strcmp(meeting->text, as_of->text) < 0)
		diag_add_rule(
		        d, DIAG_ERROR, "meeting-before-as-of", meeting->pos,
		        "the meeting (%s) is before the date the figures "
		        "were taken (as_of %s for %s); correct the meeting "
		        "date or the quarter's as_of",
		        meeting->text, as_of->text, key->text);
	const struct value *updates = get(quarter, "updates");
	bool none = !present(updates) ||
	            (updates->kind == VALUE_MAP && updates->as.map.len == 0);
	if (none)
		diag_add_rule(d, DIAG_WARNING, "quarter-no-updates", key->pos,
		              "%s has no updates, so every action keeps last "
		              "quarter's status; if nothing changed, say so in "
		              "the quarter's summary",
		              key->text);
}

int schema_check_chain(const struct load_chain *chain, struct diags *d)
{
	size_t errors = d->errors;
	for (size_t i = 0; i + 1 < chain->n; i++)
		check_file(chain, i, d);
	return d->errors > errors ? -1 : 0;
}

int schema_check_quarters(const struct value *report, struct diags *d)
{
	size_t errors = d->errors;
	check_quarters(report, d);
	return d->errors > errors ? -1 : 0;
}
