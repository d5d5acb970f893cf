/* print: brand.yaml's `print:` map, the tokens only paper uses.
 *
 * `print.first_page` gives the first page its own running header and
 * footer (committee papers usually leave the header off the page that
 * carries the masthead). Styles are not tokens: an element looks the same
 * in the PDF and the printed page because both read the one style table
 * (`@media print` rules of style.css and extra.css), so the old
 * `print.styles` map is refused with a pointer to that form. */
#include <stdio.h>
#include <string.h>

#include "base/color.h"
#include "theme/internal.h"

/* A running header or footer map of left, center and right texts; a slot
 * not given keeps `fallback`'s. */
static void read_running(const struct value *m, const char *where,
                         const struct theme_running *fallback,
                         struct theme_running *out, struct diags *d)
{
	*out = *fallback;
	if (m->kind != VALUE_MAP) {
		diag_error(d, m->pos,
		           "%s: expected a map of left, center and "
		           "right",
		           where);
		return;
	}
	for (size_t i = 0; i < m->as.map.len; i++) {
		const struct value *k = m->as.map.items[i].key;
		const struct value *v = m->as.map.items[i].value;
		const char **slot =
		        strcmp(k->text, "left") == 0     ? &out->left
		        : strcmp(k->text, "center") == 0 ? &out->center
		        : strcmp(k->text, "right") == 0  ? &out->right
		                                         : NULL;
		if (!slot) {
			diag_error(d, k->pos,
			           "%s.%s: unknown key; expected "
			           "left, center or right",
			           where, k->text);
			continue;
		}
		char path[96];
		snprintf(path, sizeof path, "%s.%s", where, k->text);
		if (v->kind == VALUE_NULL)
			*slot = "";
		else if (theme_check_running(v, path, d))
			*slot = v->text;
	}
}

void theme_read_print(const struct value *brand, struct theme *t,
                      struct diags *d)
{
	t->first_header = t->header;
	t->first_footer = t->footer;
	const struct value *pr = value_map_get(brand, "print");
	if (!pr || pr->kind == VALUE_NULL)
		return;
	if (pr->kind != VALUE_MAP) {
		diag_error(d, pr->pos, "print: expected a map");
		return;
	}
	for (size_t i = 0; i < pr->as.map.len; i++) {
		const struct value *k = pr->as.map.items[i].key;
		if (strcmp(k->text, "first_page") != 0 &&
		    strcmp(k->text, "styles") != 0)
			diag_error(d, k->pos,
			           "print.%s: unknown key; expected "
			           "first_page",
			           k->text);
	}
	const struct value *fp = value_map_get(pr, "first_page");
	if (fp && fp->kind == VALUE_MAP) {
		for (size_t i = 0; i < fp->as.map.len; i++) {
			const struct value *k = fp->as.map.items[i].key;
			const struct value *v = fp->as.map.items[i].value;
			if (strcmp(k->text, "header") == 0)
				read_running(v, "print.first_page.header",
				             &t->header, &t->first_header, d);
			else if (strcmp(k->text, "footer") == 0)
				read_running(v, "print.first_page.footer",
				             &t->footer, &t->first_footer, d);
			else
				diag_error(d, k->pos,
				           "print.first_page.%s: unknown key; "
				           "expected header or footer",
				           k->text);
		}
		t->first_page_differs = fp->as.map.len > 0;
	} else if (fp && fp->kind != VALUE_NULL) {
		diag_error(d, fp->pos, "print.first_page: expected a map");
	}
	const struct value *st = value_map_get(pr, "styles");
	if (st)
		diag_error(d, st->pos,
		           "print.styles: styles are no longer brand.yaml "
		           "tokens; write them as CSS in the council's "
		           "extra.css, inside `@media print { SELECTOR { "
		           "property: value; } }` for paper only, or outside "
		           "it for the PDF and the web page alike "
		           "(docs/themes.md, \"The style sheet\")");
}
