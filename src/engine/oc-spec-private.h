/* oc-spec-private.h — what a spec kind provides to the generic spec machinery in oc-spec.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* N_() marks the flags' --help texts for translation (po/). */
#include "oc-config.h"
#include <glib/gi18n-lib.h>

#include <math.h>
#include <stddef.h>

#include "occam/oc-spec.h"
#include "oc-experiment-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *name;          /* "train" */
  const OcSpecField *fields;        /* in canonical order; sections appear in first-use order */
  guint              n_fields;
  gsize              values_size;   /* sizeof the kind's values struct */
  gboolean           has_train;     /* the values struct starts with an OcTrainSpec */
  gboolean           has_data;      /* the values struct starts with an OcDataOptions (implied by
                                     * has_train) */
  /* Fills @values with the defaults. Strings and arrays may point at static data; the caller
   * duplicates them afterwards. */
  void     (*init)     (gpointer values);
  /* Dependent defaults for fields not given, then the rules between fields. Errors go through
   * oc_spec_field_error(). */
  gboolean (*finish)   (OcSpec *spec, gboolean for_cli, GError **error);
  char    *(*describe) (const OcSpec *spec);
  /* How an experiment of this kind runs (oc-experiment-private.h). */
  const OcRunKind *runner;
} OcSpecKindInfo;

struct _OcSpec
{
  const OcSpecKindInfo *kind;
  gpointer              values;     /* kind->values_size bytes */
  gboolean             *given;      /* [n_fields]: set explicitly (JSON key present or flag) */
};

extern const OcSpecKindInfo oc_spec_kind_train;
extern const OcSpecKindInfo oc_spec_kind_sweep;
extern const OcSpecKindInfo oc_spec_kind_rff;
extern const OcSpecKindInfo oc_spec_kind_prune;
extern const OcSpecKindInfo oc_spec_kind_linear;
extern const OcSpecKindInfo oc_spec_kind_landscape;
extern const OcSpecKindInfo oc_spec_kind_instability;
extern const OcSpecKindInfo oc_spec_kind_grok;

/* Canonicalises an axis field in place ("log:1:4:3" → "1,2,4"); errors name the field. */
gboolean oc_spec_canonical_uint_axis   (OcSpec *spec, const char *section, const char *name,
                                        guint64 min, guint64 max, gboolean for_cli,
                                        GError **error);
gboolean oc_spec_canonical_double_axis (OcSpec *spec, const char *section, const char *name,
                                        double min, double max, gboolean for_cli, GError **error);

/* Shared by every kind with data fields: the dataset's canonical name and label column. */
gboolean oc_spec_data_finish    (OcSpec *spec, gboolean for_cli, GError **error);

/* Shared by kinds built on `train`: fill the defaults, apply train's dependent defaults and
 * rules, describe the training part. */
void     oc_spec_train_init     (gpointer values);
gboolean oc_spec_train_finish   (OcSpec *spec, gboolean for_cli, GError **error);
char    *oc_spec_train_describe (const OcSpec *spec);

/* What a kind that varies some training settings leaves out of the training part's description,
 * so that it does not show the base value of a setting it sweeps. */
typedef enum
{
  OC_SPEC_DESCRIBE_NO_HIDDEN = 1 << 0,
  OC_SPEC_DESCRIBE_NO_N_TRAIN = 1 << 1,
  OC_SPEC_DESCRIBE_NO_NOISE = 1 << 2,
  OC_SPEC_DESCRIBE_NO_SEED = 1 << 3,
} OcSpecDescribeFlags;

/* "hidden 16 · n 4000 · sgd lr 0.1 · batch 128 · 40 epochs · seed 0", less what @leave_out says;
 * an empty string when everything is left out. */
char    *oc_spec_train_describe_except (const OcSpec *spec, OcSpecDescribeFlags leave_out);

/* The data and training fields shared by every kind whose values struct starts with an
 * OcTrainSpec (OC_SPEC_DATA_FIELDS alone for kinds that start with an OcDataOptions): offsets are
 * relative to the start of the values struct. */
#define OC_SPEC_D(member) offsetof (OcTrainSpec, data.member)
#define OC_SPEC_T(member) offsetof (OcTrainSpec, train.member)
#define OC_SPEC_INF INFINITY
/* Seeds and step counts are JSON integers, which json-glib reads as gint64. */
#define OC_SPEC_MAX_I64 9223372036854775807.0

/* A field added after experiments were already stored: left out of the hashed form while it holds
 * its default (the kind's init), so that every spec that does not use it keeps its experiment ID;
 * any other value is hashed like every field. */
