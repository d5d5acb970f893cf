/* main: the clerk command line: global options and the command table. */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <stdio.h>
#include <string.h>

#include "base/fs.h"
#include "cli/cli.h"

int cli_verbosity = 0;

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *summary;
};

static const struct command commands[] = {
        {"build", cmd_build,
         "build [-q|-v] [DIR] [-o OUT] [-j N] [--force] [--timeout SECONDS]",
         "render every report under DIR (content/) to OUT (out/) in "
         "parallel, skipping those whose inputs have not changed"},
        {"check", cmd_check,
         "check [-q|-v] [--warnings-as-errors] [--diagnostics FORMAT] "
         "FILE|DIR...",
         "check reports against the schema; print every problem found"},
        {"data", cmd_data, "data [--as-of DATE] [-o FILE] REPORT.yaml",
         "run the report's hooks; print its data with `computed`"},
        {"quarter", cmd_quarter, "quarter next [-o OUT] FILE",
         "start the next quarter's progress file from FILE, listing the "
         "actions to ask owners about"},
        {"export", cmd_export, "export REPORT.yaml -o FILE.xlsx|FILE.csv",
         "write the plan as it stands as a tracker spreadsheet"},
        {"import", cmd_import,
         "import TRACKER.xlsx|.ods|.csv --into FILE.yaml --quarter Q "
         "--as-of DATE [--meeting DATE] -o OUT.yaml",
         "read a tracker into the next quarter's file: only what changed"},
        {"render", cmd_render,
         "render [-q|-v] REPORT.yaml... [-o DIR] [--format html,pdf] "
         "[--as-of DATE] [--council NAME]",
         "render each report to DIR/NAME.html and DIR/NAME.pdf (DIR: "
         "out/)"},
        {"review", cmd_review, "review [--format text|md] [--as-of DATE] FILE",
         "print the quarter's figures, what changed, and each number's "
         "working, to check before the agenda deadline"},
        {"template", cmd_template,
         "template TEMPLATE [DATA.yaml] [--partials DIR]...",
         "render one Mustache template with data to standard output"},
};

static void print_help(FILE *out)
{
	fprintf(out, "usage: clerk [-q|-v] COMMAND [ARGS...]\n"
	             "       clerk --help | --version\n\n"
	             "clerk makes council committee reports from structured "
	             "data.\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  clerk %s\n      %s\n", commands[i].usage,
		        commands[i].summary);
	fprintf(out, "\noptions:\n"
	             "  -q, --quiet     print errors only\n"
	             "  -v, --verbose   say more about what is done\n"
	             "  -h, --help      this help\n"
	             "  --version       the version\n\n"
	             "exit status: 0 all good, 1 bad input, 2 bad usage, "
	             "128 + N on signal N.\n"
	             "Diagnostics read FILE:LINE:COL: error: MESSAGE.\n");
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("clerk: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\nTry 'clerk --help'.\n", stderr);
	va_end(ap);
	return CLI_BAD_USAGE;
}

int cli_take_verbosity(int argc, char **argv)
{
	int out = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (i > 0 &&
		    (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0))
			cli_verbosity = -1;
		else if (i > 0 &&
		         (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0))
			cli_verbosity = 1;
		else if (i > 0 && strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		} else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

#ifndef CLERK_DATADIR
#define CLERK_DATADIR "/usr/local/share/clerk"
#endif

/* The folder that holds templates/ and scripts/: beside the program (a
 * source tree), its parent (a build folder in a source tree), the share
 * folder of an installed copy, and last the compiled-in one. */
static const char *data_dir(void)
{
	static char found[PATH_MAX];
	if (found[0])
		return found;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *dir = fs_dirname(exe);
		static const char *const rel[] = {"", "/..", "/../share/clerk"};
		for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
			char probe[PATH_MAX];
			snprintf(probe, sizeof probe, "%s%s/templates/default",
			         dir, rel[i]);
			if (fs_is_dir(probe)) {
				snprintf(found, sizeof found, "%s%s", dir,
				         rel[i]);
				break;
			}
		}
		free(dir);
	}
	if (!found[0])
		snprintf(found, sizeof found, "%s", CLERK_DATADIR);
	/* Run from the source tree, names stay short in messages. */
	char here[PATH_MAX], there[PATH_MAX];
	if (getcwd(here, sizeof here) && realpath(found, there) &&
	    strcmp(here, there) == 0)
		strcpy(found, ".");
	return found;
}

const char *cli_templates_dir(void)
{
	static char path[PATH_MAX + 16];
	if (!path[0])
		snprintf(path, sizeof path, "%s/templates", data_dir());
	if (strncmp(path, "./", 2) == 0)
		memmove(path, path + 2, strlen(path + 2) + 1);
	return path;
}

const char *cli_scripts_dir(void)
{
	static char path[PATH_MAX + 16];
	if (!path[0])
		snprintf(path, sizeof path, "%s/scripts", data_dir());
	if (strncmp(path, "./", 2) == 0)
		memmove(path, path + 2, strlen(path + 2) + 1);
	return path;
}

void cli_print_diags(const struct diags *d)
{
	diags_print(d, stderr, cli_verbosity < 0);
}

int main(int argc, char **argv)
{
	argc = cli_take_verbosity(argc, argv);
	/* A signal while writing removes the temporaries, whatever the
	 * command. */
	fs_remove_temporaries_on_signals();
	/* Only tests set this: see fs_test_stall and README "Testing". */
	fs_test_stall(getenv("CLERK_TEST_STALL"));
	if (argc < 2)
		return cli_usage_error("no command given");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		print_help(stdout);
		return CLI_OK;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("clerk %s\n", CLERK_VERSION);
		return CLI_OK;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	if (cmd[0] == '-')
		return cli_usage_error("unknown option '%s'", cmd);
	return cli_usage_error("unknown command '%s'", cmd);
}
