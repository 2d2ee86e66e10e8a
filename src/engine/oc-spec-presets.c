/* oc-spec-presets.c — published protocols as named specs (see ANCHORS in the README).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each preset lists only what differs from the defaults; flags given with --preset override it.
 */
#include <string.h>

#include "oc-config.h"
#include <glib/gi18n-lib.h>

#include "occam/oc-error.h"
#include "occam/oc-spec.h"

#define NAKKIRAN_WIDTHS "1,2,4,6,8,10,12,14,16,20,24,28,32,40,48,64,96,128,256,512,1024"
#define NAKKIRAN_BASE \
  "\"data\": {\"name\": \"fashion-mnist\", \"n_train\": 4000, \"subset\": \"first\"}," \
  "\"model\": {\"hidden\": [1], \"activation\": \"relu\", \"init\": \"torch-default\"}," \
  "\"optim\": {\"kind\": \"adam\", \"lr\": 0.001, \"weight_decay\": 0},"
/* Iterations per round of the `talk` preset (see there). */
#define TALK_ITERATIONS "5000"

#define GROK_BASE \
  "\"data\": {\"name\": \"modadd\", \"modulus\": 97, \"train_fraction\": 0.5}," \
  "\"model\": {\"hidden\": [256], \"activation\": \"relu\", \"init\": \"torch-default\"}," \
  "\"optim\": {\"kind\": \"adamw\", \"lr\": 0.001, \"beta1\": 0.9, \"beta2\": 0.98," \
  " \"weight_decay\": 1},"
#define GROK_ANCHOR \
  /* xgettext:no-c-format */ \
  N_("Power et al. 2022 trained a small transformer on a ∘ b mod 97 with AdamW and weight decay " \
  "(train fractions 30–80 %): training accuracy saturates early, validation accuracy jumps to " \
  "~100 % orders of magnitude later. Nanda et al. 2023 used p = 113, 30 % of the pairs, full " \
  "batch, AdamW lr 1e-3, weight decay 1.0: the network learns a handful of key Fourier " \
  "frequencies, and without weight decay there is no grokking. This preset is the MLP form " \
  "(Gromov 2023: a two-layer MLP on one-hot a and b, full batch), not the transformer.")

