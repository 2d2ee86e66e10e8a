/* oc-cmd-sweep.c — `occam-cli sweep`: model-, sample- and noise-wise sweeps (double descent).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every point goes to the experiment store the moment it finishes, so a cancelled or killed sweep
 * resumes where it stopped; the CSV and the summary are then written from the store, the same way
 * for points trained now and points reused.
 */
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "occam/oc-store.h"
#include "occam/oc-sweep.h"
#include "occam/oc-sweep-record.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-run.h"

typedef struct
{
  const OcSpec  *spec;
  OcStore       *store;
  char          *id;
  OcSweepConfig  cfg;
  GArray        *points;   /* OcSweepPoint */
  char         **keys;     /* [n points] */
  gboolean      *done;     /* finished in the store before this run */
  double        *cost;     /* relative work of each point, for the ETA */
  double         total_cost;
  gboolean       quiet, tty;

  GMutex         lock;     /* guards what follows: workers report concurrently */
  double        *fraction; /* progress of each point, 0..1 */
  guint          n_to_run, n_ran, n_failed;
  gint64         t0, last_print;
  GError        *error;
} Sweep;

static double
point_cost (const Sweep *s, const OcSweepPoint *p)
{
  const OcTrainConfig *t = s->cfg.train;
  double width = p->width > 0 ? p->width : (t->n_hidden > 0 ? t->hidden[0] : 1);
  double n = p->n_train > 0 ? (double) p->n_train : 60000;
  double seen = t->iterations > 0 ? (double) t->iterations * t->batch : n * t->epochs;

  /* Tiny nets still pay a fixed cost per step; 16 keeps their share of the ETA honest. */
  return (width + 16) * MAX (t->n_hidden, 1) * seen;
}

static void
print_status (Sweep *s, gboolean force)
{
  gint64 now = g_get_monotonic_time ();
  double done = 0, elapsed = (now - s->t0) / 1e6, eta;
  g_autoptr (GString) running = g_string_new (NULL);
  g_autofree char *el = NULL, *eta_s = NULL;

  /* A terminal gets a line redrawn twice a second; a log gets a full line every 30 s. */
  if (s->quiet || (!force && now - s->last_print < (s->tty ? 500000 : 30000000))
      || (!s->tty && force))
    return;
  s->last_print = now;
  for (guint i = 0; i < s->points->len; i++)
    if (!s->done[i])
      {
        done += s->fraction[i] * s->cost[i];
        if (s->fraction[i] > 0 && s->fraction[i] < 1)
          g_string_append_printf (running, " · w%u %.0f%%",
                                  g_array_index (s->points, OcSweepPoint, i).width,
                                  100 * s->fraction[i]);
      }
  eta = done > 0 ? elapsed * (s->total_cost - done) / done : NAN;
  el = oc_cli_format_duration (elapsed);
  eta_s = isnan (eta) ? g_strdup ("?") : oc_cli_format_duration (eta);
  fprintf (stderr, "%s[%3.0f%%] %u/%u points%s · elapsed %s · ETA %s%s", s->tty ? "\r\033[K" : "",
           s->total_cost > 0 ? 100 * done / s->total_cost : 100.0, s->n_ran, s->n_to_run,
           running->str, el, eta_s, s->tty ? "" : "\n");
  fflush (stderr);
}

static gboolean
is_done (const OcSweepPoint *p, gpointer user_data)
{
  Sweep *s = user_data;

  return s->done[p->index];
}

static void
on_progress (const OcSweepPoint *p, const OcProgress *progress, gpointer user_data)
{
  Sweep *s = user_data;

  g_mutex_lock (&s->lock);
  s->fraction[p->index] = progress->total_iterations > 0
                          ? (double) progress->iteration / progress->total_iterations : 0;
  print_status (s, FALSE);
  g_mutex_unlock (&s->lock);
}

