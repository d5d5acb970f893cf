/* cli: the clerk command line; one file per command.
 *
 * Each command is `int cmd_NAME(int argc, char **argv)`, where argv[0] is
 * the command's name, and returns the exit status: CLI_OK, CLI_BAD_INPUT
 * (the input was wrong: diagnostics went to stderr) or CLI_BAD_USAGE. */
#ifndef CLERK_CLI_CLI_H
#define CLERK_CLI_CLI_H

#include <stdbool.h>

#include "base/diag.h"
#include "base/fs.h"

enum { CLI_OK = 0, CLI_BAD_INPUT = 1, CLI_BAD_USAGE = 2 };

/* -1 with -q (errors only), 0 by default, 1 with -v. */
extern int cli_verbosity;

/* Prints `clerk: message` and a pointer to --help; returns CLI_BAD_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Takes -q/--quiet and -v/--verbose out of argv wherever they appear;
 * returns the new argc. */
int cli_take_verbosity(int argc, char **argv);
/* Prints diagnostics to stderr as the verbosity asks (-q: errors only). */
void cli_print_diags(const struct diags *d);

/* The folder of council themes: ./templates when it exists, else the
 * installed one. */
const char *cli_templates_dir(void);
/* The folder of the hook library: ./scripts, else the installed one. */
const char *cli_scripts_dir(void);

/* How `clerk render` (and `clerk build`) render one report. */
struct cli_render_options {
	const char *out_dir;
	const char *as_of;
	const char *council;
	bool html; /* write DIR/NAME.html */
	bool pdf;  /* write DIR/NAME.pdf, typeset from the same HTML */
};
/* Renders the report at `path` in the formats `o` asks for, printing its
 * diagnostics; returns 0, or -1 when the report failed (no output file was
 * written or replaced: both formats are made in memory before either is
 * written). The PDF is typeset from the very HTML the page holds. Every
 * input read is noted in `rec` (NULL: nowhere kept). */
int cli_render_one(const char *path, const struct cli_render_options *o,
                   struct fs_recorder *rec);

int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_data(int argc, char **argv);
int cmd_quarter(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_template(int argc, char **argv);

#endif
