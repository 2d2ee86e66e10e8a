/* oc-cmd-animate.c — `occam-cli animate`: a stored experiment's figure as it grew, as an
 * animated GIF or a WebM video.
 *
 * Opens the store (never creating it), loads the experiment through the figure catalogue and
 * hands the figure's frames to the animation module (oc-animation.h), which draws each with the
 * figure's own builder and streams it to the encoder. The encoding runs on a worker thread so
 * Ctrl-C stops it between two frames; the output is written under a temporary name and renamed
 * when complete, so a failure or an interruption leaves nothing behind. Every problem a user can
 * fix exits 2 with one line before anything is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-animation.h"
#include "occam-figures/oc-figure-catalog.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-output.h"
#include "oc-cli-run.h"
#include <inttypes.h>

typedef struct
{
  char    *experiment, *store, *figure, *out, *size, *theme, *progress;
  char   **params;
  gint64   fps;
  double   hold_last;
  gint64   max_frames;
  gboolean list, quiet;
} AnimateOptions;

static void
animate_options_clear (AnimateOptions *o)
{
  g_free (o->experiment);
  g_free (o->store);
  g_free (o->figure);
  g_free (o->out);
  g_free (o->size);
  g_free (o->theme);
  g_free (o->progress);
  g_strfreev (o->params);
}

/* The flags, checked before the store is opened. */
static gboolean
check_options (const AnimateOptions *o, OcAnimationOptions *ao, GError **error)
{
  OcAnimationFormat format;

  if (o->experiment == NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("animate needs --experiment ID (see 'occam-cli runs list')"));
  else if (o->list && (o->figure != NULL || o->out != NULL))
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("--list shows the animated figures; give it alone with --experiment"));
  else if (!o->list && o->figure == NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("animate needs --figure NAME (or --list for the figures it can animate)"));
  else if (!o->list && o->out == NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("animate needs --out FILE.gif or FILE.webm"));
  else if (o->out != NULL && oc_cli_is_stdout (o->out))
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("--out -: an animation is written to a file (it is renamed into place when "
                   "complete); give FILE.gif or FILE.webm"));
  else if (o->out != NULL && !oc_animation_format_from_path (o->out, &format))
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("--out %s: the name must end in .gif or .webm"), o->out);
  else if (o->size != NULL && !oc_cli_parse_size (o->size, OC_ANIMATION_MIN_SIDE,
                                                  OC_ANIMATION_MAX_SIDE, &ao->width,
                                                  &ao->height, error))
    return FALSE;
  else if (o->theme != NULL && !oc_plot_theme_id_from_string (o->theme, &ao->theme))
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("--theme '%s': expected light, dark or presentation"), o->theme);
  else if (o->fps < OC_ANIMATION_MIN_FPS || o->fps > OC_ANIMATION_MAX_FPS)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("--fps %" PRId64 ": expected %d to %d frames per second (a GIF "
                   "cannot show more than 50)"), o->fps, OC_ANIMATION_MIN_FPS,
                 OC_ANIMATION_MAX_FPS);
  else if (!(o->hold_last >= 0 && o->hold_last <= OC_ANIMATION_MAX_HOLD))
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("--hold-last %g: expected 0 to %g seconds"), o->hold_last,
                 OC_ANIMATION_MAX_HOLD);
  else if (o->max_frames < 0 || o->max_frames > 100000)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("--max-frames %" PRId64 ": expected 0 (all) to 100000"),
                 o->max_frames);
  else
    {
      ao->fps = (guint) o->fps;
      ao->hold_last = o->hold_last;
      ao->max_frames = (guint) o->max_frames;
      return TRUE;
    }
  return FALSE;
}

