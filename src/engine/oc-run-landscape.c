/* oc-run-landscape.c — the `landscape` kind of the experiment runner: train (or take) a network,
 * then evaluate the loss along a line and over a plane (oc-landscape-spec.h lists the points and
 * their artifacts).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Points run one after another, each with every core: a training splits its minibatches across
 * a team (oc_train_run), a line or plane its points (oc_landscape_eval_*). A line or plane that a
 * resumed run still has to compute reads the networks it needs back from the training points
 * already stored.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-landscape.h"
#include "occam/oc-landscape-spec.h"
#include "oc-experiment-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* The stream of the random directions, from spec.direction_seed. */
#define DIRECTION_STREAM (OC_STREAM_USER + 1)

/* A network the line or plane needs. */
typedef struct
{
  guint64  seed;
  float   *theta_init;    /* [n_params] */
  float   *theta_final;   /* [n_params] */
  float   *checkpoints;   /* [n_checkpoints, n_params] or NULL */
  gint32  *iterations;    /* [n_checkpoints] */
  guint    n_checkpoints;
  char    *failed;        /* why the network is not there (its training diverged) */
} Net;

typedef struct
{
  OcRun             *run;
  const OcSpec      *spec;
  OcLandscapeConfig  cfg;
  const OcDataset   *data;
  OcTrainConfig      train;   /* the spec's training settings */
  OcMlp             *shape;   /* the spec's network, initialised with the spec's seed */
  Net               *nets;    /* [cfg.seeds->len] */
  guint              threads; /* of the evaluations */
  GCancellable      *cancellable;
} Landscape;

/* ---- Plan ---- */

