/*
** replay.h - with -DCS_FUZZ_MAIN a harness becomes a plain program that runs
** LLVMFuzzerTestOneInput on inputs, so any compiler can replay a corpus or a
** crash without libFuzzer.  Needs -D_POSIX_C_SOURCE=200809L (fork, dirent).
**   replay FILE          runs it in this process (for a debugger)
**   replay FILE|DIR...   runs each file (a directory: each file in it) in a
**                        child process, so one crash cannot hide the others
**   replay               the same over CS_FUZZ_CORPUS, when it is defined
** Prints "N passed, N failed" as the C tests do (`make test` counts it) and
** exits 1 when an input failed.  Each input is copied to a buffer of exactly
** its size, so an overread is a sanitizer's report as under libFuzzer.
*/
#ifndef cs_fuzz_replay_h
#define cs_fuzz_replay_h

#ifdef CS_FUZZ_MAIN
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int replay_file (const char *path) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf = NULL;
  size_t n = 0, cap = 0, k;
  if (f == NULL) { perror(path); return 1; }
  do {
    if (n == cap) {
      cap = cap ? cap * 2 : 4096;
      buf = (unsigned char *)realloc(buf, cap);
      if (buf == NULL) { perror(path); fclose(f); return 1; }
    }
    k = fread(buf + n, 1, cap - n, f);
    n += k;
  } while (k > 0);
  fclose(f);
  {
    unsigned char *exact = (unsigned char *)malloc(n ? n : 1);
    if (exact == NULL) { perror(path); free(buf); return 1; }
    if (n) memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
  }
  return 0;
}

static int replay_npass, replay_nfail;

static void replay_forked (const char *path) {
  int status;
  pid_t pid;
  fflush(NULL);
  pid = fork();
  if (pid == 0) exit(replay_file(path));  /* exit: LeakSanitizer runs at exit */
  if (pid < 0 || waitpid(pid, &status, 0) != pid) {
    perror("fork");
    replay_nfail++;
    return;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) { replay_npass++; return; }
  replay_nfail++;
  if (WIFSIGNALED(status))
    fprintf(stderr, "FAILED: %s (signal %d)\n", path, WTERMSIG(status));
  else
    fprintf(stderr, "FAILED: %s (exit %d)\n", path, WEXITSTATUS(status));
}

static int replay_cmp (const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A directory's files in name order, so logs compare between runs. */
static void replay_dir (const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0, i;
  if (d == NULL) { perror(dir); replay_nfail++; return; }
  while ((e = readdir(d)) != NULL) {
    size_t len = strlen(dir) + strlen(e->d_name) + 2;
    char *p;
    struct stat st;
    if (e->d_name[0] == '.') continue;
    p = (char *)malloc(len);
    if (p == NULL) break;
    snprintf(p, len, "%s/%s", dir, e->d_name);
    if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) { free(p); continue; }
    if (n == cap) {
      char **t = (char **)realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *t);
      if (t == NULL) { free(p); break; }
      names = t;
    }
    names[n++] = p;
  }
  closedir(d);
  if (n > 0) qsort(names, n, sizeof *names, replay_cmp);
  for (i = 0; i < n; i++) {
    replay_forked(names[i]);
    free(names[i]);
  }
  free(names);
}

static void replay_arg (const char *path) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) replay_dir(path);
  else replay_forked(path);
}

int main (int argc, char **argv) {
  int i;
  if (argc == 2) {  /* one file: in this process, for a debugger */
    struct stat st;
    if (stat(argv[1], &st) != 0 || !S_ISDIR(st.st_mode)) {
      int r = replay_file(argv[1]);
      printf("%d passed, %d failed\n", !r, r);
      return r;
    }
  }
  for (i = 1; i < argc; i++) replay_arg(argv[i]);
#ifdef CS_FUZZ_CORPUS
  if (argc == 1) replay_dir(CS_FUZZ_CORPUS);
#endif
  printf("%d passed, %d failed\n", replay_npass, replay_nfail);
  return replay_nfail > 0;
}
#endif

#endif