static gboolean
on_finished (const OcPointOutcome *o, gpointer user_data, GError **error)
{
  Sweep *s = user_data;
  const OcSweepPoint *p = o->point;
  guint threads = o->result != NULL ? o->result->threads : 1;
  g_autoptr (OcStorePoint) sp = oc_sweep_point_record_new (s->id, s->keys[p->index], o, threads);

  if (!oc_store_put_point (s->store, sp, NULL, error))
    return FALSE;

  g_mutex_lock (&s->lock);
  s->fraction[p->index] = 1.0;
  s->n_ran++;
  s->n_failed += o->status != OC_POINT_FINISHED;
  if (!s->quiet)
    {
      if (s->tty)
        fprintf (stderr, "\r\033[K");
      if (o->result != NULL)
        fprintf (stderr, "[%u/%u] width %u (%zu parameters), n %u, noise %g, seed %" G_GUINT64_FORMAT
                 ": train error %.3f, test error %.3f, test loss %.3f · %.1f s\n", s->n_ran,
                 s->n_to_run, o->model->sizes[1], o->n_params, o->data->train.n, p->label_noise,
                 p->seed, o->result->final.train_error, o->result->final.test_error,
                 o->result->final.test_loss, sp->seconds);
      else
        fprintf (stderr, "[%u/%u] width %u, seed %" G_GUINT64_FORMAT ": %s (recorded; the sweep "
                 "goes on)\n", s->n_ran, s->n_to_run, p->width, p->seed, o->error->message);
      print_status (s, TRUE);
    }
  g_mutex_unlock (&s->lock);
  return TRUE;
}

static void
sweep_work (gpointer user_data, GCancellable *cancellable)
{
  Sweep *s = user_data;
  OcSweepCallbacks cb = { is_done, on_progress, on_finished, s };

  oc_sweep_run (&s->cfg, &cb, cancellable, &s->error);
  if (s->tty && !s->quiet)
    fprintf (stderr, "\r\033[K");
}

/* The stored points in canonical order (NULL where none is stored). */
static GPtrArray *
load_points (Sweep *s, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_store_point_free);

  for (guint i = 0; i < s->points->len; i++)
    {
      g_autoptr (GError) local = NULL;
      OcStorePoint *p = oc_store_get_point (s->store, s->id, s->keys[i], TRUE, &local);

      if (p == NULL && !g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_ptr_array_add (out, p);
    }
  return g_steal_pointer (&out);
}

static gboolean
write_csv (Sweep *s, GPtrArray *stored, const char *path, GError **error)
{
  g_autoptr (GString) csv = g_string_new ("width,params,n_train,label_noise,seed,epoch,"
                                          "train_error,train_loss,test_error,test_loss,"
                                          "iteration,status\n");

  for (guint i = 0; i < s->points->len; i++)
    {
      const OcSweepPoint *p = &g_array_index (s->points, OcSweepPoint, i);
      const OcStorePoint *sp = g_ptr_array_index (stored, i);
      guint width = p->width > 0 ? p->width : (s->cfg.train->n_hidden > 0
                                               ? s->cfg.train->hidden[0] : 0);

      if (sp == NULL)
        continue;
      if (sp->status != OC_STATUS_FINISHED || sp->evals == NULL || sp->evals->len == 0)
        {
          g_string_append_printf (csv, "%u,%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                                  ",nan,nan,nan,nan,nan,nan,%s\n", width, sp->parameters,
                                  sp->n_train, p->label_noise, p->seed,
                                  oc_status_to_string (sp->status));
          continue;
        }
      for (guint k = 0; k < sp->evals->len; k++)
        {
          const OcEvalPoint *e = &g_array_index (sp->evals, OcEvalPoint, k);

          g_string_append_printf (csv, "%u,%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                                  ",%.6g,%.9g,%.9g,%.9g,%.9g,%" G_GUINT64_FORMAT ",finished\n",
                                  width, sp->parameters, sp->n_train, p->label_noise, p->seed,
                                  e->epoch, e->train_error, e->train_loss, e->test_error,
                                  e->test_loss, e->iteration);
        }
    }
  return g_file_set_contents (path, csv->str, (gssize) csv->len, error);
}

/* The table a speaker reads before plotting: per (n, noise) block, one row per width with the
 * mean (min–max over seeds), the n·K threshold and where training error first reaches ~0. */
