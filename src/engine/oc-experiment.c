/* oc-experiment.c — the experiment runner: plan, reuse, record, status; see oc-experiment.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kinds (oc-run-*.c) compute points; everything around them is here, once.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "oc-experiment-private.h"
#include "oc-spec-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

struct _OcRunPlan
{
  OcSpec     *spec;
  char       *id;
  GPtrArray  *keys;    /* char* */
  GPtrArray  *labels;  /* char* */
  GArray     *costs;   /* double */
  GArray     *stored;  /* gboolean */
  GArray     *chains;  /* guint: points of one chain share a shard */
  GHashTable *index;   /* key → index + 1 */
  guint       workers, threads;
  guint       shard, n_shards;  /* 1 and 1: the whole experiment */
  guint      *shard_of;         /* [n_points] 1..n_shards, for n_shards > 1; else NULL */
  guint      *unit_of;          /* [n_points] 0-based unit */
  GArray     *unit_costs;       /* double, per unit */
  guint       only_unit;        /* > 0: this run computes unit only_unit − 1 only */
};

struct _OcRun
{
  OcRunPlan          *plan;
  OcStore            *store;
  const OcRunOptions *options;
  OcRunObserver       observer;
  gpointer            user_data;
  gboolean           *todo;     /* [n_points] computed by this run */
  double              total_cost;
  gint64              t0;

  /* Serialises the observer and guards what follows: workers report concurrently. */
  GMutex              lock;
  double             *fraction; /* [n_points] progress of each point to compute, 0..1 */
  guint               n_ran, n_failed;
};

static const OcRunKind *
kind_of (const OcSpec *spec)
{
  return spec->kind->runner;
}