static gboolean
is_toy (const char *name)
{
  static const char *const toys[] = { "spiral", "moons", "circles", "xor", "blobs" };

  for (guint i = 0; i < G_N_ELEMENTS (toys); i++)
    if (g_strcmp0 (name, toys[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Rough sizes for the plan's relative costs, without loading the data. */
static void
guess_sizes (const OcLandscapeSpec *v, double *dim, double *n_train, double *weights,
             double *first)
{
  const OcDataOptions *d = &v->base.data;
  const OcTrainConfig *t = &v->base.train;
  double in = is_toy (d->name) ? 2 : 784, w = 0;

  *dim = in;
  *n_train = d->n_train >= 0 ? (double) d->n_train
             : is_toy (d->name) ? d->n_points * (1 - d->test_fraction)
                                : 60000;
  for (guint l = 0; l <= t->n_hidden; l++)
    {
      double out = l < t->n_hidden ? t->hidden[l] : 10;

      w += in * out;
      if (l == 0)
        *first = out;
      in = out;
    }
  *weights = w;
}

static gboolean
landscape_plan (OcRunPlan *plan, const OcSpec *spec, GError **error)
{
  OcLandscapeConfig cfg;
  const OcLandscapeSpec *v;
  double dim, n_train, weights, first, examples, train_cost, rest;

  if (!oc_landscape_config_from_spec (spec, &cfg, error))
    return FALSE;
  v = cfg.values;
  guess_sizes (v, &dim, &n_train, &weights, &first);
  examples = 2.0 * MIN (v->eval_examples, n_train);
  /* Forward and backward: about three forward passes per example and epoch. */
  train_cost = 6 * weights * (v->base.train.iterations > 0
                                ? (double) v->base.train.iterations * v->base.train.batch
                                : v->base.train.epochs * n_train);
  /* A point past the first layer's precomputed products. */
  rest = 2 * (weights - dim * first);
  /* The line and the plane need the trained networks: the points are one chain, which a shard
   * or an MPI rank computes whole. */
  for (guint i = 0; i < cfg.seeds->len; i++)
    {
      guint64 seed = g_array_index (cfg.seeds, guint64, i);
      gboolean copied = v->from_experiment != NULL && i == 0 && cfg.base;

      oc_run_plan_add_chain_point (plan, 0, oc_landscape_train_key (seed),
                             cfg.seeds->len > 1
                               ? g_strdup_printf ("training · seed %" G_GUINT64_FORMAT, seed)
                               : g_strdup ("training"),
                             copied ? 0 : train_cost);
    }
  if (cfg.line.kind != OC_LANDSCAPE_LINE_NONE)
    oc_run_plan_add_chain_point (plan, 0, g_strdup (OC_LANDSCAPE_LINE_KEY), g_strdup ("line"),
                           (v->line_points + 2) * examples * (rest + 4 * first)
                             + 2 * examples * dim * first * 2);
  if (cfg.plane != OC_LANDSCAPE_PLANE_NONE)
    oc_run_plan_add_chain_point (plan, 0, g_strdup (OC_LANDSCAPE_PLANE_KEY),
                           g_strdup (cfg.plane == OC_LANDSCAPE_PLANE_PCA ? "PCA plane"
                                                                         : "random plane"),
                           (double) v->grid * v->grid * examples * (rest + 6 * first)
                             + 3 * examples * dim * first * 2
                             + (cfg.plane == OC_LANDSCAPE_PLANE_PCA
                                  ? (v->checkpoints + 1) * examples * 2 * weights : 0));
  oc_landscape_config_clear (&cfg);
  return TRUE;
}

static guint
all_or (guint threads)
{
  return threads > 0 ? threads : g_get_num_processors ();
}

static void
landscape_threads (OcRunPlan *plan, const OcSpec *spec, guint n_todo)
{
  oc_run_plan_set_threads (plan, 1, all_or (oc_spec_get_train_config (spec)->threads));
}

/* ---- Artifacts ---- */

static gboolean
add_array (GPtrArray *artifacts, const char *name, OcNpyDtype type, guint n_dims,
           const gsize *shape, gconstpointer values, GError **error)
{
  g_autoptr (OcNpyArray) a = oc_npy_array_new (type, n_dims, shape, error);
  OcStoreArtifact *artifact;

  if (a == NULL)
    return FALSE;
  memcpy (a->data, values, a->n_elems * oc_npy_dtype_size (type));
  artifact = oc_store_artifact_new (name, a, error);
  if (artifact == NULL)
    return FALSE;
  g_ptr_array_add (artifacts, artifact);
  return TRUE;
}

static gboolean
add_floats (GPtrArray *artifacts, const char *name, gsize n, const float *values, GError **error)
{
  gsize shape[1] = { n };

  return add_array (artifacts, name, OC_NPY_FLOAT32, 1, shape, values, error);
}

/* One member of each value, as float32 [rows, cols] (rows 0: a vector). */
static gboolean
add_values (GPtrArray *artifacts, const OcLandscapeValue *v, guint rows, guint cols,
            GError **error)
{
  static const char *const names[] = { "train_loss", "train_error", "test_loss", "test_error" };
  gsize n = (gsize) MAX (rows, 1) * cols;
  g_autofree float *buf = g_new (float, MAX (n, 1));

  for (guint m = 0; m < G_N_ELEMENTS (names); m++)
    {
      gsize shape[2] = { rows, cols };

      for (gsize i = 0; i < n; i++)
        buf[i] = (float) (m == 0   ? v[i].train_loss
                          : m == 1 ? v[i].train_error
                          : m == 2 ? v[i].test_loss
                                   : v[i].test_error);
      if (rows > 0 ? !add_array (artifacts, names[m], OC_NPY_FLOAT32, 2, shape, buf, error)
                   : !add_floats (artifacts, names[m], n, buf, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_doubles (GPtrArray *artifacts, const char *name, gsize n, const double *values,
             GError **error)
{
  g_autofree float *buf = g_new (float, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    buf[i] = (float) values[i];
  return add_floats (artifacts, name, n, buf, error);
}

static GPtrArray *
new_artifacts (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) oc_store_artifact_free);
}

/* ---- Networks ---- */

static void
net_clear (Net *net)
{
  g_clear_pointer (&net->theta_init, g_free);
  g_clear_pointer (&net->theta_final, g_free);
  g_clear_pointer (&net->checkpoints, g_free);
  g_clear_pointer (&net->iterations, g_free);
  g_clear_pointer (&net->failed, g_free);
}

static int
plan_index (Landscape *ls, const char *key)
{
  return oc_run_plan_find_key (oc_run_get_plan (ls->run), key);
}

static float *
copy_floats (const float *src, gsize n, GError **error)
{
  float *dst = oc_try_alloc (n * sizeof (float), "a copy of the weights", error);

  if (dst != NULL)
    memcpy (dst, src, n * sizeof (float));
  return dst;
}

/* An array of @n_params floats, or @rows × n_params with @rows > 0. */
static gboolean
check_arena (const OcNpyArray *a, gsize n_params, const char *what, const char *where,
             GError **error)
{
  gboolean ok = a != NULL && a->dtype == OC_NPY_FLOAT32 && a->n_dims >= 1
                && a->shape[a->n_dims - 1] == n_params && a->n_dims <= 2;

  if (!ok)
    g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                 _("%s: %s is not an arena of %zu float32 parameters, the "
                 "network's"), where, what, n_params);
  return ok;
}

/* The stored training points of this experiment: what a resumed run starts from. */
static gboolean
load_net (Landscape *ls, Net *net, const char *key, GError **error)
{
  OcStore *store = oc_run_get_store (ls->run);
  const char *id = oc_run_plan_get_id (oc_run_get_plan (ls->run));
  gsize P = ls->shape->n_params;
  g_autoptr (OcNpyArray) init = NULL, final = NULL, ck = NULL, its = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *where = g_strdup_printf ("experiment %s, point %s", id, key);

  init = oc_store_get_artifact (store, id, key, "theta_init", error);
  if (init == NULL || !check_arena (init, P, "theta_init", where, error))
    return FALSE;
  final = oc_store_get_artifact (store, id, key, "theta_final", error);
  if (final == NULL || !check_arena (final, P, "theta_final", where, error))
    return FALSE;
  net->theta_init = copy_floats (init->data, P, error);
  net->theta_final = copy_floats (final->data, P, error);
  if (net->theta_init == NULL || net->theta_final == NULL)
    return FALSE;
  ck = oc_store_get_artifact (store, id, key, "checkpoints", &local);
  if (ck != NULL)
    its = oc_store_get_artifact (store, id, key, "checkpoint_iterations", error);
  if (ck != NULL && (its == NULL || !check_arena (ck, P, "checkpoints", where, error)))
    return FALSE;
  if (ck != NULL)
    {
      net->n_checkpoints = (guint) ck->shape[0];
      if (its->dtype != OC_NPY_INT32 || its->n_elems != net->n_checkpoints)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT, _("%s: checkpoint_iterations does not "
                       "match its %u checkpoints"), where, net->n_checkpoints);
          return FALSE;
        }
      net->checkpoints = copy_floats (ck->data, ck->n_elems, error);
      net->iterations = g_memdup2 (its->data, its->n_elems * sizeof (gint32));
      if (net->checkpoints == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Copies the network's point fields every training point records. */
static OcStorePoint *
train_point_new (Landscape *ls, const char *key, const OcTrainResult *result,
                 const GError *failed, double seconds, guint threads)
{
  OcStorePoint *p = oc_store_point_new (oc_run_plan_get_id (oc_run_get_plan (ls->run)), key);

  p->status = result != NULL ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
  p->error = failed != NULL ? g_strdup (failed->message) : NULL;
  p->seconds = seconds;
  p->threads = threads;
  if (result != NULL)
    oc_store_point_set_result (p, result);
  p->architecture = oc_mlp_describe (ls->shape);
  p->parameters = oc_mlp_parameter_count (ls->shape);
  p->n_train = ls->data->train.n;
  p->n_val = ls->data->val.n;
  p->n_test = ls->data->test.n;
  return p;
}

static GPtrArray *
net_artifacts (Landscape *ls, const Net *net, GError **error)
{
  g_autoptr (GPtrArray) a = new_artifacts ();
  gsize P = ls->shape->n_params;

  if (!add_floats (a, "theta_init", P, net->theta_init, error)
      || !add_floats (a, "theta_final", P, net->theta_final, error))
    return NULL;
  if (net->checkpoints != NULL)
    {
      gsize shape[2] = { net->n_checkpoints, P }, n[1] = { net->n_checkpoints };

      if (!add_array (a, "checkpoints", OC_NPY_FLOAT32, 2, shape, net->checkpoints, error)
          || !add_array (a, "checkpoint_iterations", OC_NPY_INT32, 1, n, net->iterations, error))
        return NULL;
    }
  return g_steal_pointer (&a);
}

typedef struct
{
  Landscape *ls;
  guint      index;
  Net       *net;
  guint      copied;
  guint      capacity;
} TrainProgress;

static void
on_train_progress (const OcProgress *progress, gpointer user_data)
{
  TrainProgress *tp = user_data;
  gsize P = tp->ls->shape->n_params;

  if (progress->checkpoint && tp->net->checkpoints != NULL && tp->copied < tp->capacity)
    {
      memcpy (tp->net->checkpoints + (gsize) tp->copied * P, progress->model->params,
              P * sizeof (float));
      tp->net->iterations[tp->copied++] = (gint32) MIN (progress->iteration, G_MAXINT32);
    }
  oc_run_progress (tp->ls->run, tp->index, progress);
}

static guint64
total_iterations (const OcTrainConfig *cfg, const OcDataset *data)
{
  guint64 steps = (data->train.n + cfg->batch - 1) / cfg->batch;

  return cfg->iterations > 0 ? cfg->iterations : (guint64) cfg->epochs * steps;
}

/* Trains the network of seed @net->seed (point @index), recording its checkpoints when it is
 * the plane's. */
static gboolean
train_net (Landscape *ls, Net *net, guint index, gboolean trajectory, GError **error)
{
  OcTrainConfig cfg = ls->train;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (GError) train_error = NULL;
  g_autoptr (GArray) its = NULL;
  g_autoptr (GPtrArray) artifacts = NULL;
  TrainProgress tp = { ls, index, net, 0, 0 };
  gint64 t0 = g_get_monotonic_time ();
  gsize P = ls->shape->n_params;
  OcStorePoint *p;

  cfg.seed = net->seed;
  model = oc_train_build_model (&cfg, ls->data, error);
  if (model == NULL)
    return FALSE;
  net->theta_init = copy_floats (model->params, P, error);
  if (net->theta_init == NULL)
    return FALSE;
  if (trajectory)
    {
      its = oc_landscape_checkpoint_iterations (total_iterations (&cfg, ls->data),
                                                ls->cfg.values->checkpoints);
      cfg.checkpoints = (const guint64 *) its->data;
      cfg.n_checkpoints = its->len;
      tp.capacity = its->len;
      net->checkpoints = oc_try_alloc0_n ((gsize) its->len * P, sizeof (float),
                                          "the checkpoints of the trajectory", error);
      if (net->checkpoints == NULL)
        return FALSE;
      net->iterations = g_new0 (gint32, its->len);
    }
  result = oc_train_run (&cfg, ls->data, model, ls->cancellable, on_train_progress, &tp, NULL,
                         &train_error);
  if (result == NULL && !g_error_matches (train_error, OC_ERROR, OC_ERROR_DIVERGED))
    {
      g_propagate_error (error, g_steal_pointer (&train_error));
      return FALSE;
    }
  if (result != NULL && trajectory && tp.copied != tp.capacity)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("the training recorded %u of its %u checkpoints"), tp.copied, tp.capacity);
      return FALSE;
    }
  net->n_checkpoints = tp.copied;
  if (result != NULL)
    {
      net->theta_final = copy_floats (model->params, P, error);
      if (net->theta_final == NULL)
        return FALSE;
      artifacts = net_artifacts (ls, net, error);
      if (artifacts == NULL)
        return FALSE;
    }
  else
    net->failed = g_strdup_printf ("the training of seed %" G_GUINT64_FORMAT " failed: %s",
                                   net->seed, train_error->message);
  p = train_point_new (ls, oc_run_plan_get_key (oc_run_get_plan (ls->run), index), result,
                       train_error, (g_get_monotonic_time () - t0) / 1e6,
                       result != NULL ? result->threads : all_or (cfg.threads));
  return oc_run_record (ls->run, index, p, g_steal_pointer (&artifacts), FALSE, error);
}

/* The spec's network taken from experiment from_experiment, which must have its settings. */
static gboolean
copy_net (Landscape *ls, Net *net, guint index, gboolean trajectory, GError **error)
{
  OcStore *store = oc_run_get_store (ls->run);
  const char *from = ls->cfg.values->from_experiment;
  g_autoptr (OcLandscapeSource) src = NULL;
  g_autoptr (OcSpec) ours = NULL;
  g_autofree char *ours_json = NULL, *theirs_json = NULL;
  g_autofree char *where = NULL;
  g_autoptr (GPtrArray) artifacts = NULL;
  gsize P = ls->shape->n_params;
  OcStorePoint *p;

  if (store == NULL || strlen (from) != OC_SPEC_ID_LEN)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                   _("$.landscape.from_experiment: %s must be resolved against the store that "
                   "holds it first (occam-cli landscape and run do)"), from);
      return FALSE;
    }
  src = oc_landscape_source_load (store, from, error);
  if (src == NULL)
    return FALSE;
  ours = oc_spec_new_from_base ("train", ls->spec, error);
  if (ours == NULL)
    return FALSE;
  ours_json = oc_spec_to_json (ours, OC_SPEC_JSON_HASHED_ONLY);
  theirs_json = oc_spec_to_json (src->train_spec, OC_SPEC_JSON_HASHED_ONLY);
  if (strcmp (ours_json, theirs_json) != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                   _("$.landscape.from_experiment: the spec's training settings are not those of "
                   "experiment %s; let occam-cli landscape --from-experiment %s fill them in"),
                   from, from);
      return FALSE;
    }
  where = g_strdup_printf ("experiment %s", from);
  if (!check_arena (src->theta_final, P, "theta_final", where, error))
    return FALSE;
  net->theta_final = copy_floats (src->theta_final->data, P, error);
  if (net->theta_final == NULL)
    return FALSE;
  if (src->theta_init != NULL)
    {
      if (!check_arena (src->theta_init, P, "theta_init", where, error))
        return FALSE;
      net->theta_init = copy_floats (src->theta_init->data, P, error);
    }
  else
    /* A train experiment keeps only θ_T; θ₀ is its seed's initialisation, which the model
     * built with the same settings holds. */
    net->theta_init = copy_floats (ls->shape->params, P, error);
  if (net->theta_init == NULL)
    return FALSE;
  if (trajectory)
    {
      if (src->checkpoints == NULL)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                       _("$.landscape.from_experiment: experiment %s stored no checkpoints of its "
                       "training, which the PCA plane needs; train the network here instead"),
                       from);
          return FALSE;
        }
      if (!check_arena (src->checkpoints, P, "checkpoints", where, error))
        return FALSE;
      net->n_checkpoints = (guint) src->checkpoints->shape[0];
      if (src->checkpoint_iterations->dtype != OC_NPY_INT32
          || src->checkpoint_iterations->n_elems != net->n_checkpoints)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT, _("%s: checkpoint_iterations does not "
                       "match its checkpoints"), where);
          return FALSE;
        }
      net->checkpoints = copy_floats (src->checkpoints->data, src->checkpoints->n_elems, error);
      if (net->checkpoints == NULL)
        return FALSE;
      net->iterations = g_memdup2 (src->checkpoint_iterations->data,
                                   net->n_checkpoints * sizeof (gint32));
    }
  artifacts = net_artifacts (ls, net, error);
  if (artifacts == NULL)
    return FALSE;
  p = oc_store_point_dup (src->point);
  g_free (p->experiment_id);
  g_free (p->key);
  p->experiment_id = g_strdup (oc_run_plan_get_id (oc_run_get_plan (ls->run)));
  p->key = g_strdup (oc_run_plan_get_key (oc_run_get_plan (ls->run), index));
  g_clear_pointer (&p->started, g_free);
  g_clear_pointer (&p->finished, g_free);
  return oc_run_record (ls->run, index, p, g_steal_pointer (&artifacts), TRUE, error);
}