static void
print_summary (Sweep *s, GPtrArray *stored, guint n_classes)
{
  for (guint i = 0; i < s->points->len;)
    {
      const OcSweepPoint *first = &g_array_index (s->points, OcSweepPoint, i);
      gboolean interpolated = FALSE, marked_nk = FALSE;
      guint block_n = 0;

      /* Rows of this block: same n_train and noise, any width and seed. */
      for (guint j = i; j < s->points->len; j++)
        {
          const OcStorePoint *sp = g_ptr_array_index (stored, j);

          if (sp != NULL && sp->n_train > 0)
            block_n = sp->n_train;
        }
      printf ("\n%8s %10s %11s %24s %10s\n", "width", "params", "train err", "test err (min–max)",
              "test loss");
      for (guint w = i; w < s->points->len;)
        {
          const OcSweepPoint *p = &g_array_index (s->points, OcSweepPoint, w);
          double tr = 0, te = 0, lo = INFINITY, hi = -INFINITY, tl = 0;
          guint n = 0, end = w;
          guint64 params = 0;
          guint stuck = 0;

          if (p->n_train != first->n_train || p->label_noise != first->label_noise)
            break;
          while (end < s->points->len
                 && g_array_index (s->points, OcSweepPoint, end).width == p->width
                 && g_array_index (s->points, OcSweepPoint, end).n_train == p->n_train
                 && g_array_index (s->points, OcSweepPoint, end).label_noise == p->label_noise)
            {
              const OcStorePoint *sp = g_ptr_array_index (stored, end);

              if (sp != NULL && sp->status == OC_STATUS_FINISHED)
                {
                  tr += sp->final.train_error;
                  te += sp->final.test_error;
                  tl += sp->final.test_loss;
                  lo = MIN (lo, sp->final.test_error);
                  hi = MAX (hi, sp->final.test_error);
                  params = sp->parameters;
                  /* Stuck: a net that ends near chance on its own training set never got going
                   * (an unlucky initialisation of a small net), unlike one that fits slowly. */
                  stuck += oc_sweep_is_stuck (sp->final.train_error, n_classes);
                  n++;
                }
              end++;
            }
          if (n > 0)
            {
              g_autoptr (GString) notes = g_string_new (NULL);

              if (!marked_nk && block_n > 0 && params >= (guint64) block_n * n_classes)
                {
                  g_string_append_printf (notes, "  ← n·K = %u", block_n * n_classes);
                  marked_nk = TRUE;
                }
              if (!interpolated && tr / n <= OC_SWEEP_INTERPOLATED)
                {
                  g_string_append (notes, "  ← train error ≈ 0 from here");
                  interpolated = TRUE;
                }
              if (stuck > 0)
                g_string_append_printf (notes, "  (stuck: %u of %u)", stuck, n);
              printf ("%8u %10" G_GUINT64_FORMAT " %11.4f %10.4f (%.4f–%.4f) %10.4f%s\n",
                      p->width, params, tr / n, te / n, lo, hi, tl / n, notes->str);
            }
          else
            printf ("%8u %10s %11s %24s %10s\n", p->width, "—", "failed", "", "");
          w = end;
        }
      /* Skip to the next block. */
      while (i < s->points->len
             && g_array_index (s->points, OcSweepPoint, i).n_train == first->n_train
             && g_array_index (s->points, OcSweepPoint, i).label_noise == first->label_noise)
        i++;
      if (first->n_train > 0 || first->label_noise > 0)
        printf ("(n = %" G_GINT64_FORMAT ", label noise %g)\n", first->n_train, first->label_noise);
    }
}