/* --out may not be the store it reads (or SQLite's files beside it). */
static gboolean
check_out (const AnimateOptions *o, GError **error)
{
  g_autoptr (OcPathGuard) inputs = oc_path_guard_new ();
  g_autofree char *arg = NULL;
  g_autofree char *store = oc_cli_store_path (o->store, &arg);

  oc_path_guard_add_store (inputs, store, NULL, arg);
  return oc_path_guard_check (inputs, o->out, "--out", error)
         && oc_cli_check_output_path (o->out, error);
}

static void
print_animated (OcFigureCatalog *catalog)
{
  GPtrArray *figures = oc_figure_catalog_list_animated (catalog);

  if (figures->len == 0)
    oc_cli_error (_("experiment %s has no figure to animate yet"),
                  oc_figure_catalog_get_experiment (catalog)->id);
  for (guint i = 0; i < figures->len; i++)
    {
      const OcFigureInfo *f = figures->pdata[i];
      guint n = oc_figure_catalog_count_frames (catalog, f->name, NULL, NULL);
      const char *what = oc_figure_frames_to_string (oc_figure_catalog_get_frames (catalog,
                                                                                   f->name));

      printf ("%-18s ", f->name);
      printf (ngettext ("%u frame (%s)", "%u frames (%s)", n), n, what);
      printf (" · %s\n", f->description);
    }
}

/* ---- Encoding on a worker, with progress ---- */

typedef struct
{
  OcFigureCatalog          *catalog;
  const AnimateOptions     *o;
  const OcAnimationOptions *ao;
  OcCliProgress             progress;
  gboolean                  live;        /* one line redrawn with \r */
  gint64                    last_print;  /* monotonic µs */
  gboolean                  ok;
  GError                   *error;
} Job;

static void
on_progress (guint done, guint total, double elapsed, gpointer user_data)
{
  Job *job = user_data;
  gint64 now = g_get_monotonic_time ();
  double eta = done > 0 ? elapsed * (total - done) / done : 0;

  if (job->progress == OC_CLI_PROGRESS_NEVER)
    return;
  /* A live line at most five times a second; a log line every few seconds, and the last. */
  if (done < total && now - job->last_print < (job->live ? 200000 : OC_CLI_LOG_INTERVAL * 1000000))
    return;
  job->last_print = now;
  fprintf (stderr, _("%sframe %u/%u · %.1f s · about %.0f s left"), job->live ? "\r" : "", done,
           total, elapsed, eta);
  fprintf (stderr, job->live && done < total ? "\033[K" : "\n");
  fflush (stderr);
}

static void
encode (gpointer data, GCancellable *cancellable)
{
  Job *job = data;

  job->ok = oc_animation_write_figure (job->catalog, job->o->figure,
                                       (const char *const *) job->o->params, job->ao,
                                       job->o->out, on_progress, job, cancellable, &job->error);
}

static int
animate (const AnimateOptions *o, OcAnimationOptions *ao)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcFigureCatalog) catalog = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Job job = { 0 };
  guint n;
  int stopped;

  if (!check_options (o, ao, &error)
      || !oc_cli_progress_parse (o->progress, o->quiet, &job.progress, &error)
      || (o->out != NULL && !check_out (o, &error)))
    goto bad;
  /* Reading only: a mistyped --store must not leave a new empty store behind. */
  store = oc_cli_open_store (o->store, FALSE, &error);
  if (store == NULL)
    goto bad;
  catalog = oc_figure_catalog_new (store, o->experiment, &error);
  if (catalog == NULL)
    goto bad;
  if (o->list)
    {
      print_animated (catalog);
      return OC_EXIT_OK;
    }
  n = oc_figure_catalog_count_frames (catalog, o->figure, (const char *const *) o->params,
                                      &error);
  if (n == 0)
    goto bad;
  job.catalog = catalog;
  job.o = o;
  job.ao = ao;
  job.live = job.progress == OC_CLI_PROGRESS_ALWAYS
             || (job.progress == OC_CLI_PROGRESS_AUTO && isatty (STDERR_FILENO));
  stopped = oc_cli_run_interruptible (encode, &job, cancellable);
  if (!job.ok)
    {
      if (stopped != 0)
        {
          oc_cli_error (_("stopped: %s was not written"), o->out);
          g_clear_error (&job.error);
          return 128 + stopped;
        }
      oc_cli_error ("%s", job.error->message);
      error = job.error;
      return oc_cli_exit_code_for (error);
    }
  printf (ngettext ("wrote %s: %u frame of %s, %ux%u at %u fps\n",
                    "wrote %s: %u frames of %s, %ux%u at %u fps\n",
                    oc_animation_count_frames (ao, n)),
          o->out, oc_animation_count_frames (ao, n), o->figure, ao->width, ao->height, ao->fps);
  return OC_EXIT_OK;

