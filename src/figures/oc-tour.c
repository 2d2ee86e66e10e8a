/* oc-tour.c — see oc-tour.h. The scenes, their specs, their status in a store and estimates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Estimates. The run plan says which points a scene's experiment has and which are stored; its
 * costs are relative (each kind weighs its points its own way), so the work of each point is
 * counted here in floating-point operations from the spec, per kind: a training step costs about
 * 6 FLOP per weight and example (forward, backward, update), an evaluation 2; random features
 * cost their feature products and least-squares fit. The machine's rate is measured once per
 * process by training a 784-128-10 network on synthetic data for a moment (the best of three
 * runs); small networks run further from that rate (fixed costs per step), so estimates for them
 * are low. Points run as the plan's threads say.
 */
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "occam/oc-bench.h"
#include "occam/oc-cpus.h"
#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam-figures/oc-tour.h"

/* ---- The scenes ---- */

static const OcTourFigure rule_figures[] = {
  { "accuracy", NULL, N_("Training pairs are right early; held-out pairs follow much later") },
};

static const OcTourFigure u_figures[] = {
  { "double-descent", NULL, N_("Test error against width, for networks too small to fit "
                               "every noisy label") },
};

static const OcTourFigure model_figures[] = {
  { "double-descent", NULL, N_("Compare the test-error peak with the width where training "
                                 "error reaches zero") },
};

static const OcTourFigure epoch_figures[] = {
  { "epoch-heatmap", NULL, N_("Rows: widths; columns: epochs; colour: test error") },
  { "learning-curve", "width=64", N_("One wide network over time: test error and loss against "
                                      "epochs") },
};

static const OcTourFigure rff_figures[] = {
  { "random-features", NULL, N_("The peak is at N = n: as many features as examples") },
  { "coefficient-norm", NULL, N_("The fitted coefficients blow up at the same place") },
};

static const OcTourFigure landscape_figures[] = {
  { "replay", NULL, N_("The path of training over the loss of its plane") },
  { "profile", NULL, N_("Loss along the straight line from start to end") },
};

static const OcTourFigure stuck_figures[] = {
  { "seed-distribution", NULL, N_("Each dot is one initialisation; small widths scatter") },
};

static const OcTourFigure lottery_figures[] = {
  { "accuracy", NULL, N_("Test accuracy of the tickets and of both controls as weights "
                                  "are removed") },
};

static const OcTourFigure faster_figures[] = {
  { "early-stop", NULL, N_("When each sub-network reached its lowest validation loss") },
};

static const OcTourFigure smallest_figures[] = {
  { "methods", "with={also}", N_("Magnitude pruning against a learned mask at the same "
                                 "density") },
};

/* The lottery scenes share one experiment, and so do the two double-descent sweeps. */
#define NAKKIRAN_QUICK \
  "train.epochs=200;sweep.widths=1,2,4,8,12,16,24,32,64,128,256;sweep.record_every_epochs=10"
#define LOTTERY_QUICK "train.iterations=1000;prune.levels=6"
#define LOTTERY_QUICK_NOTE N_("6 pruning levels of 1,000 iterations instead of 20 of 50,000")
#define LOTTERY_RUN { "prune", "frankle-carbin", NULL, LOTTERY_QUICK }

#define SCENE_FIGURES(f) f, G_N_ELEMENTS (f)

