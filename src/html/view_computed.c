/* view_computed: what the hooks computed, and rows the view derives.
 *
 * The hooks' data (judgement changes, action statuses, counts by status)
 * is copied into the view where templates look for it; rows that
 * templates cannot make from the data's shape (quarters, figures with
 * their comparisons, the contact) are added; optional keys are set to
 * null so that a Mustache lookup stops at the item; and every list gets
 * a count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/xalloc.h"
#include "html/internal.h"
#include "value/keyset.h"

/* Takes into the plan's `act` what the hooks computed for it in `ca`:
 * its status at the newest quarter, a revised due date, the completion
 * date and the latest note, from the updates. */
static void apply_action(struct view *v, struct value *act,
                         const struct value *ca)
{
	const struct value *st = value_map_get(ca, "status");
	if (st && st->text && view_status_name(v, st->text)) {
		set_str(v, act, "status", st->text);
		set_str(v, act, "status_name", view_status_name(v, st->text));
	}
	static const char *const dated[] = {"due", "done_on"};
	for (int q = 0; q < 2; q++) {
		const struct value *dv = value_map_get(ca, dated[q]);
		bool ok = dv && dv->text &&
		          (q == 0 ? date_target_valid(dv->text)
		                  : date_valid(dv->text));
		if (!ok)
			continue;
		set_str(v, act, dated[q], dv->text);
		view_set_date_twins(v, act, dated[q], dv->text);
	}
	const struct value *nt = value_map_get(ca, "note");
	if (nt && nt->text)
		set_str(v, act, "note", nt->text);
}

/* Judgements and the plan take what the hooks computed: the change since
 * the previous inspection, and each action's status at the newest
 * quarter. */
void view_apply_computed(struct view *v, const struct value *computed)
{
	if (!computed)
		return;
	const struct value *ci = value_map_get(computed, "inspection");
	const struct value *cj = value_map_get(ci, "judgements");
	struct value *js = value_map_get(value_map_get(v->root, "inspection"),
	                                 "judgements");
	for (size_t i = 0; js && cj && cj->kind == VALUE_LIST &&
	                   i < js->as.list.len && i < cj->as.list.len;
	     i++) {
		const struct value *change =
		        value_map_get(cj->as.list.items[i], "change");
		if (change && change->text) {
			set_str(v, js->as.list.items[i], "change",
			        change->text);
			/* Its words from brand.yaml `words:` (change_improved
			 * ...); a change the theme has no words for prints as
			 * the hook wrote it. */
			char cls[48];
			snprintf(cls, sizeof cls, "change_%s", change->text);
			const char *name = theme_word(v->theme, cls);
			set_str(v, js->as.list.items[i], "change_name",
			        *name ? name : change->text);
			set_bool(v, js->as.list.items[i], cls, true);
		}
	}
	const struct value *plan = value_map_get(computed, "plan");
	const struct value *acts = value_map_get(plan, "actions");
	struct value *prios = value_map_get(
	        value_map_get(v->root, "action_plan"), "priorities");
	if (!prios || !acts || acts->kind != VALUE_LIST)
		return;
	/* The computed actions by id, so that a plan of n actions is read in
	 * O(n): `first` holds each id's earliest computed action and
	 * `next[k]` the following one with the same id, so that duplicates
	 * apply in the order the hook wrote them, as a scan would. The set
	 * is filled from the end, `put` handing back the later entry it
	 * displaces. */
	size_t n = acts->as.list.len;
	struct value_keyset first = VALUE_KEYSET_INIT;
	long *next = xmalloc((n ? n : 1) * sizeof *next);
	for (size_t k = n; k-- > 0;) {
		const struct value *cid =
		        value_map_get(acts->as.list.items[k], "id");
		next[k] = -1;
		if (cid && cid->text && strlen(cid->text) == cid->len)
			next[k] = value_keyset_put(&first, cid, (long)k);
	}
	for (size_t i = 0; i < prios->as.list.len; i++) {
		struct value *list =
		        value_map_get(prios->as.list.items[i], "actions");
		for (size_t j = 0; list && j < list->as.list.len; j++) {
			struct value *act = list->as.list.items[j];
			const struct value *id = value_map_get(act, "id");
			if (!id || !id->text)
				continue;
			for (long k = value_keyset_find(&first, id->text,
			                                strlen(id->text));
			     k >= 0; k = next[k])
				apply_action(v, act, acts->as.list.items[k]);
		}
	}
	free(next);
	value_keyset_free(&first);
}

/* Gives every list a `KEY_count` twin, 0 when empty, so a template can
 * print a table's frame only when there are rows:
 * `{{#actions_count}}<table>...{{/actions_count}}`. */
