/* main: the clerk command line: global options and the command table. */
#include <stdarg.h>
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
        {"check", cmd_check, "check [-q|-v] FILE...",
         "check reports against the schema; print every problem found"},
        {"data", cmd_data, "data [--as-of DATE] [-o FILE] REPORT.yaml",
         "run the report's hooks; print its data with `computed`"},
        {"render", cmd_render,
         "render [-q|-v] REPORT.yaml... [-o DIR] [--format html] "
         "[--as-of DATE] [--council NAME]",
         "render each report to DIR/NAME.html (DIR: out/)"},
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
	             "exit status: 0 all good, 1 bad input, 2 bad usage.\n"
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

const char *cli_templates_dir(void)
{
	return fs_is_dir("templates") ? "templates"
	                              : CLERK_DATADIR "/templates";
}

const char *cli_scripts_dir(void)
{
	return fs_is_dir("scripts") ? "scripts" : CLERK_DATADIR "/scripts";
}

void cli_print_diags(const struct diags *d)
{
	diags_print(d, stderr, cli_verbosity < 0);
}

int main(int argc, char **argv)
{
	argc = cli_take_verbosity(argc, argv);
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
