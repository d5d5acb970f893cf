/* plan: the tracker's columns and their synonyms, and the plan as it
 * stands at its newest quarter, one row per action. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sheet/sheet.h"

static const struct {
	const char *header;
	/* Other names, written as they compare: lower case, words apart. */
	const char *synonyms[14];
} columns[SHEET_COLUMNS] = {
        [SHEET_COL_PRIORITY] = {"Priority",
                                {"priority", "priority id", "priority ref",
                                 "priority no", "workstream", "theme id"}},
        [SHEET_COL_ID] = {"ID",
                          {"id", "ref", "reference", "ref no", "action id",
                           "action ref", "action no", "action number",
                           "action reference", "no"}},
        [SHEET_COL_ACTION] = {"Action",
                              {"action", "actions", "action text",
                               "description", "what we will do", "task"}},
        [SHEET_COL_OWNER] = {"Owner",
                             {"owner", "lead", "lead officer", "action owner",
                              "responsible", "responsible officer", "who",
                              "accountable"}},
        [SHEET_COL_DUE] = {"Due",
                           {"due", "due date", "due by", "target date",
                            "target", "deadline", "by when", "timescale",
                            "completion target"}},
        [SHEET_COL_STATUS] = {"Status",
                              {"status", "rag", "rag status", "rag rating",
                               "progress rag", "current status"}},
        [SHEET_COL_DONE_ON] = {"Done on",
                               {"done on", "done", "completed", "completed on",
                                "date completed", "completion date",
                                "date done"}},
        [SHEET_COL_NOTE] = {"Latest note",
                            {"latest note", "note", "notes", "update",
                             "latest update", "progress", "progress update",
                             "comment", "comments", "commentary",
                             "progress note"}},
        [SHEET_COL_ANSWERS] = {"Answers",
                               {"answers", "recommendations answered",
                                "recommendations", "recommendation",
                                "answers recommendations"}},
        [SHEET_COL_ADDED] = {"Added", {"added", "quarter added", "added in"}},
};

const char *sheet_column_header(enum sheet_column c)
{
	return columns[c].header;
}

/* `s` as headers compare: lower case, every run of other characters
 * than letters and digits one space, none at the ends. */
static size_t fold(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	bool gap = false;
	for (size_t i = 0; i < len && n + 2 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalnum(c) || c >= 0x80) {
			if (gap && n > 0)
				out[n++] = ' ';
			gap = false;
			out[n++] = (char)tolower(c);
		} else {
			gap = true;
		}
	}
	out[n] = '\0';
	return n;
}

int sheet_column_of(const char *header, size_t len)
{
	char key[128];
	if (len > 100)
		return -1;
	fold(header, len, key, sizeof key);
	for (int c = 0; c < SHEET_COLUMNS; c++)
		for (int k = 0; k < 14 && columns[c].synonyms[k]; k++)
			if (strcmp(key, columns[c].synonyms[k]) == 0)
				return c;
	return -1;
}

static const char *text_of(const struct value *map, const char *key)
{
	const struct value *v = value_map_get(map, key);
	return v && value_is_scalar(v) && v->text && v->kind != VALUE_NULL
	               ? v->text
	               : "";
}

/* "R1, R3" from a list of ids. */
static const char *join(struct arena *a, const struct value *list)
{
	if (!list || list->kind != VALUE_LIST)
		return "";
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < list->as.list.len; i++) {
		const struct value *v = list->as.list.items[i];
		if (!value_is_scalar(v) || !v->text)
			continue;
		if (b.len)
			buf_puts(&b, ", ");
		buf_puts(&b, v->text);
	}
	const char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

static int by_key(const void *x, const void *y)
{
	const struct value_pair *p = *(const struct value_pair *const *)x;
	const struct value_pair *q = *(const struct value_pair *const *)y;
	return strcmp(p->key->text, q->key->text);
}

struct sheet_action *sheet_plan_actions(struct arena *a,
                                        const struct value *plan, size_t *n)
{
	const struct value *prios =
	        value_map_get(value_map_get(plan, "action_plan"), "priorities");
	size_t count = 0;
	for (size_t i = 0;
	     prios && prios->kind == VALUE_LIST && i < prios->as.list.len;
	     i++) {
		const struct value *acts =
		        value_map_get(prios->as.list.items[i], "actions");
		if (acts && acts->kind == VALUE_LIST)
			count += acts->as.list.len;
	}
	struct sheet_action *out = arena_alloc(a, (count + 1) * sizeof *out);
	size_t k = 0;
	for (size_t i = 0;
	     prios && prios->kind == VALUE_LIST && i < prios->as.list.len;
	     i++) {
		const struct value *p = prios->as.list.items[i];
		const struct value *acts = value_map_get(p, "actions");
		for (size_t j = 0;
		     acts && acts->kind == VALUE_LIST && j < acts->as.list.len;
		     j++) {
			const struct value *act = acts->as.list.items[j];
			struct sheet_action *s = &out[k++];
			s->priority = text_of(p, "id");
			s->id = text_of(act, "id");
			s->text = text_of(act, "text");
			s->owner = text_of(act, "owner");
			s->due = text_of(act, "due");
			s->status = text_of(act, "status");
			if (!*s->status)
				s->status = "not_started";
			s->done_on = text_of(act, "done_on");
			s->note = text_of(act, "note");
			const struct value *ans = value_map_get(act, "answers");
			s->answers = join(a, ans);
			s->added = text_of(act, "added");
		}
	}
	/* Each quarter's updates, oldest first. */
	const struct value *progress = value_map_get(plan, "progress");
	size_t nq = progress && progress->kind == VALUE_MAP
	                    ? progress->as.map.len
	                    : 0;
	const struct value_pair **qs = arena_alloc(a, (nq + 1) * sizeof *qs);
	for (size_t i = 0; i < nq; i++)
		qs[i] = &progress->as.map.items[i];
	qsort(qs, nq, sizeof *qs, by_key);
	for (size_t i = 0; i < nq; i++) {
		const struct value *ups =
		        value_map_get(qs[i]->value, "updates");
		for (size_t u = 0;
		     ups && ups->kind == VALUE_MAP && u < ups->as.map.len;
		     u++) {
			const char *id = ups->as.map.items[u].key->text;
			const struct value *up = ups->as.map.items[u].value;
			for (size_t j = 0; j < k; j++) {
				if (strcmp(out[j].id, id) != 0)
					continue;
				if (*text_of(up, "status"))
					out[j].status = text_of(up, "status");
				if (*text_of(up, "done_on"))
					out[j].done_on = text_of(up, "done_on");
				if (*text_of(up, "due"))
					out[j].due = text_of(up, "due");
				if (*text_of(up, "note"))
					out[j].note = text_of(up, "note");
			}
		}
	}
	*n = k;
	return out;
}
