/* entity: the HTML5 named character references.
 *
 * One table for every reader of HTML text in clerk: the Markdown renderer
 * turns `&euml;` in prose into its character, and the PDF's HTML reader
 * accepts the same names in a template's text. The table is generated at
 * build time from Python's html.entities.html5 (mk/entities.py): all
 * 2,231 names, those without the ';' that HTML's legacy forms allow
 * included. */
#ifndef CLERK_BASE_ENTITY_H
#define CLERK_BASE_ENTITY_H

#include <stddef.h>

/* The text that `&name;` stands for, given `name[0..len)` (without the
 * '&' and the ';'), as a static NUL-terminated UTF-8 string of one or two
 * code points, or NULL for a name HTML does not define. Names are case
 * sensitive (`&Auml;` is not `&auml;`). */
const char *entity_lookup(const char *name, size_t len);

/* The number of names in the table (2,231). */
size_t entity_count(void);

#endif