static const OcTourScene scenes[] = {
  { "rule", N_("A rule or a lookup table?"),
    N_("We train a small network to add two numbers modulo 97 and show it only half of all the "
       "pairs. It can get every training pair right in two ways: by storing each answer, or by "
       "finding the rule that produces them. Stored answers say nothing about the pairs it "
       "never saw; the rule gets them all. Watch the held-out accuracy take off long after the "
       "training pairs are perfect."),
    N_("the grok kind (Memorise or find the rule page)"),
    N_("p = 47 and 6,000 steps instead of p = 97 and 20,000"),
    { "grok", "grokking-mlp", NULL, "data.modulus=47;train.iterations=6000" },
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (rule_figures) },
  { "u-curve", N_("The classical picture: a U"),
    N_("Networks of growing width, all trained on the same 4,000 images with a fifth of the "
       "labels scrambled. Up to a point, extra width helps and test error falls. Past it, the "
       "extra capacity goes into memorising the scrambled labels and test error climbs again: "
       "the U-shaped curve that made small models the safe choice."),
    N_("the sweep kind (Sweep page)"),
    N_("200 epochs instead of 1,000"),
    { "sweep", "nakkiran-mlp", "sweep.widths=1,2,3,4,6,8,10,12,14,16",
      "train.epochs=200;sweep.record_every_epochs=10" },
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (u_figures) },
  { "model-wise", N_("Keep going: double descent"),
    N_("The same experiment, continued to far wider networks. Right where a network can only "
       "just fit every training label, test error peaks. Beyond that width it falls a second "
       "time, and ends lower than the best small network ever got."),
    N_("the sweep kind (Sweep page)"),
    N_("200 epochs and 11 widths instead of 1,000 epochs and 21 widths"),
    { "sweep", "nakkiran-mlp", NULL, NAKKIRAN_QUICK },
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (model_figures) },
  { "epoch-wise", N_("Double descent over training time"),
    N_("The peak is not only a matter of size. Each row of the heat map is one width and each "
       "column a moment of training. Wide networks improve, get worse while they memorise the "
       "scrambled labels, and improve again if training goes on."),
    N_("the sweep kind (Sweep page)"),
    N_("200 epochs and 11 widths instead of 1,000 epochs and 21 widths"),
    { "sweep", "nakkiran-mlp", NULL, NAKKIRAN_QUICK },
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (epoch_figures) },
  { "random-features", N_("The same peak without a neural network"),
    N_("Random Fourier features and a minimum-norm least-squares fit: no gradient descent and "
       "no hidden layer to train. Test error and the size of the fitted coefficients both "
       "explode exactly when there are as many features as training examples, and shrink "
       "again beyond that."),
    N_("the rff kind (Sweep page, random features)"),
    N_("1,000 training images and 14 feature counts instead of 4,000 and 21"),
    { "rff", "belkin-rff", NULL,
      "data.n_train=1000;rff.features=100,250,500,750,900,950,1000,1050,1100,1250,1500,2000,"
      "4000,8000" },
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (rff_figures) },
  { "landscape", N_("A ball rolling downhill"),
    N_("Training moves the weights downhill on the training loss. Here one network's path is "
       "drawn in the plane that holds most of its motion, over the loss at every point of that "
       "plane. Along the straight line from the start to the end, the loss usually falls all "
       "the way."),
    N_("the landscape kind (Landscape page)"),
    N_("2 epochs and a 21 × 21 grid instead of 10 epochs and 41 × 41"),
    { "landscape", "fashion-pca", NULL, "train.epochs=2;landscape.grid=21" },
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (landscape_figures) },
  { "unlucky-inits", N_("Unlucky starts"),
    N_("Copies of each network that differ only in their random initial weights. The "
       "smallest networks end at very different training errors: some starts fit, many get "
       "stuck. With more width, every start heads for a perfect fit."),
    N_("the sweep kind (Sweep page)"),
    N_("8 seeds and 100 epochs instead of 16 and 300"),
    { "sweep", "stuck-inits", NULL, "sweep.seeds=0,1,2,3,4,5,6,7;train.epochs=100" },
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (stuck_figures) },
  { "lottery", N_("The winning ticket"),
    N_("Train, remove the smallest weights, reset the survivors to their initial values and "
       "train again, level after level. The sub-network that survives keeps up with the full "
       "network on a fraction of its weights. The controls matter: the same mask with fresh "
       "random weights, or a random mask of the same size, falls behind much sooner."),
    N_("the prune kind (Pruning page)"),
    LOTTERY_QUICK_NOTE,
    LOTTERY_RUN,
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (lottery_figures) },
  { "faster", N_("Winning tickets learn faster"),
    N_("For every pruning level, the iteration at which validation loss was lowest. If the "
       "lucky start is also the quick one, the tickets reach their best point earlier than the "
       "dense network and the controls do not. A run too short for validation loss to turn "
       "shows its last iteration everywhere."),
    N_("the prune kind (Pruning page)"),
    LOTTERY_QUICK_NOTE,
    LOTTERY_RUN,
    { NULL, NULL, NULL, NULL },
    SCENE_FIGURES (faster_figures) },
  { "smallest", N_("How small can it get?"),
    N_("Magnitude pruning keeps the largest weights: a guess, not a search for the smallest "
       "sub-network that works. Edge-popup instead learns which weights to keep in a network "
       "whose weights are never trained. Where it does as well with fewer weights, the ticket "
       "was only an upper bound."),
    N_("the prune kind with edge-popup (Pruning page)"),
    N_("6 pruning levels of 1,000 iterations instead of 20 of 50,000"),
    LOTTERY_RUN,
    { "prune", "frankle-carbin", "prune.controls=imp,edge-popup;prune.densities=50,20,10,5,2",
      "train.iterations=1000" },
    SCENE_FIGURES (smallest_figures) },
};