char *
oc_format_duration (double seconds)
{
  long s = isfinite (seconds) && seconds > 0 ? (long) (seconds + 0.5) : 0;

  if (s >= 3600)
    return g_strdup_printf ("%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return g_strdup_printf ("%ld:%02ld", s / 60, s % 60);
}

/* ---- Plans ---- */

void
oc_run_plan_add_chain_point (OcRunPlan *plan, guint chain, char *key, char *label, double cost)
{
  gboolean no = FALSE;

  g_array_append_val (plan->chains, chain);
  g_hash_table_insert (plan->index, key, GUINT_TO_POINTER (plan->keys->len + 1));
  g_ptr_array_add (plan->keys, key);
  g_ptr_array_add (plan->labels, label);
  g_array_append_val (plan->costs, cost);
  g_array_append_val (plan->stored, no);
}

void
oc_run_plan_add_point (OcRunPlan *plan, char *key, char *label, double cost)
{
  oc_run_plan_add_chain_point (plan, plan->keys->len, key, label, cost);
}

/* ---- Shards ---- */

typedef struct
{
  guint  first;  /* the unit's first point: ties go in plan order */
  double cost;
  guint  shard;  /* 0-based */
} Unit;

static int
cmp_units (gconstpointer a, gconstpointer b)
{
  const Unit *x = *(const Unit *const *) a, *y = *(const Unit *const *) b;

  if (x->cost != y->cost)
    return x->cost > y->cost ? -1 : 1;
  return x->first < y->first ? -1 : x->first > y->first;
}

/* The 1-based shard of every point: units (chains) largest first, each to the shard with the
 * least cost so far, and of equal cost the one with the fewest units, then the lowest number —
 * the scheduler's "largest first" over shards instead of workers. Everything it reads comes from
 * the spec, so every process that plans the same spec computes the same partition. */
static void
find_units (OcRunPlan *plan)
{
  guint n = plan->keys->len;
  g_autoptr (GHashTable) by_chain = g_hash_table_new (NULL, NULL);

  plan->unit_of = g_new0 (guint, MAX (n, 1));
  plan->unit_costs = g_array_new (FALSE, TRUE, sizeof (double));
  for (guint i = 0; i < n; i++)
    {
      guint chain = g_array_index (plan->chains, guint, i);
      gpointer found;

      if (!g_hash_table_lookup_extended (by_chain, GUINT_TO_POINTER (chain), NULL, &found))
        {
          double zero = 0;

          found = GUINT_TO_POINTER (plan->unit_costs->len);
          g_array_append_val (plan->unit_costs, zero);
          g_hash_table_insert (by_chain, GUINT_TO_POINTER (chain), found);
        }
      plan->unit_of[i] = GPOINTER_TO_UINT (found);
      g_array_index (plan->unit_costs, double, plan->unit_of[i])
        += MAX (oc_run_plan_get_cost (plan, i), 0);
    }
}

static guint *
partition (const OcRunPlan *plan, guint n_shards)
{
  guint n = plan->keys->len, n_units = plan->unit_costs->len;
  g_autofree Unit *units = g_new0 (Unit, MAX (n_units, 1));
  g_autoptr (GPtrArray) order = g_ptr_array_new ();
  g_autofree double *load = g_new0 (double, n_shards);
  g_autofree guint *count = g_new0 (guint, n_shards);
  guint *shard_of = g_new0 (guint, MAX (n, 1));

  for (guint i = n; i-- > 0;)
    units[plan->unit_of[i]].first = i;
  for (guint u = 0; u < n_units; u++)
    {
      units[u].cost = g_array_index (plan->unit_costs, double, u);
      g_ptr_array_add (order, &units[u]);
    }
  g_ptr_array_sort (order, cmp_units);
  for (guint k = 0; k < order->len; k++)
    {
      Unit *u = g_ptr_array_index (order, k);
      guint best = 0;

      for (guint s = 1; s < n_shards; s++)
        if (load[s] < load[best] || (load[s] == load[best] && count[s] < count[best]))
          best = s;
      u->shard = best;
      load[best] += u->cost;
      count[best]++;
    }
  for (guint i = 0; i < n; i++)
    shard_of[i] = units[plan->unit_of[i]].shard + 1;
  return shard_of;
}

guint
oc_run_plan_get_n_units (const OcRunPlan *plan)
{
  return plan->unit_costs->len;
}

guint
oc_run_plan_get_unit (const OcRunPlan *plan, guint index)
{
  g_return_val_if_fail (index < plan->keys->len, 0);
  return plan->unit_of[index];
}

double
oc_run_plan_get_unit_cost (const OcRunPlan *plan, guint unit)
{
  g_return_val_if_fail (unit < plan->unit_costs->len, 0);
  return g_array_index (plan->unit_costs, double, unit);
}

guint
oc_run_plan_get_shard (const OcRunPlan *plan, guint index, guint n_shards)
{
  g_autofree guint *shard_of = NULL;

  g_return_val_if_fail (index < plan->keys->len, 0);
  if (n_shards <= 1)
    return 1;
  if (n_shards == plan->n_shards)
    return plan->shard_of[index];
  shard_of = partition (plan, n_shards);
  return shard_of[index];
}

void
oc_run_plan_get_sharding (const OcRunPlan *plan, guint *shard, guint *n_shards)
{
  if (shard != NULL)
    *shard = plan->shard;
  if (n_shards != NULL)
    *n_shards = plan->n_shards;
}

gboolean
oc_run_plan_in_shard (const OcRunPlan *plan, guint index)
{
  g_return_val_if_fail (index < plan->keys->len, FALSE);
  if (plan->only_unit > 0 && plan->unit_of[index] != plan->only_unit - 1)
    return FALSE;
  return plan->n_shards <= 1 || plan->shard_of[index] == plan->shard;
}

gboolean
oc_run_options_check (const OcRunOptions *options, const OcSpec *spec, GError **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  if (options == NULL || options->n_shards == 0)
    return TRUE;
  if (options->shard < 1 || options->shard > options->n_shards)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("shard %u of %u does not exist: shards are numbered 1 to %u"), options->shard,
                   options->n_shards, options->n_shards);
      return FALSE;
    }
  if (kind_of (spec) == &oc_run_kind_train)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("a %s experiment is one point and cannot be split into shards; shard an "
                   "experiment of several points (sweep, rff, linear, prune, instability)"),
                   oc_spec_get_kind (spec));
      return FALSE;
    }
  return TRUE;
}

void
oc_run_plan_set_threads (OcRunPlan *plan, guint workers, guint threads)
{
  plan->workers = MAX (workers, 1);
  plan->threads = MAX (threads, 1);
}

OcRunPlan *
oc_run_plan_new (const OcSpec *spec, OcStore *store, gboolean rerun, GError **error)
{
  OcRunOptions options = { .rerun = rerun };

  return oc_run_plan_new_for_run (spec, store, &options, error);
}

