/*
** lcs_module.c - require("cstream.core"): the C half of cstream.
** The Lua half (lua/cstream/init.lua) builds the classes on top of it.
*/
#if !defined(_WIN32) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L   /* sigaction */
#endif
#include <signal.h>
#include <string.h>

#include "lcs.h"

#if !defined(_WIN32) && defined(SIGPIPE)
static void on_sigpipe(int sig) { (void)sig; }
#endif

/* core.ignoreSigpipe(): Node ignores SIGPIPE at start-up, so that writing
** into a pipe or socket whose reader is gone is an EPIPE error on the stream
** and never kills the process.  cstream's I/O modules call this when they
** load and when they make a stream that writes to an fd.  A do-nothing
** handler rather than SIG_IGN: a caught signal reverts to the default in
** exec'd children (io.popen, os.execute), an ignored one would not.  A
** disposition someone else chose (SIG_IGN, a handler) is left alone; true
** when cstream's handler (or another) is in place. */
static int l_ignoresigpipe(lua_State *L) {
#if !defined(_WIN32) && defined(SIGPIPE)
  struct sigaction old;
  int ok = sigaction(SIGPIPE, NULL, &old) == 0;
  if (ok && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigpipe;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ok = sigaction(SIGPIPE, &sa, NULL) == 0;
  }
  lua_pushboolean(L, ok);
#else
  lua_pushboolean(L, 1);
#endif
  return 1;
}

LUAMOD_API int luaopen_cstream_core(lua_State *L) {
  lua_newtable(L);
  lcs_stream_open(L);
  lcs_tick_open(L);
  lcs_uncaught_open(L);
  lcs_open_zlib(L);
  lua_setfield(L, -2, "zlib");
  lcs_open_lines(L);
  lua_setfield(L, -2, "lines");
  lua_pushcfunction(L, l_ignoresigpipe);
  lua_setfield(L, -2, "ignoreSigpipe");
  return 1;
}
