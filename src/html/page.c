/* page: the report template over the theme's search path. */
#include "html/page.h"

#include <stdlib.h>
#include <string.h>

#include "html/finish.h"
#include "html/marks.h"

int html_page(const struct theme *theme, const struct value *view,
              const struct mustache_lambdas *lambdas, struct buf *out,
              struct diags *d)
{
	const char *dirs[2];
	size_t n = theme_search_path(theme, dirs);
	struct mustache_dir *pd = mustache_dir_new(dirs, n, theme->rec);
	struct mustache_partials partials = mustache_dir_partials(pd);
	const struct mustache_template *t = NULL;
	struct pos pos = {theme->dir, 0, 0};
	int rc = partials.resolve(partials.closure, "report", 6, pos, &t, d);
	if (rc == 0 && !t) {
		diag_error(d, pos,
		           "no report.mustache in the theme's folders (%s%s%s)",
		           dirs[0], n > 1 ? ", " : "", n > 1 ? dirs[1] : "");
		rc = -1;
	}
	if (rc == 0) {
		struct mustache_data data = mustache_value_data(lambdas);
		struct mustache_trace trace = {0};
		rc = mustache_render_traced(t, &data, view, &partials, out,
		                            &trace, d);
		/* While the templates the trace points into are alive. */
		if (rc == 0)
			rc = html_number_marks(
			        out, value_map_get(view, "paragraph_marks"),
			        &trace, pos, d);
		if (rc == 0)
			rc = html_finish(theme, view, &trace, out, d);
		free(trace.marks);
	}
	mustache_dir_free(pd);
	return rc;
}