OcRunPlan *
oc_run_plan_new_for_run (const OcSpec *spec, OcStore *store, const OcRunOptions *options,
                         GError **error)
{
  static const OcRunOptions defaults = { 0 };
  g_autoptr (OcRunPlan) plan = NULL;
  const OcRunKind *kind;
  gboolean rerun;

  g_return_val_if_fail (spec != NULL, NULL);
  kind = kind_of (spec);
  g_return_val_if_fail (kind != NULL, NULL);
  options = options != NULL ? options : &defaults;
  if (!oc_run_options_check (options, spec, error))
    return NULL;
  rerun = options->rerun;

  plan = g_new0 (OcRunPlan, 1);
  plan->spec = oc_spec_dup (spec);
  plan->id = oc_spec_id (spec);
  plan->keys = g_ptr_array_new ();
  plan->labels = g_ptr_array_new_with_free_func (g_free);
  plan->costs = g_array_new (FALSE, FALSE, sizeof (double));
  plan->stored = g_array_new (FALSE, FALSE, sizeof (gboolean));
  plan->chains = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Owns the keys; plan->keys borrows them. */
  plan->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->workers = plan->threads = 1;
  if (!kind->plan (plan, spec, error))
    return NULL;
  find_units (plan);
  if (options->unit > plan->unit_costs->len)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("unit %u of an experiment of %u units"), options->unit, plan->unit_costs->len);
      return NULL;
    }
  plan->only_unit = options->unit;
  plan->shard = plan->n_shards = 1;
  if (options->n_shards > 1)
    {
      plan->shard = options->shard;
      plan->n_shards = options->n_shards;
      plan->shard_of = partition (plan, plan->n_shards);
    }

  if (store != NULL && !rerun && plan->keys->len > 0)
    {
      g_autoptr (GPtrArray) missing = NULL;
      g_autoptr (GHashTable) todo = g_hash_table_new (g_str_hash, g_str_equal);

      missing = oc_store_missing_points (store, plan->id, (const char *const *) plan->keys->pdata,
                                         plan->keys->len, error);
      if (missing == NULL)
        return NULL;
      for (guint m = 0; m < missing->len; m++)
        g_hash_table_add (todo, g_ptr_array_index (missing, m));
      for (guint i = 0; i < plan->keys->len; i++)
        g_array_index (plan->stored, gboolean, i)
          = !g_hash_table_contains (todo, g_ptr_array_index (plan->keys, i));
    }
  kind->threads (plan, spec, oc_run_plan_get_n_to_run (plan));
  return g_steal_pointer (&plan);
}

void
oc_run_plan_free (OcRunPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_pointer (&plan->spec, oc_spec_free);
  g_free (plan->id);
  g_clear_pointer (&plan->keys, g_ptr_array_unref);
  g_clear_pointer (&plan->labels, g_ptr_array_unref);
  g_clear_pointer (&plan->costs, g_array_unref);
  g_clear_pointer (&plan->stored, g_array_unref);
  g_clear_pointer (&plan->chains, g_array_unref);
  g_free (plan->shard_of);
  g_free (plan->unit_of);
  g_clear_pointer (&plan->unit_costs, g_array_unref);
  g_clear_pointer (&plan->index, g_hash_table_unref);
  g_free (plan);
}

const OcSpec *
oc_run_plan_get_spec (const OcRunPlan *plan)
{
  return plan->spec;
}

const char *
oc_run_plan_get_id (const OcRunPlan *plan)
{
  return plan->id;
}

guint
oc_run_plan_get_n_points (const OcRunPlan *plan)
{
  return plan->keys->len;
}

const char *
oc_run_plan_get_key (const OcRunPlan *plan, guint index)
{
  g_return_val_if_fail (index < plan->keys->len, NULL);
  return g_ptr_array_index (plan->keys, index);
}

const char *
oc_run_plan_get_label (const OcRunPlan *plan, guint index)
{
  g_return_val_if_fail (index < plan->labels->len, NULL);
  return g_ptr_array_index (plan->labels, index);
}

double
oc_run_plan_get_cost (const OcRunPlan *plan, guint index)
{
  g_return_val_if_fail (index < plan->costs->len, 0);
  return g_array_index (plan->costs, double, index);
}

gboolean
oc_run_plan_is_stored (const OcRunPlan *plan, guint index)
{
  g_return_val_if_fail (index < plan->stored->len, FALSE);
  return g_array_index (plan->stored, gboolean, index);
}

int
oc_run_plan_find_key (const OcRunPlan *plan, const char *key)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (plan->index, key)) - 1;
}

guint
oc_run_plan_get_n_stored (const OcRunPlan *plan)
{
  guint n = 0;

  for (guint i = 0; i < plan->stored->len; i++)
    n += g_array_index (plan->stored, gboolean, i);
  return n;
}

