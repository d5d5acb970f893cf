/* main: the clerk command line. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--version") == 0) {
		printf("clerk %s\n", CLERK_VERSION);
		return 0;
	}
	fprintf(stderr, "usage: clerk --version\n");
	return 2;
}