int
oc_cli_run_sweep_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (OcDataset) probe = NULL;
  Sweep s = { 0 };
  guint n_missing = 0, n_classes = 10;
  int status = OC_EXIT_OK;

  if (ro->csv_path != NULL && !oc_cli_check_output_path (ro->csv_path, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  store = oc_cli_open_store (ro->store_path, TRUE, &error);
  if (store == NULL)
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  if (!oc_sweep_config_from_spec (spec, &s.cfg, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  s.spec = spec;
  s.store = store;
  s.id = oc_spec_id (spec);
  s.quiet = ro->quiet;
  s.tty = isatty (STDERR_FILENO);
  s.points = oc_sweep_points (&s.cfg);
  s.keys = g_new0 (char *, s.points->len + 1);
  s.done = g_new0 (gboolean, s.points->len);
  s.cost = g_new0 (double, s.points->len);
  s.fraction = g_new0 (double, s.points->len);
  g_mutex_init (&s.lock);
  for (guint i = 0; i < s.points->len; i++)
    s.keys[i] = oc_sweep_point_key (&s.cfg, &g_array_index (s.points, OcSweepPoint, i));

  if (!ro->rerun)
    {
      g_autoptr (GPtrArray) missing = oc_store_missing_points (store, s.id,
                                                               (const char *const *) s.keys,
                                                               s.points->len, &error);

      if (missing == NULL)
        {
          oc_cli_error ("%s", error->message);
          status = oc_cli_exit_code_for (error);
          goto out;
        }
      for (guint i = 0; i < s.points->len; i++)
        s.done[i] = TRUE;
      for (guint m = 0; m < missing->len; m++)
        for (guint i = 0; i < s.points->len; i++)
          if (g_strcmp0 (s.keys[i], g_ptr_array_index (missing, m)) == 0)
            s.done[i] = FALSE;
    }
  for (guint i = 0; i < s.points->len; i++)
    if (!s.done[i])
      {
        s.cost[i] = point_cost (&s, &g_array_index (s.points, OcSweepPoint, i));
        s.total_cost += s.cost[i];
        n_missing++;
      }
  s.n_to_run = n_missing;
  printf ("experiment: %s · %u points", s.id, s.points->len);
  if (n_missing < s.points->len)
    printf (" · %u reused from %s", s.points->len - n_missing, oc_store_get_path (store));
  printf ("\n");
  fflush (stdout);

  if (n_missing > 0)
    {
      guint workers, blas;

      if (!oc_store_begin_experiment (store, spec, s.points->len, NULL, &error))
        {
          oc_cli_error ("%s", error->message);
          status = oc_cli_exit_code_for (error);
          goto out;
        }
      oc_sweep_plan (&s.cfg, n_missing, g_get_num_processors (), &workers, &blas);
      if (!s.quiet)
        fprintf (stderr, "Training %u points, %u at a time with %u BLAS thread%s each "
                 "(Ctrl-C stops; finished points are kept)\n", n_missing, workers, blas,
                 blas == 1 ? "" : "s");
      s.t0 = g_get_monotonic_time ();
      oc_cli_run_interruptible (sweep_work, &s, cancellable);
      if (s.error != NULL)
        {
          oc_cli_error ("%s", s.error->message);
          status = oc_cli_exit_code_for (s.error);
          oc_store_set_experiment_status (store, s.id,
                                          g_error_matches (s.error, G_IO_ERROR,
                                                           G_IO_ERROR_CANCELLED)
                                          ? OC_STATUS_CANCELLED : OC_STATUS_FAILED, NULL);
          g_clear_error (&s.error);
        }
      else if (s.n_failed > 0)
        oc_store_set_experiment_status (store, s.id, OC_STATUS_FAILED, NULL);
    }

  stored = load_points (&s, &error);
  if (stored == NULL)
    {
      oc_cli_error ("%s", error->message);
      status = OC_EXIT_FAILED;
      goto out;
    }
  {
    /* Classes for the n·K line: cheap to ask the generators, and IDX data has 10. */
    OcDataOptions d = *s.cfg.data;

    if (g_strcmp0 (d.name, "fashion-mnist") != 0 && g_strcmp0 (d.name, "mnist") != 0)
      {
        d.n_train = 1;
        probe = oc_dataset_load (&d, NULL, NULL);
        if (probe != NULL)
          n_classes = probe->n_classes * probe->n_groups;
      }
  }
  if (!s.quiet || status == OC_EXIT_OK)
    {
      print_summary (&s, stored, n_classes);
      oc_cli_print_anchor ("sweep", ro);
    }
  if (ro->csv_path != NULL && !write_csv (&s, stored, ro->csv_path, &error))
    {
      oc_cli_error ("%s", error->message);
      status = OC_EXIT_BAD_INPUT;
    }
  if (status == OC_EXIT_OK)
    printf ("experiment: %s · stored in %s\n", s.id, oc_store_get_path (store));

out:
  oc_sweep_config_clear (&s.cfg);
  g_clear_pointer (&s.points, g_array_unref);
  g_strfreev (s.keys);
  g_free (s.done);
  g_free (s.cost);
  g_free (s.fraction);
  g_free (s.id);
  g_mutex_clear (&s.lock);
  return status;
}

void
oc_cli_print_anchor (const char *kind, const OcCliRunOptions *ro)
{
  const OcSpecPreset *p = oc_spec_find_preset (kind, ro->preset);

  if (p != NULL && p->anchor != NULL)
    printf ("\nTo compare: %s\n", p->anchor);
}

int
oc_cmd_sweep (int argc, char **argv)
{
  static const OcCliSpecCommand cmd = {
    "sweep", "- train a family of networks",
    "Trains one network per point of the sweep (hidden width × training examples × label noise ×\n"
    "seed) and reports train and test error and loss: model-, sample- and epoch-wise double\n"
    "descent. Points run in parallel and go to the experiment store as they finish; running the\n"
    "same sweep again resumes it.\n"
    "Example: occam-cli sweep --preset nakkiran-mlp --csv dd.csv",
    "Sweep options:", "Write one row per point and recorded epoch to FILE", TRUE, NULL,
  };

  return oc_cli_spec_command (argc, argv, &cmd, oc_cli_run_sweep_spec);
}
