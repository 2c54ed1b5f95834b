// O_TMPFILE is a macro Swift does not import; these two wrappers are all
// rnnbook needs of it (see FileWriting.swift).
#define _GNU_SOURCE
#include "CFileSystem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int rnnbook_open_tmpfile(const char *folder, unsigned int mode) {
#ifdef O_TMPFILE
    return open(folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, (mode_t)mode);
#else
    (void)folder; (void)mode;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

int rnnbook_link_fd(int fd, const char *path) {
    char source[64];
    snprintf(source, sizeof source, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, source, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
}