static const OcSpecPreset presets[] = {
  { "nakkiran-mlp", "sweep",
    /* xgettext:no-c-format */
    N_("Nakkiran et al. 2019: 784-H-10 MLP, Fashion-MNIST n = 4000, 20 % label noise, Adam, "
    "1000 epochs"),
    "{\"version\": 1, \"kind\": \"sweep\"," NAKKIRAN_BASE
    "\"train\": {\"loss\": \"ce\", \"batch\": 128, \"epochs\": 1000},"
    "\"sweep\": {\"widths\": \"" NAKKIRAN_WIDTHS "\", \"label_noises\": \"0.2\","
    " \"record_every_epochs\": 20}}",
    /* xgettext:no-c-format */
    N_("Published small-scale reproductions (MNIST, n = 4000, one hidden layer, 20 % noise, "
    "thousands of epochs): test accuracy 0.67 at H = 4, 0.63 at the peak H = 12, 0.85 at "
    "H = 1000; test cross-entropy peaks at about 2.6. The peak sits where training error first "
    "reaches ~0; the n·K = 40,000-parameter line is H ≈ 50 (P = 795H + 10).") },
  { "nakkiran-mlp-clean", "sweep",
    N_("Nakkiran et al. 2019 without label noise: the peak shrinks"),
    "{\"version\": 1, \"kind\": \"sweep\"," NAKKIRAN_BASE
    "\"train\": {\"loss\": \"ce\", \"batch\": 128, \"epochs\": 1000},"
    "\"sweep\": {\"widths\": \"" NAKKIRAN_WIDTHS "\", \"label_noises\": \"0\","
    " \"record_every_epochs\": 20}}",
    /* xgettext:no-c-format */
    N_("Nakkiran et al. 2019: without label noise the test-error peak is small or absent; it is "
    "clearest with 10–20 % noise and long training.") },
  { "early-stopping", "sweep",
    N_("Nakkiran et al. 2019 stopped at 100 epochs: the peak disappears"),
    "{\"version\": 1, \"kind\": \"sweep\"," NAKKIRAN_BASE
    "\"train\": {\"loss\": \"ce\", \"batch\": 128, \"epochs\": 100},"
    "\"sweep\": {\"widths\": \"" NAKKIRAN_WIDTHS "\", \"label_noises\": \"0.2\","
    " \"record_every_epochs\": 5}}",
    N_("Small-scale reproductions: with only ~100 epochs the peak disappears — training long "
    "enough is part of the experiment.") },
  /* The talk's unlucky initialisations: small networks end wherever their initialisation sends
   * them, large ones fit from anywhere. No label noise, so a network that fails to fit its
   * training set failed on its own; 16 seeds per width show the distribution, not just a band. */
  { "stuck-inits", "sweep",
    N_("Unlucky initialisations: 784-H-10 on the first 1000 Fashion-MNIST images, H = 2, 3, 4, 8, "
    "32, 16 seeds each, Adam 1e-3, batch 128, 300 epochs, PyTorch's default initialisation"),
    "{\"version\": 1, \"kind\": \"sweep\","
    "\"data\": {\"name\": \"fashion-mnist\", \"n_train\": 1000, \"subset\": \"first\","
    " \"label_noise\": 0},"
    "\"model\": {\"hidden\": [2], \"activation\": \"relu\", \"init\": \"torch-default\"},"
    "\"optim\": {\"kind\": \"adam\", \"lr\": 0.001, \"weight_decay\": 0},"
    "\"train\": {\"loss\": \"ce\", \"batch\": 128, \"epochs\": 300},"
    "\"sweep\": {\"widths\": \"2,3,4,8,32\","
    " \"seeds\": \"0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\", \"record_every_epochs\": 10}}",
    N_("The talk: a small network ends at a different training error for every initialisation — "
    "some fit, some get stuck — while a large one reaches zero training error from anywhere; "
    "the spread over seeds shrinks as the width grows (figure seed-distribution).") },
  { "belkin-rff", "rff",
    N_("Belkin et al. 2019: random Fourier features, σ = 5, Fashion-MNIST n = 4000, minimum-norm "
    "least squares"),
    "{\"version\": 1, \"kind\": \"rff\","
    "\"data\": {\"name\": \"fashion-mnist\", \"n_train\": 4000},"
    "\"rff\": {\"features\": \"100,200,500,1000,2000,3000,3500,3800,3900,3950,4000,4050,4100,"
    "4200,4500,5000,6000,8000,10000,20000,40000\", \"kind\": \"fourier\", \"sigma\": 5,"
    " \"ridge\": 0, \"seeds\": \"0\"}}",
    N_("Belkin et al. 2019 (MNIST, n = 10⁴, σ = 5): zero-one and squared test risk and the "
    "coefficient norm all peak exactly at N = n, and fall again beyond it.") },
  /* Lottery tickets. Every evaluation runs the network over the test set, the validation split
   * and the training examples evaluated; with an evaluation every 100 iterations (Frankle &
   * Carbin) the full 55,000 training examples would cost three times the training itself, so
   * training accuracy is measured on the first 5000 (±0.5 pp), which is all it is used for. */
  { "frankle-carbin", "prune",
    /* xgettext:no-c-format */
    N_("Frankle & Carbin 2019: LeNet-300-100, Adam 1.2e-3, batch 60, 50k iterations, layer-wise "
    "20 % / output 10 % per level, rewind to θ₀, with reinit and random controls"),
    "{\"version\": 1, \"kind\": \"prune\","
    "\"data\": {\"name\": \"fashion-mnist\", \"val_size\": 5000},"
    "\"model\": {\"hidden\": [300, 100], \"activation\": \"relu\", \"init\": \"glorot-normal\"},"
    "\"optim\": {\"kind\": \"adam\", \"lr\": 0.0012},"
    "\"train\": {\"loss\": \"ce\", \"batch\": 60, \"iterations\": 50000, \"eval_every\": 100,"
    " \"train_eval_examples\": 5000},"
    "\"prune\": {\"levels\": 20, \"rate\": 0.2, \"output_rate\": 0.1, \"scope\": \"layer\","
    " \"prune_output\": \"yes\", \"rewind\": \"init\", \"controls\": \"imp,reinit,random\"}}",
    /* xgettext:no-c-format */
    N_("Frankle & Carbin 2019 (MNIST; 266,200 prunable weights): density after k levels ≈ 0.8^k "
    "(51.3 % at 3, 21.1 % at 7, 13.5 % at 9, 7.0 % at 12, 3.6 % at 15, 1.9 % at 18). Tickets "
    "reach early stop 38 % sooner at 21 %, are 0.3 pp better at 13.5 % and back to dense "
    "accuracy at 3.6 %; randomly reinitialised tickets fall below dense already at 21 %.") },
  /* The same network and training for the instability analysis (Frankle et al. 2020 use
   * LeNet-300-100 on MNIST); children evaluate the test split only, at k and at the end. */
  { "frankle-carbin", "instability",
    N_("Frankle et al. 2020 on Frankle & Carbin's LeNet-300-100: Adam 1.2e-3, batch 60, 50k "
    "iterations, children from k = 0, 100, 500, 2000"),
    "{\"version\": 1, \"kind\": \"instability\","
    "\"data\": {\"name\": \"fashion-mnist\", \"val_size\": 5000},"
    "\"model\": {\"hidden\": [300, 100], \"activation\": \"relu\", \"init\": \"glorot-normal\"},"
    "\"optim\": {\"kind\": \"adam\", \"lr\": 0.0012},"
    "\"train\": {\"loss\": \"ce\", \"batch\": 60, \"iterations\": 50000, \"eval_every\": 100,"
    " \"train_eval_examples\": 5000},"
    "\"instability\": {\"rewind_iterations\": \"0,100,500,2000\", \"alphas\": 11}}",
    /* xgettext:no-c-format */
    N_("Frankle et al. 2020: LeNet-300-100 on MNIST is stable (error barrier < 2 %) already at "
    "k = 0; larger vision networks (ResNet-20, VGG-16 on CIFAR-10) become stable only after a "
    "little training, and IMP finds matching sub-networks exactly when training is stable from "
    "the rewind point.") },
  /* OpenLTH's mnist_lenet_300_100 defaults: plain SGD (its momentum defaults to 0), Kaiming
   * normal weights. OpenLTH leaves biases at PyTorch's default initialisation; Occam's
   * kaiming-normal sets them to 0. */
  { "openlth", "prune",
    /* xgettext:no-c-format */
    N_("OpenLTH: LeNet-300-100, SGD 0.1, batch 128, 40 epochs, Kaiming normal, global 20 % per "
    "level with the output layer kept, rewind to θ₀, with reinit and random controls"),
    "{\"version\": 1, \"kind\": \"prune\","
    "\"data\": {\"name\": \"fashion-mnist\"},"
    "\"model\": {\"hidden\": [300, 100], \"activation\": \"relu\", \"init\": \"kaiming-normal\"},"
    "\"optim\": {\"kind\": \"sgd\", \"lr\": 0.1},"
    "\"train\": {\"loss\": \"ce\", \"batch\": 128, \"epochs\": 40, \"train_eval_examples\": 5000},"
    "\"prune\": {\"levels\": 20, \"rate\": 0.2, \"scope\": \"global\", \"prune_output\": \"no\","
    " \"rewind\": \"init\", \"controls\": \"imp,reinit,random\"}}",
    /* xgettext:no-c-format */
    N_("OpenLTH (facebookresearch/open_lth, mnist_lenet_300_100): sparse_global pruning of 20 % "
    "per level with fc.weight ignored; branches randomly_reinitialize and randomly_prune are the "
    "reinit and random controls. Expect IMP to hold dense accuracy far below 10 % of the weights "
    "while both controls fall off earlier.") },
  /* The procedure as the talk tells it: remove the 10 % of the weights closest to zero, reset the
   * rest to their initial values, train again, 30 times, until about 4 % are left. "Closest to
   * zero" is one global ranking over every layer, output included. The talk does not say how
   * each round trains; this uses Frankle & Carbin's network and optimiser, TALK_ITERATIONS steps
   * per round. */
  { "talk", "prune",
    /* xgettext:no-c-format */
    N_("The talk: remove the 10 % of weights closest to zero (all layers), rewind to θ₀, repeat 30 "
    "times: 0.9³⁰ ≈ 4.2 % of the weights left"),
    "{\"version\": 1, \"kind\": \"prune\","
    "\"data\": {\"name\": \"fashion-mnist\"},"
    "\"model\": {\"hidden\": [300, 100], \"activation\": \"relu\", \"init\": \"glorot-normal\"},"
    "\"optim\": {\"kind\": \"adam\", \"lr\": 0.0012},"
    "\"train\": {\"loss\": \"ce\", \"batch\": 60, \"iterations\": " TALK_ITERATIONS ","
    " \"eval_every\": 500, \"train_eval_examples\": 5000},"
    "\"prune\": {\"levels\": 30, \"rate\": 0.1, \"scope\": \"global\", \"prune_output\": \"yes\","
    " \"rewind\": \"init\", \"controls\": \"imp\"}}",
    /* xgettext:no-c-format */
    N_("after 30 rounds of removing 10 % of the remaining weights, 0.9³⁰ ≈ 4.2 % are left, and "
    "that small network still does the work of the big one (the talk).") },
  /* Loss landscapes (Goodfellow et al. 2015, Li et al. 2018). The two widths share everything
   * else and a random filter-normalised plane, so their slices compare on one scale. */
  { "fashion-pca", "landscape",
    N_("Fashion-MNIST 784-64-10, Adam 1e-3, 10 epochs: θ₀ → θ_T and the trajectory in its PCA "
    "plane"),
    "{\"version\": 1, \"kind\": \"landscape\","
    "\"data\": {\"name\": \"fashion-mnist\"},"
    "\"model\": {\"hidden\": [64], \"activation\": \"relu\", \"init\": \"torch-default\"},"
    "\"optim\": {\"kind\": \"adam\", \"lr\": 0.001},"
    "\"train\": {\"loss\": \"ce\", \"batch\": 128, \"epochs\": 10},"
    "\"landscape\": {\"line\": \"init-final\", \"plane\": \"pca\", \"grid\": 41}}",
    N_("Goodfellow et al. (2015): the loss along the straight line from the initialisation to the "
    "trained weights usually falls monotonically. Li et al. (2018): the PCA plane of the "
    "checkpoints is the one plane in which the training path is drawn where it went.") },
  { "narrow", "landscape",
    N_("784-8-10 on 4000 Fashion-MNIST images, 100 epochs, a random filter-normalised plane: to "
    "compare with the preset wide"),
    "{\"version\": 1, \"kind\": \"landscape\","
    "\"data\": {\"name\": \"fashion-mnist\", \"n_train\": 4000},"
    "\"model\": {\"hidden\": [8], \"activation\": \"relu\", \"init\": \"torch-default\"},"
    "\"optim\": {\"kind\": \"adam\", \"lr\": 0.001},"
    "\"train\": {\"loss\": \"ce\", \"batch\": 128, \"epochs\": 100},"
    "\"landscape\": {\"line\": \"init-final\", \"plane\": \"random\", \"grid\": 41}}",
    N_("Li et al. (2018): with filter-normalised directions, slices of different networks are "
    "comparable; wider networks have flatter, more convex-looking minima.") },
  { "wide", "landscape",
    N_("784-1024-10 on 4000 Fashion-MNIST images, 100 epochs, a random filter-normalised plane: "
    "to compare with the preset narrow"),
    "{\"version\": 1, \"kind\": \"landscape\","
    "\"data\": {\"name\": \"fashion-mnist\", \"n_train\": 4000},"
    "\"model\": {\"hidden\": [1024], \"activation\": \"relu\", \"init\": \"torch-default\"},"
    "\"optim\": {\"kind\": \"adam\", \"lr\": 0.001},"
    "\"train\": {\"loss\": \"ce\", \"batch\": 128, \"epochs\": 100},"
    "\"landscape\": {\"line\": \"init-final\", \"plane\": \"random\", \"grid\": 41}}",
    N_("Li et al. (2018): with filter-normalised directions, slices of different networks are "
    "comparable; wider networks have flatter, more convex-looking minima.") },
  /* Memorise or find the rule. The papers train transformers; Gromov 2023 shows the same in a
   * two-layer MLP on one-hot (a, b), which is what Occam trains. */
  { "grokking-mlp", "grok",
    N_("Grokking, MLP form: modadd p = 97, half of the pairs, 256 ReLU units, AdamW lr 1e-3, "
    "β₂ 0.98, weight decay 1, full batch, 20,000 steps"),
    "{\"version\": 1, \"kind\": \"grok\"," GROK_BASE
    "\"train\": {\"loss\": \"ce\", \"batch\": \"full\", \"iterations\": 20000,"
    " \"eval_schedule\": \"log:200\"},"
    "\"grok\": {\"fourier_top_k\": 5}}",
    GROK_ANCHOR },
  { "grokking-fractions", "grok",
    N_("Grokking over train fractions 0.3…0.8, with weight decay 0 and 1 (MLP form, as "
    "grokking-mlp)"),
    "{\"version\": 1, \"kind\": \"grok\"," GROK_BASE
    "\"train\": {\"loss\": \"ce\", \"batch\": \"full\", \"iterations\": 20000,"
    " \"eval_schedule\": \"log:200\"},"
    "\"grok\": {\"train_fractions\": \"0.3,0.4,0.5,0.6,0.7,0.8\", \"weight_decays\": \"0,1\","
    " \"fourier_top_k\": 5}}",
    GROK_ANCHOR,
    N_("Fewer training pairs → a longer delay (Power et al.); without weight decay the held-out "
       "accuracy stays far lower for as long.") },
};

