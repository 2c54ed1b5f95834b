#ifndef RNNBOOK_CFILESYSTEM_H
#define RNNBOOK_CFILESYSTEM_H

/// An unnamed file in `folder` (Linux's O_TMPFILE), opened for writing with
/// `mode`: it gets a name only once it is complete (`rnnbook_link_fd`), so
/// a process killed while writing leaves nothing behind. -1 with errno set
/// where the system or the file system does not offer it.
int rnnbook_open_tmpfile(const char *folder, unsigned int mode);

/// Gives the unnamed file open as `fd` the name `path` (linkat through
/// /proc/self/fd). 0, or -1 with errno set (EEXIST when the name is taken).
int rnnbook_link_fd(int fd, const char *path);

#endif