const OcTourScene *
oc_tour_scenes (guint *n_scenes)
{
  *n_scenes = G_N_ELEMENTS (scenes);
  return scenes;
}

const OcTourScene *
oc_tour_find (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    if (g_strcmp0 (scenes[i].id, id) == 0)
      return &scenes[i];
  return NULL;
}

/* "section.name=value;…" onto @spec. */
static gboolean
apply_changes (OcSpec *spec, const char *changes, GError **error)
{
  g_auto (GStrv) items = NULL;

  if (changes == NULL)
    return TRUE;
  items = g_strsplit (changes, ";", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *eq = strchr (items[i], '='), *dot = strchr (items[i], '.');
      g_autofree char *section = NULL, *name = NULL;

      g_return_val_if_fail (eq != NULL && dot != NULL && dot < eq, FALSE);
      section = g_strndup (items[i], (gsize) (dot - items[i]));
      name = g_strndup (dot + 1, (gsize) (eq - dot - 1));
      if (!oc_spec_set_field (spec, section, name, eq + 1, error))
        return FALSE;
    }
  return TRUE;
}

static OcSpec *
run_spec (const OcTourScene *scene, const OcTourRun *run, gboolean quick, GError **error)
{
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) local = NULL;

  if (!g_strv_contains (oc_spec_kinds (), run->kind)
      || oc_spec_find_preset (run->kind, run->preset) == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                   _("Scene “%s” needs %s, with the preset %s, which this build of Occam does "
                     "not have"), scene->id, _(scene->needs), run->preset);
      return NULL;
    }
  spec = oc_spec_new_from_preset (run->kind, run->preset, &local);
  /* The scenes' changes are this file's: one that does not apply is a bug here. */
  if (spec == NULL || !apply_changes (spec, run->full, &local)
      || (quick && !apply_changes (spec, run->quick, &local)) || !oc_spec_finish (spec, FALSE,
                                                                                   &local))
    {
      g_critical ("tour scene %s: %s", scene->id, local->message);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&spec);
}

OcSpec *
oc_tour_scene_spec (const OcTourScene *scene, gboolean quick, GError **error)
{
  g_return_val_if_fail (scene != NULL, NULL);
  return run_spec (scene, &scene->run, quick, error);
}

OcSpec *
oc_tour_scene_also_spec (const OcTourScene *scene, gboolean quick, GError **error)
{
  g_return_val_if_fail (scene != NULL, NULL);
  if (scene->also.kind == NULL)
    return NULL;
  return run_spec (scene, &scene->also, quick, error);
}

/* ---- Estimates ---- */

