/* test-grok.c — memorise or find the rule: full batch, the log evaluation schedule, decoupled
 * weight decay against PyTorch's AdamW written out by hand, the sparse-input kernels against a
 * naive reference, the Fourier share of embeddings built from known frequencies, the summary
 * steps of a hand-made curve, grok specs and their messages, and a grok experiment that resumes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam/oc-grok.h"
#include "occam/oc-optim.h"
#include "occam/oc-spec.h"
#include "occam/oc-train.h"
#include "oc-kernels.h"

/* ---- Full batch ---- */

static OcDataset *
load_addition (double fraction)
{
  OcDataOptions o;
  g_autoptr (GError) error = NULL;
  OcDataset *d;

  oc_data_options_init (&o);
  o.name = "addition";
  o.digits = 1;
  o.train_fraction = fraction;
  d = oc_dataset_load (&o, NULL, &error);
  g_assert_no_error (error);
  return d;
}

static OcMlp *
train_with_batch (const OcDataset *d, guint batch, guint64 iterations, OcTrainResult **out)
{
  static const guint hidden[] = { 16 };
  OcTrainConfig cfg;
  g_autoptr (GError) error = NULL;
  OcMlp *model;

  oc_train_config_init (&cfg);
  cfg.hidden = hidden;
  cfg.n_hidden = 1;
  cfg.optim.kind = OC_OPTIM_ADAMW;
  cfg.optim.weight_decay = 0.5;
  cfg.batch = batch;
  cfg.epochs = 0;
  cfg.iterations = iterations;
  cfg.threads = 1;
  model = oc_train_build_model (&cfg, d, &error);
  g_assert_no_error (error);
  *out = oc_train_run (&cfg, d, model, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return model;
}

static void
test_full_batch (void)
{
  g_autoptr (OcDataset) d = load_addition (0.6);
  g_autoptr (OcTrainResult) r_full = NULL, r_n = NULL, r_small = NULL;
  g_autoptr (OcMlp) full = train_with_batch (d, 0, 7, &r_full);
  g_autoptr (OcMlp) whole = train_with_batch (d, d->train.n, 7, &r_n);
  g_autoptr (OcMlp) small = train_with_batch (d, 10, 7, &r_small);

  g_assert_cmpuint (d->train.n, ==, 60);
  /* batch 0 is a batch of every training example: the same steps, bit for bit. */
  g_assert_cmpmem (full->params, full->n_params * sizeof (float), whole->params,
                   whole->n_params * sizeof (float));
  g_assert_cmpfloat (r_full->final.train_loss, ==, r_n->final.train_loss);
  /* One step per epoch; a smaller batch takes other steps. */
  g_assert_cmpfloat (r_full->final.epoch, ==, 7.0);
  g_assert_true (memcmp (full->params, small->params, full->n_params * sizeof (float)) != 0);
}

/* ---- Log evaluation schedule ---- */

static void
assert_steps (guint64 total, guint n, const guint64 *expected, guint n_expected)
{
  g_autoptr (GArray) steps = oc_eval_log_steps (total, n);

  g_assert_cmpuint (steps->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpuint (g_array_index (steps, guint64, i), ==, expected[i]);
}

static void
test_log_schedule (void)
{
  static const guint64 decades[] = { 1, 10, 100, 1000 };
  /* 10^(k/4): 1, 1.78, 3.16, 5.62, 10. */
  static const guint64 ten[] = { 1, 2, 3, 6, 10 };
  /* More evaluations than steps: every step once. */
  static const guint64 three[] = { 1, 2, 3 };
  g_autoptr (OcDataset) d = load_addition (0.5);
  static const guint hidden[] = { 8 };
  OcTrainConfig cfg;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GArray) steps = NULL;

  assert_steps (1000, 4, decades, G_N_ELEMENTS (decades));
  assert_steps (10, 5, ten, G_N_ELEMENTS (ten));
  assert_steps (3, 50, three, G_N_ELEMENTS (three));

  /* A run evaluates at step 0 and exactly at those steps. */
  oc_train_config_init (&cfg);
  cfg.hidden = hidden;
  cfg.n_hidden = 1;
  cfg.batch = 0;
  cfg.epochs = 0;
  cfg.iterations = 500;
  cfg.eval_every = 1;
  cfg.eval_log = 7;
  cfg.threads = 1;
  model = oc_train_build_model (&cfg, d, &error);
  g_assert_no_error (error);
  r = oc_train_run (&cfg, d, model, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  steps = oc_eval_log_steps (500, 7);
  g_assert_cmpuint (r->evals->len, ==, steps->len + 1);
  g_assert_cmpuint (g_array_index (r->evals, OcEvalPoint, 0).iteration, ==, 0);
  for (guint i = 0; i < steps->len; i++)
    g_assert_cmpuint (g_array_index (r->evals, OcEvalPoint, i + 1).iteration, ==,
                      g_array_index (steps, guint64, i));
  g_assert_cmpuint (g_array_index (r->evals, OcEvalPoint, r->evals->len - 1).iteration, ==, 500);
}

/* ---- AdamW: decoupled weight decay ---- */

static void
test_adamw_decoupled (void)
{
  /* PyTorch's AdamW (torch.optim.AdamW, amsgrad off), written out in double for each weight:
   *   p ← p (1 − lr·λ);  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
   *   p ← p − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
   * The decay never enters m or v: Adam with L2 (λp added to g) gives another trajectory. */
  const double lr = 0.01, wd = 1.0, b1 = 0.9, b2 = 0.98, eps = 1e-8;
  const float p0[3] = { 1.0f, -0.5f, 2.0f };
  const float g_seq[3][3] = { { 0.3f, -0.2f, 0.0f }, { -0.1f, -0.4f, 0.5f },
                              { 0.2f, 0.1f, -0.3f } };
  OcOptimConfig cfg;
  g_autoptr (OcOptimizer) opt = NULL, l2 = NULL;
  float p[3], q[3];
  double hp[3], m[3] = { 0 }, v[3] = { 0 };

  oc_optim_config_init (&cfg);
  cfg.kind = OC_OPTIM_ADAMW;
  cfg.lr = lr;
  cfg.weight_decay = wd;
  cfg.beta1 = b1;
  cfg.beta2 = b2;
  cfg.eps = eps;
  opt = oc_optimizer_new (&cfg, 3, NULL);
  cfg.kind = OC_OPTIM_ADAM;
  l2 = oc_optimizer_new (&cfg, 3, NULL);
  memcpy (p, p0, sizeof p);
  memcpy (q, p0, sizeof q);
  for (int i = 0; i < 3; i++)
    hp[i] = p0[i];
  for (int t = 1; t <= 3; t++)
    {
      float g[3], h[3];

      memcpy (g, g_seq[t - 1], sizeof g);
      memcpy (h, g_seq[t - 1], sizeof h);
      oc_optimizer_step (opt, p, g, NULL, lr);
      oc_optimizer_step (l2, q, h, NULL, lr);
      for (int i = 0; i < 3; i++)
        {
          double gi = g_seq[t - 1][i];

          hp[i] *= 1 - lr * wd;
          m[i] = b1 * m[i] + (1 - b1) * gi;
          v[i] = b2 * v[i] + (1 - b2) * gi * gi;
          hp[i] -= lr * (m[i] / (1 - pow (b1, t))) / (sqrt (v[i] / (1 - pow (b2, t))) + eps);
        }
      for (int i = 0; i < 3; i++)
        g_assert_cmpfloat_with_epsilon (p[i], hp[i], 2e-6);
    }
  /* The third weight had g = 0 on the first step: AdamW shrank it by (1 − lr·λ) exactly. */
  g_assert_true (fabs (q[0] - p[0]) > 1e-4);
}

/* ---- Sparse inputs: the first layer through W₀ᵀ ---- */

static void
test_csr_kernels (void)
{
  /* 5 rows of 37 inputs, 2–3 non-zeros each, 19 outputs (no SIMD-friendly size). */
  const int n = 5, ni = 37, no = 19;
  const guint32 rowptr[] = { 0, 2, 4, 7, 9, 11 };
  const guint32 col[] = { 3, 20, 0, 36, 1, 5, 30, 7, 8, 2, 33 };
  const float val[] = { 1, 1, 1, 1, 0.5f, -2, 1, 1, 1, 3, 1 };
  const guint32 rows[] = { 4, 0, 2, 2 };
  const int nb = 4;
  float w[19 * 37], wt[37 * 19], y[4 * 19], dy[4 * 19], dwt[37 * 19], dw[19 * 37];
  OcRng rng;

  g_assert_cmpuint (rowptr[n], ==, G_N_ELEMENTS (col));
  oc_rng_init (&rng, 7, 0);
  for (int i = 0; i < no * ni; i++)
    w[i] = (float) oc_rng_normal (&rng);
  for (int i = 0; i < nb * no; i++)
    dy[i] = (float) oc_rng_normal (&rng);
  oc_transpose (wt, w, no, ni);
  for (int o = 0; o < no; o++)
    for (int j = 0; j < ni; j++)
      g_assert_cmpfloat (wt[j * no + o], ==, w[o * ni + j]);
  oc_csr_linear_forward (y, rowptr, col, val, rows, wt, nb, no);
  oc_csr_linear_backward_weights (dwt, dy, rowptr, col, val, rows, nb, ni, no);
  oc_transpose (dw, dwt, ni, no);
  for (int r = 0; r < nb; r++)
    for (int o = 0; o < no; o++)
      {
        /* y = x · Wᵀ with x dense: a naive sum over every input. */
        double ref = 0;

        for (guint32 k = rowptr[rows[r]]; k < rowptr[rows[r] + 1]; k++)
          ref += (double) val[k] * w[o * ni + col[k]];
        g_assert_cmpfloat_with_epsilon (y[r * no + o], ref, 1e-5);
      }
  for (int o = 0; o < no; o++)
    for (int j = 0; j < ni; j++)
      {
        double ref = 0;

        for (int r = 0; r < nb; r++)
          for (guint32 k = rowptr[rows[r]]; k < rowptr[rows[r] + 1]; k++)
            if ((int) col[k] == j)
              ref += (double) val[k] * dy[r * no + o];
        g_assert_cmpfloat_with_epsilon (dw[o * ni + j], ref, 1e-5);
      }
}

/* A sparse first layer trains like the dense one: the same losses to float rounding. */
static void
test_csr_matches_dense (void)
{
  g_autoptr (OcDataset) d = load_addition (0.6);
  g_autoptr (OcDataset) dense = load_addition (0.6);
  g_autoptr (OcTrainResult) a = NULL, b = NULL;
  g_autoptr (OcMlp) ma = NULL, mb = NULL;

  /* A copy whose inputs are nudged off zero is too dense for the sparse path; the nudge is far
   * below float resolution of the products that matter, so both must agree closely. */
  for (gsize i = 0; i < (gsize) dense->train.n * dense->dim; i++)
    if (dense->train.x[i] == 0.0f)
      dense->train.x[i] = 1e-30f;
  ma = train_with_batch (d, 0, 20, &a);
  mb = train_with_batch (dense, 0, 20, &b);
  g_assert_cmpfloat_with_epsilon (a->final.train_loss, b->final.train_loss, 1e-4);
  for (gsize i = 0; i < ma->n_params; i++)
    g_assert_cmpfloat_with_epsilon (ma->params[i], mb->params[i], 1e-4);
}

/* ---- Fourier share ---- */

/* W₀ of a 2p-input network whose embeddings are cosines of known frequencies and amplitudes. */
static OcMlp *
embedding_of (guint p, guint hidden, const guint *freqs, const double *amps, guint n_freqs)
{
  guint sizes[] = { 2 * p, hidden, p };
  g_autoptr (GError) error = NULL;
  OcMlp *m = oc_mlp_new (sizes, 3, OC_ACT_RELU, &error);
  float *w;

  g_assert_no_error (error);
  w = oc_mlp_weights (m, 0);
  for (guint h = 0; h < hidden; h++)
    for (guint a = 0; a < 2 * p; a++)
      {
        guint t = a % p;
        double phase = 0.3 * h + (a >= p ? 1.1 : 0);
        double x = 0;

        for (guint f = 0; f < n_freqs; f++)
          x += amps[f] * cos (2 * G_PI * freqs[f] * t / p + phase * (f + 1));
        w[(gsize) h * 2 * p + a] = (float) x;
      }
  return m;
}

static void
test_fourier_share (void)
{
  const guint p = 31, hidden = 8;
  const guint freqs[] = { 4, 11, 7 };
  const double amps[] = { 1.0, 2.0, 0.5 };
  double energy[16], total = 0, w2 = 0, share = 0;
  g_autoptr (OcMlp) one = embedding_of (p, hidden, freqs, amps, 1);
  g_autoptr (OcMlp) three = embedding_of (p, hidden, freqs, amps, 3);
  g_autoptr (OcMlp) own = embedding_of (p, hidden, freqs, amps, 1);
  float *w;

  g_assert_cmpuint (oc_grok_n_frequencies (p), ==, 16);
  g_assert_true (oc_grok_fourier_spectrum (one, p, 1, energy, &share));
  /* A single frequency holds everything: the top-1 share is 1. */
  g_assert_cmpfloat_with_epsilon (share, 1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (energy[4] / (energy[0] + energy[4] + energy[5]), 1.0, 1e-6);

  g_assert_true (oc_grok_fourier_spectrum (three, p, 1, energy, &share));
  /* Parseval: the energies add up to Σ W₀². */
  w = oc_mlp_weights (three, 0);
  for (guint i = 0; i < hidden * 2 * p; i++)
    w2 += (double) w[i] * w[i];
  for (guint k = 0; k < 16; k++)
    total += energy[k];
  g_assert_cmpfloat_with_epsilon (total / w2, 1.0, 1e-5);
  /* Each cosine's energy ∝ amplitude²: 4 of 5.25 in k = 11, 1 in k = 4, 0.25 in k = 7. */
  g_assert_cmpfloat_with_epsilon (share, 4 / 5.25, 1e-5);
  g_assert_true (oc_grok_fourier_spectrum (three, p, 2, energy, &share));
  g_assert_cmpfloat_with_epsilon (share, 5 / 5.25, 1e-5);
  g_assert_true (oc_grok_fourier_spectrum (three, p, 3, energy, &share));
  g_assert_cmpfloat_with_epsilon (share, 1.0, 1e-5);
  g_assert_cmpfloat_with_epsilon (energy[7] / total, 0.25 / 5.25, 1e-5);

  /* Every unit on a frequency of its own (unit h: cos 2π(h+1)a/p, amplitude 1, so the same
   * energy p/2 per operand): the summed spectrum spreads evenly over k = 1…8, a share of 1/8
   * each, yet each unit is one frequency — the share, taken unit by unit, is 1. */
  w = oc_mlp_weights (own, 0);
  for (guint h = 0; h < hidden; h++)
    for (guint a = 0; a < 2 * p; a++)
      w[(gsize) h * 2 * p + a] = (float) cos (2 * G_PI * (h + 1) * (a % p) / p + 0.7 * h);
  g_assert_true (oc_grok_fourier_spectrum (own, p, 1, energy, &share));
  g_assert_cmpfloat_with_epsilon (share, 1.0, 1e-5);
  total = 0;
  for (guint k = 0; k < 16; k++)
    total += energy[k];
  g_assert_cmpfloat_with_epsilon (total, hidden * 2 * p / 2.0, 1e-3);
  for (guint k = 1; k <= hidden; k++)
    g_assert_cmpfloat_with_epsilon (energy[k] / total, 1.0 / hidden, 1e-5);
  g_assert_cmpfloat_with_epsilon (energy[0] + energy[9] + energy[15], 0.0, 1e-6);

  /* A zero first layer has no share. */
  memset (w, 0, sizeof (float) * hidden * 2 * p);
  g_assert_true (oc_grok_fourier_spectrum (own, p, 5, energy, &share));
  g_assert_true (isnan (share));
  /* A first layer of the wrong shape has no embedding spectrum. */
  g_assert_false (oc_grok_fourier_spectrum (three, 29, 1, energy, NULL));
}

/* ---- Summary steps ---- */

static void
test_summary_steps (void)
{
  /* step, train error, test error: memorised (train ≥ 99 %) at 100, rule (held-out ≥ 95 %)
   * at 5000 — not at 2000 (94.9 %) and not on the first dip at 20. */
  static const double curve[][3] = {
    { 0, 0.99, 0.99 }, { 20, 0.5, 0.96 }, { 60, 0.0101, 0.99 }, { 100, 0.01, 0.99 },
    { 300, 0.0, 0.97 }, { 2000, 0.0, 0.051 }, { 5000, 0.0, 0.05 }, { 9000, 0.02, 0.0 },
  };
  OcEvalPoint evals[G_N_ELEMENTS (curve)];
  gint64 mem, gen;

  memset (evals, 0, sizeof evals);
  for (guint i = 0; i < G_N_ELEMENTS (curve); i++)
    {
      evals[i].iteration = (guint64) curve[i][0];
      evals[i].train_error = curve[i][1];
      evals[i].test_error = curve[i][2];
    }
  oc_grok_summary_steps (evals, G_N_ELEMENTS (evals), &mem, &gen);
  g_assert_cmpint (mem, ==, 100);
  g_assert_cmpint (gen, ==, 5000);
  /* Never reached: −1. */
  oc_grok_summary_steps (evals, 5, &mem, &gen);
  g_assert_cmpint (mem, ==, 100);
  g_assert_cmpint (gen, ==, -1);
  oc_grok_summary_steps (evals, 2, &mem, &gen);
  g_assert_cmpint (mem, ==, -1);
}

/* ---- Specs ---- */

static void
assert_spec_error (const char *json, const char *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (json, -1, NULL, &error);

  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  if (strstr (error->message, message) == NULL)
    g_error ("expected \"%s\" in \"%s\"", message, error->message);
}

static void
test_grok_spec (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = NULL, train = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GArray) points = NULL;
  const OcGrokSpec *v;

  spec = oc_spec_new_from_json ("{\"version\": 1, \"kind\": \"grok\", \"data\": {\"modulus\": 13},"
                                " \"grok\": {\"train_fractions\": \"0.5,0.3\","
                                " \"weight_decays\": \"1,0\", \"seeds\": \"0,1\"}}", -1, NULL,
                                &error);
  g_assert_no_error (error);
  v = oc_spec_get_values (spec);
  g_assert_cmpstr (v->train_fractions, ==, "0.3,0.5");
  g_assert_cmpstr (v->eval_schedule, ==, "log:200");
  g_assert_cmpuint (v->base.train.batch, ==, 0);
  g_assert_cmpint (v->base.train.optim.kind, ==, OC_OPTIM_ADAMW);
  g_assert_cmpfloat (v->base.train.optim.beta2, ==, 0.98);
  json = oc_spec_to_json (spec, 0);
  g_assert_nonnull (strstr (json, "\"batch\":\"full\""));
  points = oc_grok_points (spec);
  g_assert_cmpuint (points->len, ==, 8);
  {
    const OcGrokPoint *last = &g_array_index (points, OcGrokPoint, 7);
    g_autofree char *key = oc_grok_point_key (last);

    g_assert_cmpstr (key, ==, "{\"train_fraction\":0.5,\"weight_decay\":1,\"seed\":1}");
  }

  /* A train spec with "full" reads back the same; 0 is not how one says it. */
  train = oc_spec_new_from_json ("{\"version\": 1, \"kind\": \"train\", \"train\": {\"batch\": "
                                 "\"full\"}}", -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oc_spec_get_train_config (train)->batch, ==, 0);
  {
    g_autofree char *text = oc_spec_get_field_text (train, "train", "batch");

    g_assert_cmpstr (text, ==, "full");
  }
  assert_spec_error ("{\"version\": 1, \"kind\": \"train\", \"train\": {\"batch\": 0}}",
                     "$.train.batch: must be between 1 and 65536, or \"full\", got 0");
  assert_spec_error ("{\"version\": 1, \"kind\": \"train\", \"train\": {\"batch\": \"all\"}}",
                     "$.train.batch: expected an integer or \"full\"");
  assert_spec_error ("{\"version\": 1, \"kind\": \"grok\", \"data\": {\"name\": \"moons\"}}",
                     "$.data.name: grok experiments train on addition or modadd, not \"moons\"");
  assert_spec_error ("{\"version\": 1, \"kind\": \"grok\", \"train\": {\"eval_schedule\": "
                     "\"every:10\"}}", "$.train.eval_schedule: \"every:10\" is not a schedule");
  assert_spec_error ("{\"version\": 1, \"kind\": \"grok\", \"grok\": {\"train_fractions\": "
                     "\"0.5,1\"}}", "$.grok.train_fractions: 1 is not a fraction strictly");
  assert_spec_error ("{\"version\": 1, \"kind\": \"grok\", \"grok\": {\"fourier_top_k\": 0}}",
                     "$.grok.fourier_top_k: must be between 1 and 500");
  assert_spec_error ("{\"version\": 1, \"kind\": \"grok\", \"grok\": {\"weight_decays\": "
                     "\"1,-1\"}}", "$.grok.weight_decays");
}

/* ---- A grok experiment resumes ---- */

typedef struct
{
  GCancellable *cancellable;
  guint         points;
  guint         evals;
  guint         with_measures;
} Watch;

static void
observe (const OcRunEvent *e, gpointer user_data)
{
  Watch *w = user_data;

  if (e->kind == OC_RUN_EVENT_PROGRESS && e->eval != NULL)
    {
      w->evals++;
      w->with_measures += e->n_measures == OC_GROK_N_MEASURES
                          && e->measures[OC_GROK_MEASURE_WEIGHT_NORM] > 0
                          && e->measures[OC_GROK_MEASURE_FOURIER_SHARE] > 0;
    }
  if (e->kind == OC_RUN_EVENT_POINT && ++w->points == 1 && w->cancellable != NULL)
    g_cancellable_cancel (w->cancellable);
}

static void
test_grok_resumes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("occam-grok-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "occam.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (OcNpyArray) measures = NULL;
  Watch w = { cancellable };
  OcRunSummary s;

  g_assert_no_error (error);
  spec = oc_spec_new_from_json ("{\"version\": 1, \"kind\": \"grok\", \"data\": {\"modulus\": 11},"
                                " \"model\": {\"hidden\": [16]}, \"train\": {\"iterations\": 30,"
                                " \"eval_schedule\": \"log:5\"}, \"run\": {\"threads\": 1},"
                                " \"grok\": {\"weight_decays\": \"0,1\"}}", -1, NULL, &error);
  g_assert_no_error (error);
  /* Cancelled once the first point is recorded: it is kept, the second is not. */
  g_assert_false (oc_experiment_run (spec, store, NULL, observe, &w, cancellable, &s, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (s.n_ran, ==, 1);
  g_assert_cmpuint (w.evals, ==, w.with_measures);
  g_assert_cmpuint (w.evals, >=, 6);

  w = (Watch) { NULL };
  g_assert_true (oc_experiment_run (spec, store, NULL, observe, &w, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.n_reused, ==, 1);
  g_assert_cmpuint (s.n_ran, ==, 1);
  g_assert_cmpint (s.status, ==, OC_STATUS_FINISHED);

  points = oc_store_list_points (store, s.id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);
  /* Measures per evaluation, one row each; the spectrum of modadd p = 11 has 6 frequencies. */
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      g_autoptr (OcNpyArray) spectrum = oc_store_get_artifact (store, s.id, p->key, "spectrum",
                                                               &error);
      g_autoptr (OcNpyArray) grid = oc_store_get_artifact (store, s.id, p->key, "pairs_final",
                                                           &error);

      g_assert_no_error (error);
      g_clear_pointer (&measures, oc_npy_array_free);
      measures = oc_store_get_artifact (store, s.id, p->key, "measures", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (measures->shape[0], ==, p->evals->len);
      g_assert_cmpuint (measures->shape[1], ==, OC_GROK_N_MEASURES);
      g_assert_cmpuint (spectrum->shape[0], ==, p->evals->len);
      g_assert_cmpuint (spectrum->shape[1], ==, 6);
      g_assert_cmpuint (grid->shape[0], ==, 11);
      g_assert_cmpuint (grid->shape[1], ==, 11);
      /* The first evaluation's norm is that of the initial network: positive, finite. */
      g_assert_cmpfloat (((float *) measures->data)[0], >, 0);
    }
  oc_store_close (g_steal_pointer (&store));
  for (guint i = 0; i < 4; i++)
    {
      static const char *const suffixes[] = { "", "-wal", "-shm", "-running" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/grok/full-batch", test_full_batch);
  g_test_add_func ("/grok/log-schedule", test_log_schedule);
  g_test_add_func ("/grok/adamw-decoupled", test_adamw_decoupled);
  g_test_add_func ("/grok/csr-kernels", test_csr_kernels);
  g_test_add_func ("/grok/csr-matches-dense", test_csr_matches_dense);
  g_test_add_func ("/grok/fourier-share", test_fourier_share);
  g_test_add_func ("/grok/summary-steps", test_summary_steps);
  g_test_add_func ("/grok/spec", test_grok_spec);
  g_test_add_func ("/grok/resumes", test_grok_resumes);
  return g_test_run ();
}