/* ---- Line and plane ---- */

typedef struct
{
  Landscape *ls;
  guint      index;
  guint      offset; /* steps done before the evaluation */
  guint      extra;  /* steps after it */
} EvalProgress;

static void
on_eval_progress (guint done, guint total, gpointer user_data)
{
  EvalProgress *ep = user_data;
  OcProgress p = { 0 };

  p.iteration = ep->offset + done;
  p.total_iterations = ep->offset + total + ep->extra;
  oc_run_progress (ep->ls->run, ep->index, &p);
}

/* The point every line and plane records: its final metrics are the values at @at. */
static OcStorePoint *
eval_point_new (Landscape *ls, guint index, const OcLandscapeEval *ev,
                const OcLandscapeValue *at, double seconds)
{
  OcStorePoint *p = oc_store_point_new (oc_run_plan_get_id (oc_run_get_plan (ls->run)),
                                        oc_run_plan_get_key (oc_run_get_plan (ls->run), index));

  p->status = OC_STATUS_FINISHED;
  p->seconds = seconds;
  p->threads = oc_landscape_eval_get_threads (ev);
  p->architecture = oc_mlp_describe (ls->shape);
  p->parameters = oc_mlp_parameter_count (ls->shape);
  p->n_train = oc_landscape_eval_get_n_train (ev);
  p->n_test = oc_landscape_eval_get_n_test (ev);
  p->final.train_loss = at->train_loss;
  p->final.train_error = at->train_error;
  p->final.test_loss = at->test_loss;
  p->final.test_error = at->test_error;
  p->final.val_loss = p->final.val_error = NAN;
  p->early_stop = p->final;
  return p;
}