guint
oc_run_plan_get_n_to_run (const OcRunPlan *plan)
{
  guint n = 0;

  for (guint i = 0; i < plan->keys->len; i++)
    n += !g_array_index (plan->stored, gboolean, i) && oc_run_plan_in_shard (plan, i);
  return n;
}

void
oc_run_plan_get_threads (const OcRunPlan *plan, guint *workers, guint *threads)
{
  if (workers != NULL)
    *workers = plan->workers;
  if (threads != NULL)
    *threads = plan->threads;
}

/* ---- What the kinds call while running ---- */

const OcRunPlan *
oc_run_get_plan (OcRun *run)
{
  return run->plan;
}

const OcSpec *
oc_run_get_spec (OcRun *run)
{
  return run->plan->spec;
}

const OcRunOptions *
oc_run_get_options (OcRun *run)
{
  return run->options;
}

OcStore *
oc_run_get_store (OcRun *run)
{
  return run->store;
}

gboolean
oc_run_todo (OcRun *run, guint index)
{
  g_return_val_if_fail (index < run->plan->keys->len, FALSE);
  return run->todo[index];
}

/* Fills the run-wide part of @e and calls the observer. Called with the lock held. */
static void
emit (OcRun *run, OcRunEvent *e)
{
  double done = 0;

  e->plan = run->plan;
  e->elapsed = (g_get_monotonic_time () - run->t0) / 1e6;
  for (guint i = 0; i < run->plan->keys->len; i++)
    if (run->todo[i])
      done += run->fraction[i] * oc_run_plan_get_cost (run->plan, i);
  e->done = run->total_cost > 0 ? MIN (done / run->total_cost, 1.0) : 1.0;
  e->eta = e->done > 0 && e->done < 1 ? e->elapsed * (1 - e->done) / e->done
           : e->done >= 1 ? 0 : NAN;
  e->n_ran = run->n_ran;
  e->n_failed = run->n_failed;
  if (run->observer != NULL)
    run->observer (e, run->user_data);
}

void
oc_run_progress (OcRun *run, guint index, const OcProgress *progress)
{
  OcRunEvent e = { 0 };

  g_return_if_fail (index < run->plan->keys->len);

  e.kind = OC_RUN_EVENT_PROGRESS;
  e.index = index;
  e.iteration = progress->iteration;
  e.total_iterations = progress->total_iterations;
  e.fraction = progress->total_iterations > 0
               ? MIN ((double) progress->iteration / progress->total_iterations, 1.0) : 0;
  e.eval = progress->eval;
  e.measures = progress->measures;
  e.n_measures = progress->n_measures;
  /* Only one point's model is worth a snapshot: with many, they race each other. */
  e.model = run->plan->keys->len == 1 ? progress->model : NULL;
  g_mutex_lock (&run->lock);
  run->fraction[index] = e.fraction;
  emit (run, &e);
  g_mutex_unlock (&run->lock);
}

/* A failed point never replaces a finished one (a --rerun that diverges keeps the old result). */
static gboolean
keeps_finished (OcRun *run, const OcStorePoint *point)
{
  g_autoptr (OcStorePoint) old = NULL;

  if (point->status == OC_STATUS_FINISHED)
    return FALSE;
  old = oc_store_get_point (run->store, run->plan->id, point->key, FALSE, NULL);
  return old != NULL && old->status == OC_STATUS_FINISHED;
}

