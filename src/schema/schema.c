/* schema: the report's top level must be a map (the full schema table
 * replaces this). */
#include "schema/schema.h"

int schema_check_report(const struct value *report, struct diags *d)
{
	if (report->kind != VALUE_MAP) {
		diag_error(d, report->pos, "expected a report (a map), got %s",
		           value_kind_name(report->kind));
		return -1;
	}
	return 0;
}
