/* test-input.c — opening user files: regular files only, nothing blocks, reads are bounded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"

typedef struct
{
  char *dir;
  char *file;  /* "hello\n" */
  char *fifo;  /* a named pipe nobody writes to */
  char *empty;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-input-XXXXXX", &error);
  g_assert_no_error (error);
  f->file = g_build_filename (f->dir, "file.txt", NULL);
  f->fifo = g_build_filename (f->dir, "train-images-idx3-ubyte", NULL);
  f->empty = g_build_filename (f->dir, "empty", NULL);
  g_file_set_contents (f->file, "hello\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->empty, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (f->fifo, 0600), ==, 0);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (g_remove (f->file), ==, 0);
  g_assert_cmpint (g_remove (f->fifo), ==, 0);
  g_assert_cmpint (g_remove (f->empty), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->file);
  g_free (f->fifo);
  g_free (f->empty);
  g_free (f->dir);
}

static void
assert_message (const GError *error, const char *path, const char *needle)
{
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, path) || strstr (error->message, needle) == NULL)
    g_error ("message “%s” should start with “%s” and contain “%s”", error->message, path,
             needle);
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_describe_mode (void)
{
  g_assert_null (oc_input_describe_mode (S_IFREG | 0644));
  g_assert_cmpstr (oc_input_describe_mode (S_IFDIR | 0755), ==, "a folder");
  g_assert_cmpstr (oc_input_describe_mode (S_IFIFO | 0600), ==, "a named pipe");
  g_assert_cmpstr (oc_input_describe_mode (S_IFCHR | 0666), ==, "a character device");
  g_assert_cmpstr (oc_input_describe_mode (S_IFBLK | 0660), ==, "a block device");
  g_assert_cmpstr (oc_input_describe_mode (S_IFSOCK | 0777), ==, "a socket");
}

/* Each kind of non-file is refused by every entry point, and none of them blocks: the named pipe
 * has no writer, so a plain open() would wait forever (the test's timeout would say so). */
static void
test_not_files (Fixture *f, gconstpointer data)
{
  const struct
  {
    const char *path;
    const char *needle;
  } cases[] = {
    { f->fifo, " is a named pipe, not a file" },
    { f->dir, " is a folder, not a file" },
    { "/dev/zero", " is a character device, not a file" },
    { "/dev/null", " is a character device, not a file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL;
      g_autoptr (GMappedFile) map = NULL;
      g_autofree char *text = NULL;
      gsize len = 0;

      g_assert_cmpint (oc_input_open (cases[i].path, &e1), ==, -1);
      g_assert_error (e1, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
      assert_message (e1, cases[i].path, cases[i].needle);

      map = oc_input_map (cases[i].path, &e2);
      g_assert_null (map);
      g_assert_error (e2, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);

      text = oc_input_read (cases[i].path, 100, &len, &e3);
      g_assert_null (text);
      g_assert_error (e3, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);

      g_assert_false (oc_input_check_path (cases[i].path, &e4));
      g_assert_error (e4, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
      assert_message (e4, cases[i].path, cases[i].needle);
    }
}

static void
test_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no-such-file", NULL);

  g_assert_true (oc_input_check_path (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (oc_input_open (path, &error), ==, -1);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  assert_message (error, path, ": cannot open the file: ");
}

static void
test_regular (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) map = NULL, empty = NULL;
  g_autofree char *all = NULL, *some = NULL, *none = NULL;
  gsize len = 99;
  int fd, flags;

  g_assert_true (oc_input_check_path (f->file, &error));
  g_assert_no_error (error);

  fd = oc_input_open (f->file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  flags = fcntl (fd, F_GETFL);
  g_assert_cmpint (flags & O_NONBLOCK, ==, 0);
  g_assert_cmpint (fcntl (fd, F_GETFD) & FD_CLOEXEC, !=, 0);
  close (fd);

  map = oc_input_map (f->file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_mapped_file_get_length (map), ==, 6);
  g_assert_cmpmem (g_mapped_file_get_contents (map), 6, "hello\n", 6);
  empty = oc_input_map (f->empty, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_mapped_file_get_length (empty), ==, 0);

  all = oc_input_read (f->file, 1000, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 6);
  g_assert_cmpstr (all, ==, "hello\n");
  /* Reading stops at the limit: a caller asks for one byte past what it accepts. */
  some = oc_input_read (f->file, 3, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 3);
  g_assert_cmpstr (some, ==, "hel");
  /* A file that grows after it was opened is still read only up to the limit. */
  {
    int in = oc_input_open (f->empty, &error);
    int out = g_open (f->empty, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
    g_autofree char *grown = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (out, >=, 0);
    g_assert_cmpint (write (out, "0123456789", 10), ==, 10);
    close (out);
    grown = oc_input_read_fd (in, f->empty, 4, &len, &error);
    close (in);
    g_assert_no_error (error);
    g_assert_cmpuint (len, ==, 4);
    g_assert_cmpstr (grown, ==, "0123");
    g_assert_cmpint (truncate (f->empty, 0), ==, 0);
  }
  none = oc_input_read (f->empty, 10, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 0);
  g_assert_cmpstr (none, ==, "");
}

/* A stream that never ends (standard input from /dev/zero) costs at most the limit. */
static void
test_read_fd_bounded (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  int fd = g_open ("/dev/zero", O_RDONLY | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  text = oc_input_read_fd (fd, "<stdin>", ((gsize) 1 << 20) + 1, &len, &error);
  close (fd);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, ((gsize) 1 << 20) + 1);
  g_assert_cmpint (text[len], ==, '\0');
}

/* A pipe delivers in pieces; everything up to its end is read. */
static void
test_read_fd_pipe (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *big = g_malloc (200000);
  gsize len = 0, done = 0;
  int fds[2], status = -1;
  pid_t child;

  memset (big, 'x', 200000);
  g_assert_cmpint (pipe (fds), ==, 0);
  /* More than a pipe buffer: a child writes while we read. */
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      close (fds[0]);
      while (done < 200000)
        {
          gssize n = write (fds[1], big + done, 200000 - done);

          if (n <= 0)
            _exit (1);
          done += (gsize) n;
        }
      _exit (0);
    }
  close (fds[1]);
  text = oc_input_read_fd (fds[0], "<stdin>", 1000000, &len, &error);
  close (fds[0]);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, 200000);
  g_assert_cmpmem (text, len, big, 200000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/input/describe-mode", test_describe_mode);
  g_test_add ("/input/not-files", Fixture, NULL, fixture_set_up, test_not_files,
              fixture_tear_down);
  g_test_add ("/input/missing", Fixture, NULL, fixture_set_up, test_missing, fixture_tear_down);
  g_test_add ("/input/regular", Fixture, NULL, fixture_set_up, test_regular, fixture_tear_down);
  g_test_add_func ("/input/read-fd-bounded", test_read_fd_bounded);
  g_test_add_func ("/input/read-fd-pipe", test_read_fd_pipe);
  return g_test_run ();
}