void view_count_lists(struct view *v, struct value *node)
{
	if (node->kind == VALUE_LIST) {
		for (size_t i = 0; i < node->as.list.len; i++)
			view_count_lists(v, node->as.list.items[i]);
		return;
	}
	if (node->kind != VALUE_MAP)
		return;
	size_t n = node->as.map.len;
	for (size_t i = 0; i < n; i++) {
		struct value_pair *p = &node->as.map.items[i];
		if (p->key->len > 64 ||
		    (p->key->len > 6 &&
		     strcmp(p->key->text + p->key->len - 6, "_count") == 0))
			continue;
		view_count_lists(v, p->value);
		if (p->value->kind == VALUE_LIST) {
			char k[80];
			snprintf(k, sizeof k, "%s_count", p->key->text);
			if (!value_map_get(node, k))
				set_int(v, node, k,
				        (long)p->value->as.list.len);
		}
	}
}

/* Optional keys that templates read on items, set to null where absent so
 * that a lookup stops at the item: `[]` is every item of a list. */
static const struct {
	const char *path;
	const char *keys;
} optional[] = {
        {"inspection.judgements.[]",
         "note previous previous_name change change_name"},
        {"inspection.judgements.[].judgements.[]",
         "note previous previous_name change change_name judgements"},
        {"inspection.findings.[]", "going_well to_address"},
        {"inspection.recommendations.[]", "theme"},
        {"inspection.earlier.[]", "framework from_long to_long published_long "
                                  "overall overall_name summary judgements "
                                  "url_href url_pdf"},
        {"action_plan.priorities.[]", "owner issue done planned actions"},
        {"action_plan.priorities.[].actions.[]",
         "owner due_long due_short done_on_long done_on_short measure "
         "note"},
        {"background_papers.[]", "url_href url_pdf date_long held_at contact"},
        {"appendices.[]", "url_href url_pdf file exempt"},
        {"glossary.[]", "expansion url_href url_pdf"},
        {"audit_trail.consultations.[]", "role sent_long cleared_long comment"},
        {"audit_trail.history.[]", "date_long change"},
        {"report.contributors.[]", "role"},
        {"report.author", "role phone email"},
        {"report.contact", "role phone email"},
        {"report.portfolio_holder", "role"},
        {"report.report_from", "role"},
        {"audit_trail.lead_officer", "role"},
};

static void ensure_at(struct view *v, struct value *node, const char *path,
                      const char *keys)
{
	if (!node)
		return;
	if (!*path) {
		if (node->kind != VALUE_MAP)
			return;
		while (*keys) {
			size_t n = strcspn(keys, " ");
			if (!value_map_getn(node, keys, n)) {
				char k[64];
				snprintf(k, sizeof k, "%.*s", (int)n, keys);
				set(v, node, k, value_new_null(v->a, nopos()));
			}
			keys += n + (keys[n] == ' ');
		}
		return;
	}
	const char *dot = strchr(path, '.');
	size_t n = dot ? (size_t)(dot - path) : strlen(path);
	const char *rest = dot ? dot + 1 : "";
	if (n == 2 && strncmp(path, "[]", 2) == 0) {
		for (size_t i = 0;
		     node->kind == VALUE_LIST && i < node->as.list.len; i++)
			ensure_at(v, node->as.list.items[i], rest, keys);
		return;
	}
	ensure_at(v, value_map_getn(node, path, n), rest, keys);
}

void view_ensure_optional(struct view *v)
{
	for (size_t i = 0; i < sizeof optional / sizeof *optional; i++)
		ensure_at(v, v->root, optional[i].path, optional[i].keys);
}

/* Rows that templates cannot make from the data's shape: counts by
 * status, figures with their comparisons, quarters of progress, the
 * contact, the priorities' lead lines. */
