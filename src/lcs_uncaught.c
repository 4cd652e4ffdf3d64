/*
** lcs_uncaught.c - errors nobody catches, reported as Node reports an
** uncaught exception: "Uncaught Error: <tostring of the value>", the stack
** where it was raised, and exit status 1 (Node's; also the interpreter's
** for an error in the main chunk).
**
**   core.uncaught(err)      reports err and exits
**   core.hookLuv(cfunc)     routes every luv callback through the same
**                           report (cfunc: any C function of luv.so)
**   core.keepTraceback(err, co)   err escaped coroutine co: its stack is
**                           the one to report
**
** The stack is taken where the error is raised, by lcs_msgh, the message
** handler of the pcalls that run ticks, listeners and luv callbacks: by the
** time the error reaches the loop, the frames that raised it are gone.
** lcs_msgh keeps the traceback with its error value; the report uses it when
** it reports that same value.  (A value raised again, from another place,
** after its first raise was caught, shows the first stack.)
**
** luv prints its own "Uncaught Error: %s" with lua_tostring, which gives
** "(null)" for a table, and exits with -1.  luv exports luv_set_callback for
** embedders to replace that pcall; luv.so was loaded by require() without
** RTLD_GLOBAL, so the symbol is found through the library that holds one of
** luv's functions.  Without it (another build of luv), luv reports as before.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lcs.h"

#define UNCAUGHT_STATUS 1

/* luv.h's */
#define LUVF_CALLBACK_NOEXIT 0x01
#define LUVF_CALLBACK_NOERRMSG 0x04
typedef int (*luv_CFpcall)(lua_State *L, int nargs, int nresults, int flags);

static const char EKEY = 'e';   /* registry: the value lcs_msgh saw last */
static const char TKEY = 't';   /* registry: its traceback */

/* An error kept pending and raised again from the call that entered the
** core (a listener's, see lcs_set_pending) comes here twice: the first
** stack is where the user's code raised it. */
int lcs_msgh(lua_State *L) {
  lua_settop(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &EKEY);
  if (lua_rawequal(L, 1, 2)) { lua_settop(L, 1); return 1; }
  lua_settop(L, 1);
  luaL_traceback(L, L, NULL, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &TKEY);
  lua_pushvalue(L, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &EKEY);
  return 1;
}

/* keepTraceback(err, co): err escaped coroutine co, which the caller
** resumed and is about to raise err again; co's stack still shows where. */
static int l_keeptraceback(lua_State *L) {
  lua_State *co = lua_tothread(L, 2);
  luaL_checkany(L, 1);
  luaL_argexpected(L, co != NULL, 2, "thread");
  lua_settop(L, 2);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &EKEY);
  if (lua_rawequal(L, 1, 3)) return 0;
  luaL_traceback(L, co, NULL, 0);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &TKEY);
  lua_pushvalue(L, 1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &EKEY);
  return 0;
}

static int tostr(lua_State *L) {
  luaL_tolstring(L, 1, NULL);
  return 1;
}

/* Writes the traceback without the loop's own frames (loop.lua, the
** drain, the wrapped uv.run): they are the same in every report. */
static int internal(const char *line, size_t len) {
  static const char *const marks[] = {
    "cstream/loop.lua:", "'cstream._drain'", "'luv.__cstream_run'",
    "'cstream.core.drain'", NULL
  };
  int i;
  for (i = 0; marks[i] != NULL; i++)
    if (memmem(line, len, marks[i], strlen(marks[i])) != NULL) return 1;
  return 0;
}

static void put_traceback(const char *tb) {
  static const char pcall[] = "\t[C]: in function 'pcall'";
  int skipped = 0;
  while (*tb != '\0') {
    const char *nl = strchr(tb, '\n');
    size_t len = nl ? (size_t)(nl - tb) : strlen(tb);
    /* the drain's own pcall comes right after the drain */
    int skip = internal(tb, len) ||
               (skipped && len == sizeof pcall - 1 && memcmp(tb, pcall, len) == 0);
    if (!skip) fprintf(stderr, "%.*s\n", (int)len, tb);
    skipped = skip;
    tb += len + (nl != NULL);
  }
}

