/* A WASI command for the run and executable tests: prints its arguments and
 * environment, reads and writes files under the preopen "/sandbox" when asked,
 * and exits with the code its first argument names.
 *   wasi-probe EXIT [args | env | cat PATH | write PATH TEXT | ls PATH]... */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
  int code = argc > 1 ? atoi(argv[1]) : 0;
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "args")) {
      printf("argc=%d\n", argc);
      for (int j = 0; j < argc; j++) printf("argv[%d]=%s\n", j, argv[j]);
    } else if (!strcmp(argv[i], "env")) {
      int n = 0;
      for (char **e = environ; *e; e++, n++) printf("env: %s\n", *e);
      printf("env count=%d\n", n);
    } else if (!strcmp(argv[i], "cat") && i + 1 < argc) {
      const char *path = argv[++i];
      FILE *f = fopen(path, "r");
      if (!f) {
        printf("cat %s: %s\n", path, strerror(errno));
        continue;
      }
      char buf[256];
      size_t n;
      while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
      fclose(f);
    } else if (!strcmp(argv[i], "write") && i + 2 < argc) {
      const char *path = argv[++i], *text = argv[++i];
      FILE *f = fopen(path, "w");
      if (!f) {
        printf("write %s: %s\n", path, strerror(errno));
        continue;
      }
      fputs(text, f);
      fclose(f);
      printf("wrote %s\n", path);
    } else if (!strcmp(argv[i], "ls") && i + 1 < argc) {
      const char *path = argv[++i];
      DIR *d = opendir(path);
      if (!d) {
        printf("ls %s: %s\n", path, strerror(errno));
        continue;
      }
      struct dirent *e;
      while ((e = readdir(d)))
        if (e->d_name[0] != '.') printf("ls: %s\n", e->d_name);
      closedir(d);
    }
  }
  fflush(stdout);
  return code;
}