void view_derived(struct view *v, const struct value *computed)
{
	struct value *root = v->root;
	/* Sub-judgements are marked, for their indent. */
	struct value *js =
	        value_map_get(value_map_get(root, "inspection"), "judgements");
	for (size_t i = 0; js && i < js->as.list.len; i++) {
		set_bool(v, js->as.list.items[i], "sub", false);
		struct value *sub =
		        value_map_get(js->as.list.items[i], "judgements");
		for (size_t j = 0; sub && j < sub->as.list.len; j++)
			set_bool(v, sub->as.list.items[j], "sub", true);
		if (!sub)
			set(v, js->as.list.items[i], "judgements",
			    value_new_list(v->a, nopos()));
	}

	struct value *prios =
	        value_map_get(value_map_get(root, "action_plan"), "priorities");
	for (size_t i = 0; prios && i < prios->as.list.len; i++) {
		struct value *p = prios->as.list.items[i];
		/* The priority's lead line; priority.mustache writes its
		 * words. */
		const struct value *owner = value_map_get(p, "owner");
		bool has_owner = owner && owner->text && *owner->text;
		if (has_owner)
			set_str(v, p, "lead_owner", owner->text);
		const struct value *ans = value_map_get(p, "answers");
		size_t na =
		        ans && ans->kind == VALUE_LIST ? ans->as.list.len : 0;
		struct value *items = value_new_list(v->a, nopos());
		for (size_t j = 0; j < na; j++) {
			struct value *it = value_new_map(v->a, nopos());
			set_str(v, it, "id",
			        ans->as.list.items[j]->text
			                ? ans->as.list.items[j]->text
			                : "");
			set_bool(v, it, "first", j == 0);
			set_bool(v, it, "last", j + 1 == na);
			value_list_push(v->a, items, it);
		}
		set(v, p, "lead_answers", items);
		set_bool(v, p, "lead_answers_many", na > 1);
		set_bool(v, p, "has_lead_answers", na > 0);
		set_bool(v, p, "has_lead", has_owner || na > 0);
		bool story = false;
		static const char *const parts[] = {"issue", "done", "planned"};
		for (int k = 0; k < 3; k++) {
			const struct value *x = value_map_get(p, parts[k]);
			story = story || (x && x->text && x->len);
		}
		set_bool(v, p, "has_story", story);
		const struct value *dn = value_map_get(p, "done");
		const struct value *pl = value_map_get(p, "planned");
		set_bool(v, p, "has_progress_story",
		         (dn && dn->text && dn->len) ||
		                 (pl && pl->text && pl->len));
	}

	/* Counts by status, from the plan hook: a list of {status, count}
	 * (a map from status to count is read too). Statuses with no
	 * actions are left out. */
	const struct value *counts =
	        value_map_get(value_map_get(computed, "plan"), "status_counts");
	struct value *rows = value_new_list(v->a, nopos());
	size_t nstatuses;
	const struct vocabulary_entry *statuses =
	        vocabulary_entries(VOCABULARY_STATUS, &nstatuses);
	for (size_t i = 0; counts && i < nstatuses; i++) {
		const struct value *n = NULL;
		if (counts->kind == VALUE_MAP)
			n = value_map_get(counts, statuses[i].id);
		for (size_t j = 0;
		     counts->kind == VALUE_LIST && j < counts->as.list.len;
		     j++) {
			const struct value *it = counts->as.list.items[j];
			const struct value *st = value_map_get(it, "status");
			if (st && st->text &&
			    strcmp(st->text, statuses[i].id) == 0)
				n = value_map_get(it, "count");
		}
		if (!n || n->kind != VALUE_INT || n->as.i == 0)
			continue;
		struct value *r = value_new_map(v->a, nopos());
		set_str(v, r, "status", statuses[i].id);
		set_str(v, r, "status_name",
		        view_status_name(v, statuses[i].id));
		set_int(v, r, "count", (long)n->as.i);
		value_list_push(v->a, rows, r);
	}
	set(v, root, "status_rows", rows);

	/* Progress by quarter, oldest first. */
	struct value *quarters = value_new_list(v->a, nopos());
	const struct value *progress = value_map_get(root, "progress");
	for (size_t i = 0; progress && progress->kind == VALUE_MAP &&
	                   i < progress->as.map.len;
	     i++) {
		struct value *q =
		        value_copy(v->a, progress->as.map.items[i].value);
		if (q->kind != VALUE_MAP)
			q = value_new_map(v->a, nopos());
		set(v, q, "quarter", progress->as.map.items[i].key);
		ensure_at(v, q, "", "as_of_long summary");
		struct value *ups = value_new_list(v->a, nopos());
		const struct value *src = value_map_get(q, "updates");
		for (size_t j = 0;
		     src && src->kind == VALUE_MAP && j < src->as.map.len;
		     j++) {
			struct value *u =
			        value_copy(v->a, src->as.map.items[j].value);
			if (u->kind != VALUE_MAP)
				continue;
			set(v, u, "id", src->as.map.items[j].key);
			set(v, u, "id_anchor",
			    view_anchor_of(v, src->as.map.items[j].key->text));
			ensure_at(v, u, "",
			          "status status_name note done_on_long "
			          "done_on_short due_long due_short");
			value_list_push(v->a, ups, u);
		}
		set(v, q, "updates", ups);
		value_list_push(v->a, quarters, q);
	}
	set(v, root, "progress_quarters", quarters);

	/* Figures, in the order written. */
	struct value *figs = value_new_list(v->a, nopos());
	const struct value *figures = value_map_get(root, "figures");
	for (size_t i = 0;
	     figures && figures->kind == VALUE_MAP && i < figures->as.map.len;
	     i++) {
		struct value *f =
		        value_copy(v->a, figures->as.map.items[i].value);
		if (f->kind != VALUE_MAP)
			continue;
		ensure_at(v, f, "", "unit as_of_long");
		struct value *cmp = value_new_list(v->a, nopos());
		const struct value *c = value_map_get(f, "compare");
		for (size_t j = 0;
		     c && c->kind == VALUE_MAP && j < c->as.map.len; j++) {
			struct value *r = value_new_map(v->a, nopos());
			set(v, r, "name", c->as.map.items[j].key);
			set(v, r, "value", c->as.map.items[j].value);
			value_list_push(v->a, cmp, r);
		}
		set(v, f, "compare_rows", cmp);
		value_list_push(v->a, figs, f);
	}
	set(v, root, "figure_rows", figs);

	/* The contact: the named contact, else the author. */
	struct value *rep = value_map_get(root, "report");
	struct value *who = value_map_get(rep, "contact");
	if (!who)
		who = value_map_get(rep, "author");
	set(v, root, "contact_person",
	    who ? who : value_new_null(v->a, nopos()));
}