#define OC_SPEC_FIELD_DEFAULT_NOT_HASHED ((OcSpecFieldFlags) (1 << 8))

extern const char *const oc_spec_subset_names[];
extern const char *const oc_spec_activation_names[];
extern const char *const oc_spec_init_names[];
extern const char *const oc_spec_init_aliases[];
extern const char *const oc_spec_loss_names[];
extern const char *const oc_spec_optim_names[];
extern const char *const oc_spec_schedule_names[];

#define OC_SPEC_DATA_FIELDS \
 \
  /* section, name, type, flags, min, max, choices, aliases, offset, count_offset, \
   * flag, group, help, arg */ \
  { "data", "name", OC_SPEC_STRING, 0, -OC_SPEC_INF, OC_SPEC_INF, NULL, NULL, OC_SPEC_D (name), 0, \
    "dataset", "data", N_("fashion-mnist (default), mnist (an IDX folder), csv, addition, " \
    "modadd, " \
    "spiral, moons, circles, xor, blobs"), "NAME" }, \
  { "data", "data_dir", OC_SPEC_STRING, (OC_SPEC_FIELD_PATH | OC_SPEC_FIELD_NULLABLE), -OC_SPEC_INF, OC_SPEC_INF, NULL, NULL, OC_SPEC_D (data_dir), 0, \
    "data-dir", "data", N_("Folder of MNIST-format IDX files (gzipped or not)"), "DIR" }, \
  { "data", "data_file", OC_SPEC_STRING, (OC_SPEC_FIELD_PATH | OC_SPEC_FIELD_NULLABLE), -OC_SPEC_INF, OC_SPEC_INF, NULL, NULL, OC_SPEC_D (data_file), 0, \
    "data-file", "data", N_("CSV file: label, then features (for --dataset csv)"), "FILE" }, \
  { "data", "test_file", OC_SPEC_STRING, (OC_SPEC_FIELD_PATH | OC_SPEC_FIELD_NULLABLE), -OC_SPEC_INF, OC_SPEC_INF, NULL, NULL, OC_SPEC_D (test_file), 0, \
    "test-file", "data", N_("CSV file with the test data (default: hold out --test-fraction)"), \
    "FILE" }, \
  { "data", "label_column", OC_SPEC_STRING, \
    (OC_SPEC_FIELD_NULLABLE | OC_SPEC_FIELD_DEFAULT_NOT_HASHED), -OC_SPEC_INF, OC_SPEC_INF, NULL, \
    NULL, OC_SPEC_D (label_column), 0, "label-column", "data", \
    N_("CSV: the label's column: first (default), last, a 0-based index or a header name"), \
    "COLUMN" }, \
  { "data", "classes", OC_SPEC_INT64, (OC_SPEC_FIELD_NULLABLE | OC_SPEC_FIELD_DEFAULT_NOT_HASHED), \
    2, 1000, NULL, NULL, OC_SPEC_D (classes), 0, "classes", "data", \
    N_("Number of classes; labels must be below it (default: the largest label + 1)"), "K" }, \
  { "data", "n_train", OC_SPEC_INT64, OC_SPEC_FIELD_NULLABLE, 1, 1e12, NULL, NULL, OC_SPEC_D (n_train), 0, \
    "n-train", "data", N_("Training examples to use (default: all)"), "N" }, \
  { "data", "subset", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, oc_spec_subset_names, NULL, OC_SPEC_D (subset), 0, \
    "subset", "data", N_("Which training examples: first (default) or random"), "MODE" }, \
  { "data", "label_noise", OC_SPEC_DOUBLE, 0, 0, 1, NULL, NULL, OC_SPEC_D (label_noise), 0, \
    "label-noise", "data", \
    N_("Fraction of training labels replaced by a random different label (0)"), "P" }, \
  { "data", "val_size", OC_SPEC_UINT, 0, 0, G_MAXINT32, NULL, NULL, OC_SPEC_D (val_size), 0, \
    "val-size", "data", \
    N_("Examples held out of the training data for validation and early stopping (0)"), "N" }, \
  { "data", "seed", OC_SPEC_UINT64, 0, 0, OC_SPEC_MAX_I64, NULL, NULL, OC_SPEC_D (seed), 0, \
    "data-seed", "data", N_("Seed for subsets, label noise, generators and splits (0)"), "SEED" }, \
  { "data", "digits", OC_SPEC_UINT, 0, 1, 4, NULL, NULL, OC_SPEC_D (digits), 0, \
    "digits", "data", N_("addition: digits per number (2)"), "K" }, \
  { "data", "modulus", OC_SPEC_UINT, 0, 2, 1000, NULL, NULL, OC_SPEC_D (modulus), 0, \
    "modulus", "data", N_("modadd: the modulus p (97)"), "P" }, \
  { "data", "train_fraction", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MIN_OPEN | OC_SPEC_FIELD_MAX_OPEN, 0, 1, NULL, NULL, \
    OC_SPEC_D (train_fraction), 0, "train-fraction", "data", \
    N_("addition, modadd: fraction of all pairs used for training (0.5)"), "F" }, \
  { "data", "noise", OC_SPEC_DOUBLE, 0, 0, OC_SPEC_INF, NULL, NULL, OC_SPEC_D (noise), 0, \
    "noise", "data", N_("2-D toys: noise level (0.1)"), "SD" }, \
  { "data", "n_points", OC_SPEC_UINT, 0, 10, 10000000, NULL, NULL, OC_SPEC_D (n_points), 0, \
    "n-points", "data", N_("2-D toys: number of points (1000)"), "N" }, \
  { "data", "test_fraction", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MIN_OPEN | OC_SPEC_FIELD_MAX_OPEN, 0, 1, NULL, NULL, \
    OC_SPEC_D (test_fraction), 0, "test-fraction", "data", \
    N_("2-D toys and CSV without --test-file: fraction held out for testing (0.2)"), "F" }, \