/* Inputs and classes of a dataset, for counting weights (the tour's datasets). */
static void
data_dims (const OcDataOptions *d, double *in, double *out, double *n_train, double *n_test)
{
  if (g_strcmp0 (d->name, "modadd") == 0 || g_strcmp0 (d->name, "addition") == 0)
    {
      double p = d->modulus > 0 ? d->modulus : 97;

      *in = 2 * p;
      *out = p;
      *n_train = p * p * d->train_fraction;
      *n_test = p * p - *n_train;
      return;
    }
  /* Fashion-MNIST and MNIST: 28 × 28 images, 10 classes, 60,000 + 10,000. */
  *in = 784;
  *out = 10;
  *n_train = d->n_train >= 0 ? (double) d->n_train : 60000 - (double) d->val_size;
  *n_test = 10000 + (double) d->val_size;
}

static double
weights (const OcTrainConfig *t, double in, double out)
{
  double w = 0, prev = in;

  for (guint i = 0; i < t->n_hidden; i++)
    {
      w += prev * t->hidden[i];
      prev = t->hidden[i];
    }
  return w + prev * out;
}

/* Floating-point work of one training run of @t: steps and evaluations. */
static double
training_flops (const OcTrainConfig *t, double in, double out, double n_train, double n_test)
{
  double w = weights (t, in, out);
  double batch = t->batch > 0 ? MIN (t->batch, n_train) : n_train;
  double steps = t->iterations > 0 ? (double) t->iterations
                                   : ceil (n_train / MAX (batch, 1)) * t->epochs;
  double n_evals = t->eval_log > 0 ? t->eval_log
                   : t->eval_every > 0 ? steps / (double) t->eval_every
                                       : steps / ceil (n_train / MAX (batch, 1));
  double eval_examples = n_test + (t->train_eval_examples < 0 ? n_train
                                   : (double) t->train_eval_examples);

  return 6 * w * batch * steps + 2 * w * eval_examples * n_evals;
}

/* Member @name of the point key @key ({"features":1000,"seed":0}), or 0. */
static double
key_number (const char *key, const char *name)
{
  g_autoptr (JsonNode) root = json_from_string (key, NULL);
  JsonObject *o = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root)
                                                               : NULL;

  return o != NULL && json_object_has_member (o, name)
         ? json_node_get_double (json_object_get_member (o, name)) : 0;
}

/* The FLOPs of point @i of @plan. NaN for a kind without a count here. */
static double
point_flops (const OcSpec *spec, const OcRunPlan *plan, guint i)
{
  const char *kind = oc_spec_get_kind (spec);
  const OcDataOptions *d = oc_spec_get_data_options (spec);
  const OcTrainConfig *t = oc_spec_get_train_config (spec);
  double cost = oc_run_plan_get_cost (plan, i);
  double in = 784, out = 10, n_train = 60000, n_test = 10000;

  if (d != NULL)
    data_dims (d, &in, &out, &n_train, &n_test);
  if (g_strcmp0 (kind, "sweep") == 0)
    {
      /* Cost: (width + 16) · layers · examples seen (oc_sweep_point_cost); each example costs
       * 6 FLOP per weight of a 784-w-10 network, plus a tenth for evaluations. */
      return cost * 6 * (in + out) * 1.1;
    }
  if (g_strcmp0 (kind, "rff") == 0)
    {
      /* The features of the training and test images (a product with the N × d random
       * directions), then the least-squares fit on the smaller Gram matrix. */
      double N = key_number (oc_run_plan_get_key (plan, i), "features");

      return 2 * (n_train + n_test) * N * in + 2 * n_train * N * MIN (n_train, N);
    }
  if (g_strcmp0 (kind, "landscape") == 0)
    return cost;     /* counted in FLOPs by the plan already */
  if (g_strcmp0 (kind, "prune") == 0 && t != NULL)
    return cost * training_flops (t, in, out, n_train, n_test);
  if (g_strcmp0 (kind, "grok") == 0 && t != NULL && d != NULL)
    {
      /* Cost: the run's train fraction; the spec's fraction gives n_train. */
      double pairs = n_train + n_test;

      return training_flops (t, in, out, cost * pairs, pairs - cost * pairs);
    }
  if (t != NULL)
    return cost * training_flops (t, in, out, n_train, n_test);
  return NAN;
}