static char *
time_before (const char *iso, double seconds)
{
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr (GDateTime) before = NULL;

  if (t == NULL)
    return g_strdup (iso);
  before = g_date_time_add_seconds (t, -MAX (seconds, 0));
  return g_date_time_format (before, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
oc_run_record (OcRun *run, guint index, OcStorePoint *point, GPtrArray *artifacts,
               gboolean reused, GError **error)
{
  g_autoptr (OcStorePoint) p = point;
  g_autoptr (GPtrArray) a = artifacts != NULL ? artifacts
                                               : g_ptr_array_new_with_free_func (
                                                   (GDestroyNotify) oc_store_artifact_free);
  OcRunEvent e = { 0 };

  g_return_val_if_fail (index < run->plan->keys->len, FALSE);
  g_return_val_if_fail (g_strcmp0 (p->key, oc_run_plan_get_key (run->plan, index)) == 0, FALSE);

  if (p->finished == NULL)
    p->finished = oc_store_now ();
  if (p->started == NULL)
    p->started = time_before (p->finished, p->seconds);
  if (run->store != NULL && !keeps_finished (run, p)
      && !oc_store_put_point (run->store, p, a, error))
    {
      g_prefix_error (error, _("recording %s: "), oc_run_plan_get_label (run->plan, index));
      return FALSE;
    }

  e.kind = OC_RUN_EVENT_POINT;
  e.index = index;
  e.fraction = 1;
  e.point = p;
  e.artifacts = a;
  e.reused = reused;
  g_mutex_lock (&run->lock);
  run->fraction[index] = 1;
  run->n_ran++;
  run->n_failed += p->status != OC_STATUS_FINISHED;
  emit (run, &e);
  g_mutex_unlock (&run->lock);
  return TRUE;
}

/* ---- Points computed elsewhere (OcRunRemote) ---- */

static gboolean
record_remote (gpointer record_data, OcStorePoint *point, GPtrArray *artifacts, gboolean reused,
               GError **error)
{
  OcRun *run = record_data;
  g_autoptr (OcStorePoint) p = point;
  g_autoptr (GPtrArray) a = artifacts;
  int index = oc_run_plan_find_key (run->plan, p->key);

  if (index < 0 || g_strcmp0 (p->experiment_id, run->plan->id) != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("point %s of experiment %s arrived, which is not a point of experiment %s: "
                   "every process must run the same command"), p->key, p->experiment_id,
                   run->plan->id);
      return FALSE;
    }
  /* A chain's points that were stored already come back computed again: keep the stored. */
  if (!run->todo[index])
    return TRUE;
  return oc_run_record (run, (guint) index, g_steal_pointer (&p), g_steal_pointer (&a), reused,
                        error);
}

static int
cmp_unit_cost (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const OcRunPlan *plan = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  double cx = oc_run_plan_get_unit_cost (plan, x), cy = oc_run_plan_get_unit_cost (plan, y);

  if (cx != cy)
    return cx > cy ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* The units with points to compute, largest first (as the local scheduler takes them), to
 * @remote. */
static gboolean
run_remote (OcRun *run, const OcRunRemote *remote, GCancellable *cancellable, GError **error)
{
  const OcRunPlan *plan = run->plan;
  g_autoptr (GArray) units = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *wanted = g_new0 (gboolean, MAX (plan->unit_costs->len, 1));

  for (guint i = 0; i < plan->keys->len; i++)
    if (run->todo[i] && !wanted[plan->unit_of[i]])
      {
        wanted[plan->unit_of[i]] = TRUE;
        g_array_append_val (units, plan->unit_of[i]);
      }
  g_array_sort_with_data (units, cmp_unit_cost, (gpointer) plan);
  return remote->run (plan, (const guint *) units->data, units->len, record_remote, run,
                      remote->user_data, cancellable, error);
}

/* ---- The run ---- */

/* Every point of the plan's shard is stored finished, though not every point (@missing, the
 * keys not stored finished, is not empty): a shard's work is done and the others' is elsewhere. */
static gboolean
shard_complete (const OcRunPlan *plan, const GPtrArray *missing)
{
  if (plan->n_shards <= 1)
    return FALSE;
  for (guint m = 0; m < missing->len; m++)
    {
      int index = oc_run_plan_find_key (plan, g_ptr_array_index (missing, m));

      if (index >= 0 && oc_run_plan_in_shard (plan, (guint) index))
        return FALSE;
    }
  return TRUE;
}

/* How the experiment stands once the run is over, and its row updated accordingly. */
static void
finish_experiment (OcRun *run, gboolean ok, const GError *run_error, gboolean created,
                   OcRunSummary *summary)
{
  gboolean cancelled = g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GError) error = NULL;
  gboolean all_finished;

  if (run->store == NULL)
    {
      summary->status = ok && run->n_failed == 0 ? OC_STATUS_FINISHED
                        : cancelled              ? OC_STATUS_CANCELLED
                                                 : OC_STATUS_FAILED;
      return;
    }
  /* Bad input (a missing file, an unknown dataset): a new experiment that recorded nothing never
   * ran, and is not left behind as noise. */
  if (!ok && !cancelled && created && run->n_ran == 0)
    {
      if (oc_store_remove_experiment (run->store, run->plan->id, NULL, &error))
        {
          summary->removed = TRUE;
          summary->status = OC_STATUS_FAILED;
          return;
        }
      g_warning ("%s", error->message);
      g_clear_error (&error);
    }
  missing = oc_store_missing_points (run->store, run->plan->id,
                                     (const char *const *) run->plan->keys->pdata,
                                     run->plan->keys->len, &error);
  all_finished = missing != NULL && missing->len == 0;
  summary->status = all_finished ? OC_STATUS_FINISHED
                    : cancelled  ? OC_STATUS_CANCELLED
                    : ok && missing != NULL && shard_complete (run->plan, missing)
                                 ? OC_STATUS_PARTIAL
                                 : OC_STATUS_FAILED;
  if (error != NULL
      || !oc_store_set_experiment_status (run->store, run->plan->id, summary->status, &error))
    g_warning ("%s: could not record how experiment %s ended: %s",
               oc_store_get_path (run->store), run->plan->id, error->message);
}

gboolean
oc_experiment_run (const OcSpec *spec, OcStore *store, const OcRunOptions *options,
                   OcRunObserver observer, gpointer user_data, GCancellable *cancellable,
                   OcRunSummary *summary, GError **error)
{
  static const OcRunOptions defaults = { 0 };
  OcRunSummary local_summary;
  g_autoptr (OcRunPlan) plan = NULL;
  g_autoptr (GError) run_error = NULL;
  g_autofree char *id = NULL;
  OcRun run = { 0 };
  OcRunEvent started = { 0 };
  gboolean created = FALSE, ok = TRUE, record;
  guint n_todo = 0;

  g_return_val_if_fail (spec != NULL, FALSE);

  if (summary == NULL)
    summary = &local_summary;
  memset (summary, 0, sizeof *summary);
  id = oc_spec_id (spec);
  g_strlcpy (summary->id, id, sizeof summary->id);
  summary->status = OC_STATUS_FAILED;
  options = options != NULL ? options : &defaults;

  run.t0 = g_get_monotonic_time ();
  plan = oc_run_plan_new_for_run (spec, store, options, error);
  if (plan == NULL)
    return FALSE;
  run.plan = plan;
  run.store = store;
  run.options = options;
  run.observer = observer;
  run.user_data = user_data;
  run.todo = g_new0 (gboolean, MAX (plan->keys->len, 1));
  run.fraction = g_new0 (double, MAX (plan->keys->len, 1));
  g_mutex_init (&run.lock);
  for (guint i = 0; i < plan->keys->len; i++)
    if ((run.todo[i] = !oc_run_plan_is_stored (plan, i) && oc_run_plan_in_shard (plan, i)))
      {
        run.total_cost += oc_run_plan_get_cost (plan, i);
        n_todo++;
      }
  summary->n_points = plan->keys->len;
  summary->n_reused = oc_run_plan_get_n_stored (plan);
  summary->n_shard = 0;
  for (guint i = 0; i < plan->keys->len; i++)
    summary->n_shard += oc_run_plan_in_shard (plan, i);

  /* A shard records its experiment even with nothing of its own to compute, so that its store
   * says which shard ran and how the experiment stands. */
  record = store != NULL && (n_todo > 0 || plan->n_shards > 1);
  if (record && !oc_store_begin_experiment (store, spec, plan->keys->len, &created, error))
    ok = FALSE;
  if (ok)
    {
      started.kind = OC_RUN_EVENT_STARTED;
      g_mutex_lock (&run.lock);
      emit (&run, &started);
      g_mutex_unlock (&run.lock);
    }
  if (ok && n_todo > 0)
    {
      ok = options->remote != NULL ? run_remote (&run, options->remote, cancellable, &run_error)
                                   : kind_of (spec)->run (&run, cancellable, &run_error);
      if (ok && g_cancellable_set_error_if_cancelled (cancellable, &run_error))
        ok = FALSE;
    }
  if ((record || (store == NULL && n_todo > 0)) && (ok || run_error != NULL))
    finish_experiment (&run, ok, run_error, created, summary);
  else if (ok)
    summary->status = plan->n_shards > 1 && summary->n_reused < plan->keys->len
                      ? OC_STATUS_PARTIAL : OC_STATUS_FINISHED;

  summary->created = created;
  summary->n_ran = run.n_ran;
  summary->n_failed = run.n_failed;
  summary->seconds = (g_get_monotonic_time () - run.t0) / 1e6;
  g_free (run.todo);
  g_free (run.fraction);
  g_mutex_clear (&run.lock);
  if (run_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run_error));
      return FALSE;
    }
  return ok;
}
