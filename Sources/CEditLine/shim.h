// libedit's readline-compatible API (libedit-dev). Included by explicit path:
// GNU readline's headers may also be installed, and a bare
// <readline/readline.h> would pick those up instead.
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>