#define OC_SPEC_MODEL_TRAIN_FIELDS \
  { "model", "hidden", OC_SPEC_WIDTHS, 0, 1, 1 << 20, NULL, NULL, OC_SPEC_T (hidden), OC_SPEC_T (n_hidden), \
    "hidden", "training", \
    N_("Hidden layer widths, comma-separated, e.g. 300,100 (256); 'none' for a linear model"), \
    "W,W…" }, \
  { "model", "activation", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, oc_spec_activation_names, NULL, OC_SPEC_T (activation), \
    0, "activation", "training", N_("relu (default) or tanh"), "NAME" }, \
  { "model", "init", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, oc_spec_init_names, oc_spec_init_aliases, OC_SPEC_T (init), 0, \
    "init", "training", \
    N_("torch-default (default), kaiming-normal, kaiming-uniform, glorot-normal, glorot-uniform, " \
    "signed-constant (±√(2/fan_in))"), \
    "NAME" }, \
 \
  { "optim", "kind", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, oc_spec_optim_names, NULL, OC_SPEC_T (optim.kind), 0, \
    "optimizer", "training", N_("sgd, momentum, adam (default) or adamw"), "NAME" }, \
  { "optim", "lr", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MIN_OPEN, 0, OC_SPEC_INF, NULL, NULL, OC_SPEC_T (optim.lr), 0, \
    "lr", "training", N_("Learning rate (0.001 for adam and adamw, 0.01 for sgd and momentum)"), \
    "LR" }, \
  { "optim", "momentum", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MAX_OPEN, 0, 1, NULL, NULL, OC_SPEC_T (optim.momentum), 0, \
    "momentum", "training", N_("Momentum μ (0.9)"), "MU" }, \
  { "optim", "nesterov", OC_SPEC_BOOL, 0, -OC_SPEC_INF, OC_SPEC_INF, NULL, NULL, OC_SPEC_T (optim.nesterov), 0, \
    "nesterov", "training", N_("Nesterov momentum"), NULL }, \
  { "optim", "beta1", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MAX_OPEN, 0, 1, NULL, NULL, OC_SPEC_T (optim.beta1), 0, \
    "beta1", "training", N_("Adam β₁ (0.9)"), "B" }, \
  { "optim", "beta2", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MAX_OPEN, 0, 1, NULL, NULL, OC_SPEC_T (optim.beta2), 0, \
    "beta2", "training", N_("Adam β₂ (0.999)"), "B" }, \
  { "optim", "eps", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MIN_OPEN, 0, OC_SPEC_INF, NULL, NULL, OC_SPEC_T (optim.eps), 0, \
    "eps", "training", N_("Adam ε (1e-8)"), "E" }, \
  { "optim", "weight_decay", OC_SPEC_DOUBLE, 0, 0, OC_SPEC_INF, NULL, NULL, OC_SPEC_T (optim.weight_decay), 0, \
    "weight-decay", "training", N_("Weight decay (0)"), "WD" }, \
  { "optim", "schedule", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, oc_spec_schedule_names, NULL, OC_SPEC_T (optim.schedule), \
    0, "schedule", "training", N_("constant (default), step, cosine or inverse-sqrt"), "NAME" }, \
  { "optim", "schedule_period", OC_SPEC_UINT64, 0, 1, OC_SPEC_MAX_I64, NULL, NULL, \
    OC_SPEC_T (optim.schedule_period), 0, "schedule-period", "training", \
    N_("step, inverse-sqrt: period T in iterations (512)"), "T" }, \
  { "optim", "schedule_gamma", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MIN_OPEN, 0, 1, NULL, NULL, \
    OC_SPEC_T (optim.schedule_gamma), 0, "schedule-gamma", "training", \
    N_("step: factor per period (0.1)"), \
    "G" }, \
 \
  { "train", "loss", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, oc_spec_loss_names, NULL, OC_SPEC_T (loss), 0, \
    "loss", "training", N_("ce (default) or mse"), "NAME" }, \
  { "train", "batch", OC_SPEC_UINT, OC_SPEC_FIELD_FULL, 1, 65536, NULL, NULL, OC_SPEC_T (batch), 0, \
    "batch", "training", N_("Minibatch size (128), or full: every training example in each step"), \
    "B" }, \
  { "train", "epochs", OC_SPEC_UINT, 0, 0, 10000000, NULL, NULL, OC_SPEC_T (epochs), 0, \
    "epochs", "training", N_("Passes over the training data (10)"), "N" }, \
  { "train", "iterations", OC_SPEC_UINT64, 0, 0, OC_SPEC_MAX_I64, NULL, NULL, OC_SPEC_T (iterations), 0, \
    "iterations", "training", N_("Training steps (instead of --epochs)"), "N" }, \
  { "train", "eval_every", OC_SPEC_UINT64, 0, 0, OC_SPEC_MAX_I64, NULL, NULL, OC_SPEC_T (eval_every), 0, \
    "eval-every", "training", N_("Iterations between evaluations (default: once per epoch)"), \
    "N" }, \
  { "train", "train_eval_examples", OC_SPEC_INT64, OC_SPEC_FIELD_NULLABLE, 0, 1e12, NULL, NULL, \
    OC_SPEC_T (train_eval_examples), 0, "train-eval-examples", "training", \
    N_("Training examples evaluated at each evaluation (default: all; 0 skips them)"), "N" }, \
  { "train", "seed", OC_SPEC_UINT64, 0, 0, OC_SPEC_MAX_I64, NULL, NULL, OC_SPEC_T (seed), 0, \
    "seed", "training", N_("Model seed: initialisation and minibatch order (0)"), "SEED" }, \