static int rate_known;

static gpointer
measure_rate (gpointer data)
{
  g_autoptr (OcDataset) ds = oc_bench_dataset_new (2048, 256, 784, 10, 1, NULL);
  OcTrainResult *r;
  OcTrainConfig cfg;
  guint hidden[] = { 128 };
  static double rate;

  oc_train_config_init (&cfg);
  cfg.hidden = hidden;
  cfg.n_hidden = 1;
  cfg.batch = 128;
  cfg.epochs = 2;
  cfg.threads = 1;
  cfg.train_eval_examples = 0;
  rate = 5e9; /* if the measurement fails: a modest core */
  /* The best of three short runs: other processes on the machine slow some of them down. */
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr (OcMlp) model = ds != NULL ? oc_train_build_model (&cfg, ds, NULL) : NULL;

      r = model != NULL ? oc_train_run (&cfg, ds, model, NULL, NULL, NULL, NULL, NULL) : NULL;
      if (r != NULL && r->train_seconds + r->eval_seconds > 0)
        {
          double measured = training_flops (&cfg, 784, 10, 2048, 256)
                            / (r->train_seconds + r->eval_seconds);

          rate = k == 0 ? measured : MAX (rate, measured);
        }
      g_clear_pointer (&r, oc_train_result_free);
    }
  g_atomic_int_set (&rate_known, 1);
  return &rate;
}

gboolean
oc_tour_rate_known (void)
{
  return g_atomic_int_get (&rate_known) != 0;
}

double
oc_tour_measure_rate (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, measure_rate, NULL);
  return *(double *) once.retval;
}

void
oc_tour_status_clear (OcTourStatus *status)
{
  g_clear_pointer (&status->why_not, g_free);
  g_clear_pointer (&status->id, g_free);
  g_clear_pointer (&status->also_id, g_free);
}

/* Adds the points and estimate of @spec's experiment to @status. */
static gboolean
add_run_status (const OcSpec *spec, OcStore *store, OcTourStatus *status, guint run,
                GError **error)
{
  g_autoptr (OcRunPlan) plan = oc_run_plan_new (spec, store, FALSE, error);
  double flops = 0;
  guint workers = 1, threads = 1, cores = MAX (oc_cpus_available (), 1);

  if (plan == NULL)
    return FALSE;
  status->n_points += oc_run_plan_get_n_points (plan);
  status->n_stored += oc_run_plan_get_n_stored (plan);
  for (guint i = 0; i < oc_run_plan_get_n_points (plan); i++)
    if (!oc_run_plan_is_stored (plan, i))
      flops += point_flops (spec, plan, i);
  oc_run_plan_get_threads (plan, &workers, &threads);
  status->run_seconds[run] = flops / (oc_tour_measure_rate ()
                                      * MIN (MAX (workers * threads, 1), cores));
  status->seconds += status->run_seconds[run];
  return TRUE;
}

gboolean
oc_tour_scene_status (const OcTourScene *scene, gboolean quick, OcStore *store,
                      OcTourStatus *status, GError **error)
{
  g_autoptr (OcSpec) spec = NULL, also = NULL;
  g_autoptr (GError) missing = NULL;

  g_return_val_if_fail (scene != NULL && status != NULL, FALSE);

  memset (status, 0, sizeof *status);
  spec = oc_tour_scene_spec (scene, quick, &missing);
  if (spec != NULL && scene->also.kind != NULL)
    also = oc_tour_scene_also_spec (scene, quick, &missing);
  if (spec == NULL || (scene->also.kind != NULL && also == NULL))
    {
      if (!g_error_matches (missing, OC_ERROR, OC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&missing));
          return FALSE;
        }
      status->why_not = g_strdup (missing->message);
      return TRUE;
    }
  status->available = TRUE;
  status->id = oc_spec_id (spec);
  if (also != NULL)
    status->also_id = oc_spec_id (also);
  return add_run_status (spec, store, status, 0, error)
         && (also == NULL || add_run_status (also, store, status, 1, error));
}