char *
oc_spec_preset_title (const OcSpecPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  return g_strdup (_(preset->title));
}

char *
oc_spec_preset_anchor (const OcSpecPreset *preset)
{
  g_return_val_if_fail (preset != NULL, NULL);

  if (preset->anchor == NULL)
    return NULL;
  if (preset->anchor_more == NULL)
    return g_strdup (_(preset->anchor));
  return g_strconcat (_(preset->anchor), " ", _(preset->anchor_more), NULL);
}

const OcSpecPreset **
oc_spec_presets (const char *kind)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (kind == NULL || strcmp (kind, presets[i].kind) == 0)
      g_ptr_array_add (out, (gpointer) &presets[i]);
  g_ptr_array_add (out, NULL);
  return (const OcSpecPreset **) g_ptr_array_free (out, FALSE);
}

const OcSpecPreset *
oc_spec_find_preset (const char *kind, const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if ((kind == NULL || strcmp (kind, presets[i].kind) == 0) && g_strcmp0 (name, presets[i].name) == 0)
      return &presets[i];
  return NULL;
}

OcSpec *
oc_spec_new_from_preset (const char *kind, const char *name, GError **error)
{
  g_autofree const OcSpecPreset **list = oc_spec_presets (kind);
  g_autoptr (GString) valid = g_string_new (NULL);

  for (guint i = 0; list[i] != NULL; i++)
    {
      if (strcmp (list[i]->name, name) == 0)
        return oc_spec_new_from_json (list[i]->json, -1, NULL, error);
      g_string_append_printf (valid, "%s%s", i > 0 ? ", " : "", list[i]->name);
    }
  g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("--preset: unknown preset \"%s\"; valid presets "
               "are %s"), name, valid->len > 0 ? valid->str : "(none)");
  return NULL;
}