/* A line or plane whose network is missing (its training failed) is recorded failed too. */
static gboolean
record_failed (Landscape *ls, guint index, const char *why, GError **error)
{
  OcStorePoint *p = oc_store_point_new (oc_run_plan_get_id (oc_run_get_plan (ls->run)),
                                        oc_run_plan_get_key (oc_run_get_plan (ls->run), index));

  p->status = OC_STATUS_FAILED;
  p->error = g_strdup (why);
  p->architecture = oc_mlp_describe (ls->shape);
  p->parameters = oc_mlp_parameter_count (ls->shape);
  return oc_run_record (ls->run, index, p, NULL, FALSE, error);
}

/* The network of @seed, which the plan made sure is one of them. */
static Net *
find_net (Landscape *ls, guint64 seed)
{
  guint i = 0;

  while (i + 1 < ls->cfg.seeds->len && ls->nets[i].seed != seed)
    i++;
  g_warn_if_fail (ls->nets[i].seed == seed);
  return &ls->nets[i];
}

/* θ_T of a stored experiment for an experiments:A,B line, whose network must be this one's. */
static float *
stored_theta (Landscape *ls, const char *id, GError **error)
{
  OcStore *store = oc_run_get_store (ls->run);
  g_autoptr (OcLandscapeSource) src = NULL;
  g_autofree char *ours = oc_mlp_describe (ls->shape);

  if (store == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("$.landscape.line: experiments %s… are read "
                   "from a store, and this run has none"), id);
      return NULL;
    }
  src = oc_landscape_source_load (store, id, error);
  if (src == NULL)
    return NULL;
  if (g_strcmp0 (src->point->architecture, ours) != 0
      || src->theta_final->n_elems != ls->shape->n_params)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                   _("$.landscape.line: experiment %s's network is %s, this landscape's %s; a line "
                   "joins two networks of one architecture"), src->experiment->id,
                   src->point->architecture, ours);
      return NULL;
    }
  if (src->train_spec != NULL
      && oc_spec_get_train_config (src->train_spec)->activation != ls->shape->activation)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                   _("$.landscape.line: experiment %s's network has another activation than this "
                   "landscape's"), src->experiment->id);
      return NULL;
    }
  return copy_floats (src->theta_final->data, ls->shape->n_params, error);
}

