/*
** lcs_lines.c - the Lua face of cs_lines: require("cstream.core").lines.
**
**   sp = lines.new([maxLength])      a splitter; maxLength in bytes
**   err = sp:feed(chunk, push, s)    push(s, line) per line of the chunk
**   err = sp:finish(push, s)         push(s, last) when the input did not
**                                    end with a break
**
** err is nil, or an error table (ERR_OUT_OF_RANGE for a line longer than
** maxLength, ENOMEM).  Each line is copied into a Lua string before push
** runs, so push may do anything, even feed this splitter again: the
** splitter keeps no pointer across the call, and the chunk being scanned
** stays anchored on this call's stack.
*/
#include "lcs.h"
#include "cs_lines.h"

#define LINES "cstream.Lines"

typedef struct lsp {
  cs_lines l;
} lsp;

static int sp_gc(lua_State *L) {
  lsp *s = luaL_checkudata(L, 1, LINES);
  cs_lines_free(&s->l);
  return 0;
}

static int sp_new(lua_State *L) {
  size_t max = CS_LINES_UNBOUNDED;
  void *ud;
  lua_Alloc f = lua_getallocf(L, &ud);
  lsp *s;
  if (!lua_isnoneornil(L, 1)) {
    lua_Integer n = luaL_checkinteger(L, 1);
    luaL_argcheck(L, n >= 0, 1, "must be >= 0");
    if ((lua_Unsigned)n < CS_LINES_UNBOUNDED) max = (size_t)n;
  }
  s = lua_newuserdatauv(L, sizeof *s, 0);
  cs_lines_init(&s->l, max, f, ud);   /* closed first: nothing to free yet */
  luaL_setmetatable(L, LINES);
  return 1;
}

static void pushline(lua_State *L, const char *line, size_t len) {
  lua_pushvalue(L, 3);
  lua_pushvalue(L, 4);
  lua_pushlstring(L, line, len);
  lua_call(L, 2, 0);
}

static int failed(lua_State *L, lsp *s, int rc) {
  if (rc == CS_LINES_TOOLONG) {
    lua_pushfstring(L, "The value of \"line length\" is out of range. "
                       "It must be <= " LCS_I " bytes.", LCS_IARG(s->l.max));
    lcs_pusherror(L, "ERR_OUT_OF_RANGE", lua_tostring(L, -1));
  } else {
    lcs_pusherror(L, "ENOMEM", "not enough memory for a line");
  }
  return 1;
}

static int sp_feed(lua_State *L) {
  lsp *s = luaL_checkudata(L, 1, LINES);
  size_t n;
  const char *p = luaL_checklstring(L, 2, &n);
  cs_lines_scan sc;
  const char *line;
  size_t len;
  int rc;
  luaL_checkany(L, 3);
  lua_settop(L, 4);
  cs_lines_begin(&s->l, &sc, p, n);
  while ((rc = cs_lines_next(&s->l, &sc, &line, &len)) == CS_LINES_LINE)
    pushline(L, line, len);
  return rc == CS_LINES_DONE ? 0 : failed(L, s, rc);
}

static int sp_finish(lua_State *L) {
  lsp *s = luaL_checkudata(L, 1, LINES);
  const char *line;
  size_t len;
  luaL_checkany(L, 2);
  lua_settop(L, 3);
  lua_pushnil(L);
  lua_insert(L, 2);   /* push, s at 3, 4 as feed has them */
  if (cs_lines_end(&s->l, &line, &len) == CS_LINES_LINE) pushline(L, line, len);
  cs_lines_free(&s->l);
  return 0;
}

int lcs_open_lines(lua_State *L) {
  static const luaL_Reg methods[] = {
    { "feed", sp_feed }, { "finish", sp_finish }, { NULL, NULL }
  };
  static const luaL_Reg funcs[] = { { "new", sp_new }, { NULL, NULL } };
  if (luaL_newmetatable(L, LINES)) {
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, sp_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_pop(L, 1);
  luaL_newlib(L, funcs);
  return 1;
}