/* How, not what: BLAS threads change only the order of floating-point sums. */
#define OC_SPEC_THREADS_FIELD(offset) \
  { "run", "threads", OC_SPEC_UINT, OC_SPEC_FIELD_NOT_HASHED, 0, 1024, NULL, NULL, (offset), \
    0, "threads", "training", N_("BLAS threads (default: all cores)"), "N" }


/* Shared by oc-spec.c and oc-spec-fields.c. */
int          oc_spec_kind_field_index (const OcSpecKindInfo *kind, const char *section,
                                       const char *name);
/* "--flag" (@for_cli and the field has one) or "$.section.name": how messages name a field. */
char        *oc_spec_field_label      (const OcSpecField *f, gboolean for_cli);
/* A spec of @kind with the kind's defaults, before its dependent defaults are filled in. */
OcSpec      *oc_spec_new_unfinished   (const char *kind, GError **error);
/* The shortest text that reads back to @v. */
char        *oc_spec_format_double    (double v);
/* Whether @f holds null in the values struct @values. */
gboolean     oc_spec_value_is_null    (const OcSpecField *f, gconstpointer values);
/* The value of @f in @values as oc_spec_set_text() reads it back, "" for null; widths are
 * separated by @sep. */
char        *oc_spec_value_text       (const OcSpecField *f, gconstpointer values, const char *sep);
/* Stores null in a nullable field: NULL for a string, −1 for an integer. */
void         oc_spec_set_null         (OcSpec *spec, const OcSpecField *f);
/* Sets @f from command-line or form text, with messages naming the flag (@for_cli) or path. */
gboolean     oc_spec_set_text         (OcSpec *spec, const OcSpecField *f, const char *text,
                                       gboolean for_cli, GError **error);

/* Index of the field @section.@name in @spec's table, or −1. */
int      oc_spec_field_index (const OcSpec *spec, const char *section, const char *name);
/* Sets OC_ERROR_SPEC with "--flag: MESSAGE" or "$.section.name: MESSAGE". Returns FALSE. */
gboolean oc_spec_field_error (GError **error, const OcSpecField *field, gboolean for_cli,
                              const char *format, ...) G_GNUC_PRINTF (4, 5);

#define OC_SPEC_VALUE(spec, type, field) \
  (*(type *) G_STRUCT_MEMBER_P ((spec)->values, (field)->offset))

G_END_DECLS