static gboolean
compute_line (Landscape *ls, guint index, GError **error)
{
  const OcLandscapeSpec *v = ls->cfg.values;
  g_autofree float *own_a = NULL, *own_b = NULL;
  const float *a = NULL, *b = NULL;
  g_autofree double *alpha = NULL;
  g_autofree OcLandscapeValue *values = NULL;
  g_autoptr (OcLandscapeEval) ev = NULL;
  g_autoptr (GPtrArray) artifacts = new_artifacts ();
  EvalProgress ep = { ls, index, 0, 0 };
  gint64 t0 = g_get_monotonic_time ();
  const float *basis[2];
  guint n;

  switch (ls->cfg.line.kind)
    {
    case OC_LANDSCAPE_LINE_INIT_FINAL:
      {
        Net *net = find_net (ls, v->base.train.seed);

        if (net->failed != NULL)
          return record_failed (ls, index, net->failed, error);
        a = net->theta_init;
        b = net->theta_final;
        break;
      }
    case OC_LANDSCAPE_LINE_SEEDS:
      {
        Net *na = find_net (ls, ls->cfg.line.seeds[0]), *nb = find_net (ls, ls->cfg.line.seeds[1]);

        if (na->failed != NULL || nb->failed != NULL)
          return record_failed (ls, index, na->failed != NULL ? na->failed : nb->failed, error);
        a = na->theta_final;
        b = nb->theta_final;
        break;
      }
    case OC_LANDSCAPE_LINE_EXPERIMENTS:
      a = own_a = stored_theta (ls, ls->cfg.line.experiments[0], error);
      b = own_b = a != NULL ? stored_theta (ls, ls->cfg.line.experiments[1], error) : NULL;
      if (b == NULL)
        return FALSE;
      break;
    case OC_LANDSCAPE_LINE_NONE:
    default:
      g_return_val_if_reached (FALSE);
    }

  alpha = oc_landscape_line_alphas (v->alpha_min, v->alpha_max, v->line_points, &n);
  basis[0] = a;
  basis[1] = b;
  ev = oc_landscape_eval_new (ls->shape, ls->train.loss, ls->data, v->eval_examples, basis, 2,
                              OC_LANDSCAPE_EVAL_DECOMPOSED, ls->threads, error);
  if (ev == NULL)
    return FALSE;
  values = g_new0 (OcLandscapeValue, n);
  if (!oc_landscape_eval_line (ev, alpha, n, values, on_eval_progress, &ep, ls->cancellable,
                               error))
    return FALSE;
  if (!add_doubles (artifacts, "alpha", n, alpha, error)
      || !add_values (artifacts, values, 0, n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (alpha[i] == 1)
      return oc_run_record (ls->run, index,
                            eval_point_new (ls, index, ev, &values[i],
                                            (g_get_monotonic_time () - t0) / 1e6),
                            g_steal_pointer (&artifacts), FALSE, error);
  g_return_val_if_reached (FALSE);
}

/* The trajectory in the plane: each checkpoint's coordinates and its own losses, a block of
 * checkpoints per progress step of @ep (which counts them from 0). */
static gboolean
trajectory (Landscape *ls, const Net *net, const float *d1, const float *d2, double *ta,
            double *tb, OcLandscapeValue *tv, EvalProgress *ep, GError **error)
{
  gsize P = ls->shape->n_params;
  guint n = net->n_checkpoints, block = 2 * ls->threads, n_blocks = (n + block - 1) / block;
  g_autofree const float **basis = g_new (const float *, n);
  g_autofree double *coefs = g_new0 (double, (gsize) n * n);
  g_autoptr (OcLandscapeEval) ev = NULL;

  for (guint t = 0; t < n; t++)
    {
      basis[t] = net->checkpoints + (gsize) t * P;
      coefs[(gsize) t * n + t] = 1;
      oc_landscape_project (basis[t], net->theta_final, d1, d2, P, &ta[t], &tb[t]);
    }
  /* One-hot coefficients: each point is exactly its checkpoint, evaluated in full. */
  ev = oc_landscape_eval_new (ls->shape, ls->train.loss, ls->data, ls->cfg.values->eval_examples,
                              basis, n, OC_LANDSCAPE_EVAL_DIRECT, ls->threads, error);
  if (ev == NULL)
    return FALSE;
  for (guint b = 0; b < n_blocks; b++)
    {
      guint start = b * block;

      if (g_cancellable_set_error_if_cancelled (ls->cancellable, error))
        return FALSE;
      oc_landscape_eval_points (ev, coefs + (gsize) start * n, MIN (block, n - start),
                                tv + start);
      on_eval_progress (b + 1, n_blocks, ep);
    }
  return TRUE;
}

/* Progress steps of the trajectory's evaluation on @threads threads. */
static guint
trajectory_steps (guint n, guint threads)
{
  return (n + 2 * threads - 1) / (2 * threads);
}

static double
reach (const double *v, guint n)
{
  double m = 0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, fabs (v[i]));
  return m > 0 ? m : 1;
}

static gboolean
compute_plane (Landscape *ls, guint index, GError **error)
{
  const OcLandscapeSpec *v = ls->cfg.values;
  Net *net = find_net (ls, v->base.train.seed);
  gsize P = ls->shape->n_params;
  guint n = v->grid;
  g_autofree float *dirs = NULL;
  g_autofree double *alpha = NULL, *beta = NULL, *ta = NULL, *tb = NULL;
  g_autofree OcLandscapeValue *values = NULL, *tv = NULL;
  g_autoptr (OcLandscapeEval) ev = NULL;
  g_autoptr (GPtrArray) artifacts = new_artifacts ();
  gboolean pca = ls->cfg.plane == OC_LANDSCAPE_PLANE_PCA;
  /* A PCA plane first evaluates its trajectory, block by block, then the grid row by row. */
  guint steps = pca ? trajectory_steps (net->n_checkpoints, ls->threads) : 0;
  EvalProgress ep = { ls, index, 0, 0 };
  gint64 t0 = g_get_monotonic_time ();
  float explained[2] = { NAN, NAN };
  double span_a = v->span, span_b = v->span;
  const float *basis[3];

  if (net->failed != NULL)
    return record_failed (ls, index, net->failed, error);
  dirs = oc_try_alloc0_n (2 * P, sizeof (float), "two directions", error);
  if (dirs == NULL)
    return FALSE;
  if (pca)
    {
      double ex[2];
      guint nt = net->n_checkpoints;
      OcProgress starting = { 0, (guint64) n + steps, 0, NULL, NULL, FALSE };
      EvalProgress tp = { ls, index, 0, n };

      oc_run_progress (ls->run, index, &starting);
      if (net->checkpoints == NULL)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("the network of seed %" PRIu64
                       " was stored without checkpoints, which the PCA plane needs"),
                       net->seed);
          return FALSE;
        }
      if (!oc_landscape_pca (net->checkpoints, nt, P, dirs, dirs + P, ex, error))
        return FALSE;
      explained[0] = (float) ex[0];
      explained[1] = (float) ex[1];
      ta = g_new (double, nt);
      tb = g_new (double, nt);
      tv = g_new0 (OcLandscapeValue, nt);
      if (!trajectory (ls, net, dirs, dirs + P, ta, tb, tv, &tp, error))
        return FALSE;
      ep.offset = steps;
      if (g_cancellable_set_error_if_cancelled (ls->cancellable, error))
        return FALSE;
      /* The grid reaches as far as the trajectory along each direction, times the span. */
      span_a = v->span * reach (ta, nt);
      span_b = v->span * reach (tb, nt);
    }
  else
    {
      g_autoptr (OcMlp) trained = oc_mlp_dup (ls->shape, error);
      OcRng rng;

      if (trained == NULL)
        return FALSE;
      /* Filter-normalised to the trained weights, the plane's centre. */
      memcpy (trained->params, net->theta_final, P * sizeof (float));
      oc_rng_init (&rng, v->direction_seed, DIRECTION_STREAM);
      oc_landscape_random_direction (trained, &rng, dirs);
      oc_landscape_random_direction (trained, &rng, dirs + P);
    }

  alpha = oc_landscape_axis (-span_a, span_a, n);
  beta = oc_landscape_axis (-span_b, span_b, n);
  basis[0] = net->theta_final;
  basis[1] = dirs;
  basis[2] = dirs + P;
  ev = oc_landscape_eval_new (ls->shape, ls->train.loss, ls->data, v->eval_examples, basis, 3,
                              OC_LANDSCAPE_EVAL_DECOMPOSED, ls->threads, error);
  if (ev == NULL)
    return FALSE;
  values = g_new0 (OcLandscapeValue, (gsize) n * n);
  if (!oc_landscape_eval_plane (ev, alpha, n, beta, n, values, on_eval_progress, &ep,
                                ls->cancellable, error))
    return FALSE;

  {
    gsize shape2[2] = { 2, P }, two[1] = { 2 };

    if (!add_doubles (artifacts, "alpha", n, alpha, error)
        || !add_doubles (artifacts, "beta", n, beta, error)
        || !add_values (artifacts, values, n, n, error)
        || !add_array (artifacts, "directions", OC_NPY_FLOAT32, 2, shape2, dirs, error)
        || !add_array (artifacts, "explained", OC_NPY_FLOAT32, 1, two, explained, error))
      return FALSE;
  }
  if (pca)
    {
      guint nt = net->n_checkpoints;
      gsize one[1] = { nt };
      g_autofree double *loss = g_new (double, nt), *test = g_new (double, nt);

      for (guint t = 0; t < nt; t++)
        {
          loss[t] = tv[t].train_loss;
          test[t] = tv[t].test_loss;
        }
      if (!add_array (artifacts, "trajectory_iteration", OC_NPY_INT32, 1, one, net->iterations,
                      error)
          || !add_doubles (artifacts, "trajectory_alpha", nt, ta, error)
          || !add_doubles (artifacts, "trajectory_beta", nt, tb, error)
          || !add_doubles (artifacts, "trajectory_loss", nt, loss, error)
          || !add_doubles (artifacts, "trajectory_test_loss", nt, test, error))
        return FALSE;
    }
  return oc_run_record (ls->run, index,
                        eval_point_new (ls, index, ev, &values[(gsize) (n / 2) * n + n / 2],
                                        (g_get_monotonic_time () - t0) / 1e6),
                        g_steal_pointer (&artifacts), FALSE, error);
}

