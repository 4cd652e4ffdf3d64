/*
** replay.h - with -DCS_FUZZ_MAIN a harness becomes a plain program that runs
** LLVMFuzzerTestOneInput on each file named on its command line, so any
** compiler can replay a corpus or a crash without libFuzzer.
*/
#ifndef cs_fuzz_replay_h
#define cs_fuzz_replay_h

#ifdef CS_FUZZ_MAIN
#include <stdio.h>

int main(int argc, char **argv) {
  int i;
  for (i = 1; i < argc; i++) {
    static unsigned char buf[1 << 20];
    FILE *f = fopen(argv[i], "rb");
    size_t n;
    if (f == NULL) { perror(argv[i]); return 1; }
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n);
  }
  return 0;
}
#endif

#endif
