/* cmd_build: `clerk build [DIR] [-o OUT] [-j N] [--force] [--timeout S]`:
 * every report under DIR to OUT, in parallel, rendering only what is out
 * of date. This file parses the arguments, renders one report in each
 * worker (cli_render_one) and prints the summary; the build itself, its
 * rules and its workers are build/build.h's. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/limits.h"
#include "build/build.h"
#include "cli/cli.h"
#include "report/report.h"

static int usage(void)
{
	printf("usage: clerk build [-q|-v] [DIR] [-o OUT] [-j N] [--force] "
	       "[--timeout SECONDS]\n"
	       "Renders every report under DIR (content/) to OUT (out/): "
	       "DIR/A/B.yaml to\nOUT/A/B.html, skipping reports whose inputs "
	       "have not changed since.\n"
	       "  -o OUT             the folder to write to\n"
	       "  -j N               render N reports at once (the number of "
	       "CPUs)\n"
	       "  --force            render every report, changed or not\n"
	       "  --timeout SECONDS  stop a report that takes longer (%d)\n"
	       "A report is a .yaml file with a top-level clerk: or extends: "
	       "key; files and\nfolders named _* are bases for extends: and "
	       "are not rendered.\n"
	       "exit status: 0 all rendered or up to date, 1 a report failed, "
	       "2 bad usage,\n130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP) "
	       "when interrupted.\n",
	       LIMIT_BUILD_REPORT_SECONDS);
	return CLI_OK;
}

static long default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

/* The seconds of --timeout, or -1 when `v` is not a number of seconds
 * from 0.001 to a day. */
static double parse_seconds(const char *v)
{
	char *end;
	errno = 0;
	double t = strtod(v, &end);
	if (!*v || *end || errno || !(t >= 0.001 && t <= 86400))
		return -1;
	return t;
}

/* In the worker: renders one report as `clerk render` would. */
static int render_one(void *closure, const char *src, const char *out_dir,
                      struct fs_recorder *rec)
{
	struct cli_render_options o =
	        *(const struct cli_render_options *)closure;
	o.out_dir = out_dir;
	return cli_render_one(src, &o, rec);
}

/* Before the first worker: what every report shares is loaded once, here,
 * and each worker inherits it when it is forked. */
static void warm(void *closure)
{
	(void)closure;
	report_warm(cli_templates_dir(), cli_scripts_dir());
}

int cmd_build(int argc, char **argv)
{
	const char *dir = NULL, *out = "out";
	long njobs = default_jobs();
	bool force = false;
	double timeout = LIMIT_BUILD_REPORT_SECONDS;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return usage();
		if (strcmp(a, "--force") == 0) {
			force = true;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (i + 1 >= argc || !argv[i + 1][0])
				return cli_usage_error("build: %s needs a "
				                       "folder",
				                       a);
			out = argv[++i];
		} else if (strcmp(a, "--timeout") == 0 ||
		           strncmp(a, "--timeout=", 10) == 0) {
			const char *v = a[9]           ? a + 10
			                : i + 1 < argc ? argv[++i]
			                               : "";
			timeout = parse_seconds(v);
			if (timeout < 0)
				return cli_usage_error("build: --timeout: "
				                       "expected a number of "
				                       "seconds, got \"%s\"",
				                       v);
		} else if (strncmp(a, "-j", 2) == 0) {
			const char *v = a[2]           ? a + 2
			                : i + 1 < argc ? argv[++i]
			                               : "";
			char *end;
			errno = 0;
			njobs = strtol(v, &end, 10);
			if (!*v || *end || errno || njobs < 1 || njobs > 1024)
				return cli_usage_error("build: -j: expected a "
				                       "number from 1 to "
				                       "1024, got \"%s\"",
				                       v);
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("build: unknown option '%s'", a);
		} else if (dir) {
			return cli_usage_error("build: one folder at a time, "
			                       "got \"%s\" and \"%s\"",
			                       dir, a);
		} else {
			dir = a;
		}
	}
	if (!dir)
		dir = "content";
	if (!fs_is_dir(dir)) {
		fprintf(stderr, "clerk: build: %s is not a folder\n", dir);
		return CLI_BAD_INPUT;
	}

	struct cli_render_options ro = {out, NULL, NULL, true, true};
	struct build_options o = {
	        .dir = dir,
	        .out = out,
	        .jobs = njobs,
	        .force = force,
	        .timeout = timeout,
	        .verbosity = cli_verbosity,
	        .render = render_one,
	        .warm = warm,
	        .closure = &ro,
	};
	struct build_summary c;
	int rc = build_run(&o, &c);
	int stop = c.signal;
	double took = c.seconds;
	size_t n = c.reports;
	if (rc == 0 && stop)
		fprintf(stderr,
		        "build: interrupted by %s: %zu report%s: %zu rendered, "
		        "%zu up to date, %zu failed, %zu not rendered in "
		        "%.1fs\n",
		        stop == SIGINT    ? "SIGINT"
		        : stop == SIGTERM ? "SIGTERM"
		                          : "SIGHUP",
		        n, n == 1 ? "" : "s", c.rendered, c.fresh, c.failed,
		        c.stopped, took);
	else if (rc == 0 && cli_verbosity >= 0) {
		if (n == 0)
			fprintf(stderr, "build: no reports in %s\n", dir);
		else if (c.rendered == 0 && c.failed == 0)
			fprintf(stderr,
			        "build: %zu report%s: nothing to render, all "
			        "up "
			        "to date (%.1fs)\n",
			        n, n == 1 ? "" : "s", took);
		else
			fprintf(stderr,
			        "build: %zu report%s: %zu rendered, %zu up to "
			        "date, %zu failed in %.1fs\n",
			        n, n == 1 ? "" : "s", c.rendered, c.fresh,
			        c.failed, took);
	}
	if (stop)
		return 128 + stop;
	if (rc != 0)
		return CLI_BAD_INPUT;
	return c.failed ? CLI_BAD_INPUT : CLI_OK;
}