/* ---- Run ---- */

static gboolean
run_points (Landscape *ls, GError **error)
{
  const OcLandscapeSpec *v = ls->cfg.values;
  gboolean pca = ls->cfg.plane == OC_LANDSCAPE_PLANE_PCA;
  int index;

  for (guint i = 0; i < ls->cfg.seeds->len; i++)
    {
      Net *net = &ls->nets[i];
      g_autofree char *key = oc_landscape_train_key (net->seed);
      /* Only the spec's own network has a trajectory, and only a PCA plane wants it. */
      gboolean own = ls->cfg.base && i == 0;

      index = plan_index (ls, key);
      g_return_val_if_fail (index >= 0, FALSE);
      if (g_cancellable_set_error_if_cancelled (ls->cancellable, error))
        return FALSE;
      if (!oc_run_todo (ls->run, (guint) index))
        {
          if (!load_net (ls, net, key, error))
            return FALSE;
          continue;
        }
      if (own && v->from_experiment != NULL)
        {
          if (!copy_net (ls, net, (guint) index, pca, error))
            return FALSE;
        }
      else if (!train_net (ls, net, (guint) index, own && pca, error))
        return FALSE;
    }
  index = plan_index (ls, OC_LANDSCAPE_LINE_KEY);
  if (index >= 0 && oc_run_todo (ls->run, (guint) index) && !compute_line (ls, index, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (ls->cancellable, error))
    return FALSE;
  index = plan_index (ls, OC_LANDSCAPE_PLANE_KEY);
  if (index >= 0 && oc_run_todo (ls->run, (guint) index) && !compute_plane (ls, index, error))
    return FALSE;
  return TRUE;
}

static gboolean
landscape_run (OcRun *run, GCancellable *cancellable, GError **error)
{
  Landscape ls = { 0 };
  g_autoptr (OcDataset) loaded = NULL;
  gboolean ok;

  ls.run = run;
  ls.spec = oc_run_get_spec (run);
  ls.cancellable = cancellable;
  if (!oc_landscape_config_from_spec (ls.spec, &ls.cfg, error))
    return FALSE;
  ls.train = *oc_spec_get_train_config (ls.spec);
  ls.threads = all_or (ls.train.threads);
  ls.data = oc_run_get_options (run)->dataset;
  if (ls.data == NULL)
    {
      loaded = oc_dataset_load (oc_spec_get_data_options (ls.spec), cancellable, error);
      ls.data = loaded;
    }
  /* The spec's network at its initialisation: the architecture every point shares, and θ₀ of a
   * network taken from a train experiment. */
  ls.shape = ls.data != NULL ? oc_train_build_model (&ls.train, ls.data, error) : NULL;
  ls.nets = g_new0 (Net, ls.cfg.seeds->len);
  for (guint i = 0; i < ls.cfg.seeds->len; i++)
    ls.nets[i].seed = g_array_index (ls.cfg.seeds, guint64, i);

  ok = ls.shape != NULL && run_points (&ls, error);

  for (guint i = 0; i < ls.cfg.seeds->len; i++)
    net_clear (&ls.nets[i]);
  g_free (ls.nets);
  g_clear_pointer (&ls.shape, oc_mlp_free);
  oc_landscape_config_clear (&ls.cfg);
  return ok;
}

const OcRunKind oc_run_kind_landscape = { landscape_plan, landscape_threads, landscape_run };