bad:
  oc_cli_error ("%s", error->message);
  return g_error_matches (error, OC_ERROR, OC_ERROR_NO_MEMORY) ? OC_EXIT_FAILED
                                                                : OC_EXIT_BAD_INPUT;
}

int
oc_cmd_animate (int argc, char **argv)
{
  AnimateOptions o = { 0 };
  OcAnimationOptions ao;
  int status;
  const GOptionEntry entries[] = {
    { "experiment", 0, 0, G_OPTION_ARG_STRING, &o.experiment, N_("A stored experiment: its ID "
      "or a unique prefix"), "ID" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &o.store, OC_CLI_STORE_HELP, "FILE" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &o.list, N_("List the experiment's figures that can be "
      "animated, with their frames"), NULL },
    { "figure", 0, 0, G_OPTION_ARG_STRING, &o.figure, N_("The figure to animate (see --list)"),
      "NAME" },
    { "param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.params, N_("A parameter of the figure, as "
      "for plot, e.g. width=8 or layer=1 (repeatable)"), "KEY=VALUE" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o.out, N_("The animation to write: .gif or "
      ".webm"), "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o.size, N_("Frame size in pixels, 64 to 3840 a side "
      "(960x540)"), "WxH" },
    { "fps", 0, 0, G_OPTION_ARG_INT64, &o.fps, N_("Frames per second, 1 to 50 (10)"), "N" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o.theme, N_("light (default), dark or "
      "presentation"), "NAME" },
    { "hold-last", 0, 0, G_OPTION_ARG_DOUBLE, &o.hold_last, N_("Seconds the last frame stays "
      "before the animation starts again, 0 to 60 (2)"), "SECONDS" },
    { "max-frames", 0, 0, G_OPTION_ARG_INT64, &o.max_frames, N_("At most this many frames, "
      "evenly picked with the first and the last; 0 for all (300)"), "N" },
    { "progress", 0, 0, G_OPTION_ARG_STRING, &o.progress, OC_CLI_PROGRESS_HELP, "WHEN" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, N_("No progress lines (--progress=never)"),
      NULL },
    { NULL }
  };

  oc_animation_options_init (&ao);
  o.fps = ao.fps;
  o.hold_last = ao.hold_last;
  o.max_frames = ao.max_frames;
  if (!oc_cli_parse_options (&argc, &argv, _("- a stored experiment's figure as it grew, as an "
                                             "animated GIF or a WebM video"),
                             _("Examples:\n"
                               "  occam-cli animate --experiment 3f2a --list\n"
                               "  occam-cli animate --experiment 3f2a --figure double-descent "
                               "--out dd.gif\n"
                               "  occam-cli animate --experiment 9c01 --figure receptive-fields "
                               "--out rf.webm --size 1280x720 --fps 2"), entries))
    {
      animate_options_clear (&o);
      return OC_EXIT_BAD_INPUT;
    }
  if (argc > 1)
    {
      oc_cli_error (_("unexpected argument '%s'"), argv[1]);
      animate_options_clear (&o);
      return OC_EXIT_BAD_INPUT;
    }
  status = animate (&o, &ao);
  animate_options_clear (&o);
  return status;
}
