/* theme internals: shared by the files of the theme module only. */
#ifndef CLERK_THEME_INTERNAL_H
#define CLERK_THEME_INTERNAL_H

#include "theme/theme.h"

/* Reads and checks brand.yaml's `print:` map (the PDF's own tokens) into
 * `t`; every problem goes into `d` at its position. */
void theme_read_print(struct arena *a, const struct value *brand,
                      struct theme *t, struct diags *d);

#endif
