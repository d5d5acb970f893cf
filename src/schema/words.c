/* words: a council's own status words in a report, read as the statuses
 * they stand for, before the schema checks the report.
 *
 * The schema knows where statuses are written (an action's `status`, an
 * update's `status`); the theme knows the words (brand.yaml
 * `status_words:`). The theme is loaded before the check, so the report
 * loader hands its words here and the check then sees only ids. A word
 * that is no status is left as written, for the check to report. */
#include "schema/schema.h"

#include <string.h>

static void apply(struct value *v, const struct vocabulary_words *w)
{
	if (!v || !value_is_scalar(v) || !v->text)
		return;
	const char *id = vocabulary_status_of(w, v->text, v->len);
	if (id && strcmp(id, v->text) != 0) {
		v->text = id;
		v->len = strlen(id);
		v->kind = VALUE_STRING;
	}
}

void schema_apply_status_words(struct value *report,
                               const struct vocabulary_words *w)
{
	struct value *plan = value_map_get(report, "action_plan");
	struct value *prios = value_map_get(plan, "priorities");
	if (prios && prios->kind == VALUE_LIST)
		for (size_t i = 0; i < prios->as.list.len; i++) {
			struct value *acts = value_map_get(
			        prios->as.list.items[i], "actions");
			if (!acts || acts->kind != VALUE_LIST)
				continue;
			for (size_t k = 0; k < acts->as.list.len; k++)
				apply(value_map_get(acts->as.list.items[k],
				                    "status"),
				      w);
		}
	struct value *progress = value_map_get(report, "progress");
	if (!progress || progress->kind != VALUE_MAP)
		return;
	for (size_t i = 0; i < progress->as.map.len; i++) {
		struct value *ups = value_map_get(
		        progress->as.map.items[i].value, "updates");
		if (!ups || ups->kind != VALUE_MAP)
			continue;
		for (size_t k = 0; k < ups->as.map.len; k++)
			apply(value_map_get(ups->as.map.items[k].value,
			                    "status"),
			      w);
	}
}
