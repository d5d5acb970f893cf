/* schema: checks a report's value tree against the report schema.
 *
 * The schema is data (a table of fields, their types and rules), and
 * docs/schema.md is its human form, kept in step by a test. Validation
 * collects every problem in one run, each at the file:line:col of the
 * offending node, with its path (`action_plan.priorities[2].actions[0].due`),
 * what was expected and what was found, and "did you mean" for misspelt
 * keys. */
#ifndef CLERK_SCHEMA_SCHEMA_H
#define CLERK_SCHEMA_SCHEMA_H

#include "base/buf.h"
#include "base/diag.h"
#include "load/load.h"
#include "value/value.h"
#include "vocabulary/vocabulary.h"

/* Checks `report` (the loaded, extended tree of one report file). Adds every
 * problem to `d`; returns 0 when no error was added, -1 otherwise.
 * Warnings alone do not fail. */
int schema_check_report(const struct value *report, struct diags *d);

/* The checks that need each file of the report's `extends:` chain on its
 * own: an action listed again in a later file with another text, a new
 * action without `added:`, a quarter missing from the chain or reported
 * twice, a file with no progress. Safe on a tree the schema rejects (each
 * value's kind is checked), so it runs first: a skipped quarter is the
 * cause of the unknown ids the schema then finds. Returns 0 when no error
 * was added, -1 otherwise. */
int schema_check_chain(const struct load_chain *chain, struct diags *d);

/* The quarters of the extended report: an `as_of` outside its quarter, a
 * meeting before the newest quarter's figures, a newest quarter with no
 * updates (a warning). Call after schema_check_report() passed. Returns 0
 * when no error was added, -1 otherwise. */
int schema_check_quarters(const struct value *report, struct diags *d);

/* Reads each status of `report` (an action's and an update's) that is a
 * word of `w` (a council's status words, or a display name in any case)
 * as the status id it names, in place, so the check that follows sees
 * ids. Anything else is left as it is. Call before
 * schema_check_report(); safe on any tree. */
void schema_apply_status_words(struct value *report,
                               const struct vocabulary_words *w);

/* Writes the schema's table as text, for the docs and the test that keeps
 * them in step: each kind of map as a line `## NAME`, then one line per
 * field, `FIELD<TAB>TYPE<TAB>yes|no<TAB>DESCRIPTION` (yes: required). */
void schema_describe(struct buf *out);

#endif