static void report(lua_State *L, int idx) {
  const char *msg;
  idx = lua_absindex(L, idx);
  lua_pushcfunction(L, tostr);
  lua_pushvalue(L, idx);
  msg = lua_pcall(L, 1, 1, 0) == LUA_OK ? lua_tostring(L, -1) : NULL;
  if (msg == NULL) {   /* lua.c's words, naming the type as errors.tostring does */
    const char *name = luaL_typename(L, idx);
    if (luaL_getmetafield(L, idx, "__name") == LUA_TSTRING) name = lua_tostring(L, -1);
    msg = lua_pushfstring(L, "(error object is a %s value)", name);
  }
  fprintf(stderr, "Uncaught Error: %s\n", msg);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &EKEY);
  if (lua_rawequal(L, -1, idx) &&
      lua_rawgetp(L, LUA_REGISTRYINDEX, &TKEY) == LUA_TSTRING)
    put_traceback(lua_tostring(L, -1));
  fflush(stderr);
}

static int l_uncaught(lua_State *L) {
  luaL_checkany(L, 1);
  report(L, 1);
  exit(UNCAUGHT_STATUS);
  return 0;
}

/* As Node after every callback it makes into JavaScript: the ticks a luv
** callback queued run before luv's next callback (a second timer due in
** the same loop pass), not once the pass is over at the idle handle. A
** callback cstream wrapped has drained already. An error is uncaught. */
static void drain_after(lua_State *L, int flags) {
  int t = lua_gettop(L);
  if (!lua_checkstack(L, 2)) return;   /* the idle handle drains later */
  lua_pushcfunction(L, lcs_msgh);
  lua_pushcfunction(L, lcs_tick_drain);
  if (lua_pcall(L, 0, 0, t + 1) != LUA_OK) {
    if (!(flags & LUVF_CALLBACK_NOERRMSG)) report(L, -1);
    if (!(flags & LUVF_CALLBACK_NOEXIT)) exit(UNCAUGHT_STATUS);
  }
  lua_settop(L, t);
}

/* luv_CFpcall: the function and its nargs arguments are on the top; leave
** the results, or nothing and -status on an error (luv.h). */
static int luv_pcall(lua_State *L, int nargs, int nresults, int flags) {
  int base = lua_gettop(L) - nargs, top = base - 1, st;
  lua_pushcfunction(L, lcs_msgh);
  lua_insert(L, base);
  st = lua_pcall(L, nargs, nresults, base);
  if (st == LUA_OK) {
    lua_remove(L, base);
    if (lcs_tick_waiting(L)) drain_after(L, flags);
    return lua_gettop(L) - top;
  }
  if (!(flags & LUVF_CALLBACK_NOERRMSG)) report(L, -1);
  if (!(flags & LUVF_CALLBACK_NOEXIT)) exit(UNCAUGHT_STATUS);
  lua_settop(L, top);
  return -st;
}

static int l_hookluv(lua_State *L) {
  /* dladdr takes an object pointer; ISO C has no conversion from a
  ** function pointer, POSIX guarantees the representation is the same. */
  union { lua_CFunction f; void *p; } fn;
  Dl_info info;
  void *lib, *sym;
  int ok = 0;
  fn.f = lua_tocfunction(L, 1);
  if (fn.f == NULL || !dladdr(fn.p, &info) || info.dli_fname == NULL) {
    lua_pushboolean(L, 0);
    return 1;
  }
  lib = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  if (lib != NULL) {
    sym = dlsym(lib, "luv_set_callback");
    if (sym != NULL) {
      void (*set)(lua_State *, luv_CFpcall);
      *(void **)&set = sym;
      set(L, luv_pcall);
      ok = 1;
    }
    dlclose(lib);   /* only drops the count dlopen added */
  }
  /* luv now calls into this library, and keeps doing so while lua_close
  ** finalizes its loop (which runs the requests still in flight).  5.4
  ** unloads C libraries last; LuaJIT finalizes each library's handle as
  ** any userdata, newest first, so this one would be gone by then: keep it
  ** mapped for the life of the process. */
  if (ok) {
    union { luv_CFpcall f; void *p; } self;
    self.f = luv_pcall;
    if (dladdr(self.p, &info) && info.dli_fname != NULL) {
      void *me = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD | RTLD_NODELETE);
      if (me != NULL) dlclose(me);
    }
  }
  lua_pushboolean(L, ok);
  return 1;
}

int lcs_uncaught_open(lua_State *L) {
  lua_pushcfunction(L, l_uncaught);
  lua_setfield(L, -2, "uncaught");
  lua_pushcfunction(L, l_hookluv);
  lua_setfield(L, -2, "hookLuv");
  lua_pushcfunction(L, l_keeptraceback);
  lua_setfield(L, -2, "keepTraceback");
  return 0;
}
