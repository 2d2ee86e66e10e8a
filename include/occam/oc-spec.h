/* oc-spec.h — experiment specs: versioned JSON documents with a canonical form and a content hash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A spec says everything that determines an experiment's results. It is a JSON object
 *
 *   { "version": 1, "kind": "train", "data": {…}, "model": {…}, "optim": {…}, "train": {…},
 *     "run": {…} }
 *
 * whose sections and keys come from the kind's field table (OcSpecField below). Every key is
 * optional on input; missing keys take the engine's defaults (oc_data_options_init,
 * oc_train_config_init, plus the kind's dependent defaults such as lr = 0.01 for SGD). Unknown
 * keys, wrong types, out-of-range values, a missing or unknown version or kind and malformed JSON
 * are OC_ERROR_SPEC errors whose message starts with the JSON path of the problem:
 * "$.optim.lr: must be > 0, got -1".
 *
 * Canonical form: every field of the kind, defaults filled, sections and keys in table order,
 * no whitespace, integers in decimal, doubles in the shortest form that reads back to the same
 * double ("0.001", "1e-08", "0.5"), strings with JSON escapes for '"', '\\' and control characters
 * only, null for unset paths. Fields marked not hashed (the "run" section: threads) describe how a
 * result is computed, not what it is, and are left out of the hashed form.
 *
 * Experiment ID: the SHA-256 of the hashed canonical form, as lowercase hex; the ID shown and
 * stored is its first 16 hex digits (64 bits).
 *
 * Adding a kind (sweep, rff, prune): write a values struct that starts with the fields it shares
 * (e.g. `struct { OcTrainSpec base; OcSweepAxes axes; }`), a field table whose entries give each
 * key's section, name, type, range and byte offset into that struct (the train table can be
 * reused for the shared part), a `finish` hook for dependent defaults and cross-field checks, and
 * a `describe` hook; then add one row to the kind registry in oc-spec.c. Parsing, canonical
 * output, hashing, validation messages, the CLI flags and the text forms show and set
 * (oc_spec_get_field_text, oc_spec_set_field) all follow from the table.
 */
#pragma once

#include <glib.h>
#include "oc-dataset.h"
#include "oc-train.h"

G_BEGIN_DECLS

#define OC_SPEC_VERSION 1
/* Hex digits of the SHA-256 that make an experiment ID. */
#define OC_SPEC_ID_LEN  16

typedef enum
{
  OC_SPEC_STRING,  /* const char * (owned by the spec); a path when OC_SPEC_FIELD_PATH is set */
  OC_SPEC_CHOICE,  /* an int-sized enum stored as its index into `choices` */
  OC_SPEC_UINT,    /* guint */
  OC_SPEC_UINT64,  /* guint64 */
  OC_SPEC_INT64,   /* gint64; with OC_SPEC_FIELD_NULLABLE, null is stored as −1 */
  OC_SPEC_DOUBLE,  /* double */
  OC_SPEC_BOOL,    /* gboolean */
  OC_SPEC_WIDTHS,  /* a list of guint: `const guint *` at offset, guint count at count_offset */
} OcSpecType;

typedef enum
{
  OC_SPEC_FIELD_NONE      = 0,
  OC_SPEC_FIELD_NULLABLE  = 1 << 0, /* null is a valid value (a default path, "all examples") */
  OC_SPEC_FIELD_PATH      = 1 << 1, /* a file or folder; made absolute when read */
  OC_SPEC_FIELD_NOT_HASHED = 1 << 2, /* does not change results: left out of the ID */
  OC_SPEC_FIELD_MIN_OPEN  = 1 << 3, /* min is exclusive */
  OC_SPEC_FIELD_MAX_OPEN  = 1 << 4, /* max is exclusive */
  OC_SPEC_FIELD_FULL      = 1 << 5, /* OC_SPEC_UINT: the word "full" stands for 0, which means
                                     * "all of them" (a batch of the whole training set) */
} OcSpecFieldFlags;

typedef struct
{
  const char        *section;      /* "data", "model", "optim", "train" or "run" */
  const char        *name;         /* key within the section */
  OcSpecType         type;
  OcSpecFieldFlags   flags;
  double             min, max;     /* range of numbers (and of each width) */
  const char *const *choices;      /* OC_SPEC_CHOICE: names, NULL-terminated, index = enum value */
  const char *const *aliases;      /* OC_SPEC_CHOICE: other accepted spellings as pairs (alias,
                                    * name), NULL-terminated; the canonical form uses the name */
  gsize              offset;       /* byte offset of the value in the kind's values struct */
  gsize              count_offset; /* OC_SPEC_WIDTHS: offset of the guint count */
  const char        *flag;         /* CLI flag without "--", or NULL when there is none */
  const char        *group;        /* CLI option group: "data" or "training" */
  const char        *help;         /* one line for --help, with the default in parentheses */
  const char        *arg;          /* placeholder for --help, e.g. "LR" */
} OcSpecField;

/* The values of a `train` spec. Strings and the hidden widths are owned by the spec. */
typedef struct
{
  OcDataOptions data;
  OcTrainConfig train;
} OcTrainSpec;

/* The values of a `sweep` spec: a base train spec and its axes. Axes are canonical lists ("1,2,4")
 * or NULL when the base value is kept. */
typedef struct
{
  OcTrainSpec base;
  const char *widths;              /* hidden widths (every hidden layer) */
  const char *n_trains;            /* training examples */
  const char *label_noises;        /* label-noise fractions */
  const char *seeds;               /* model seeds (replicates) */
  guint       record_every_epochs; /* evaluate every K epochs; 0: only at the start and the end */
  guint       workers;             /* points trained at once; 0 = automatic (not hashed) */
} OcSweepSpec;

/* The values of a `prune` spec: lottery tickets (oc-lottery.h) on a base train spec. Lists are
 * canonical ("imp,reinit,random" in OcControl order with imp first; seeds "0,1,2"). */
typedef struct
{
  OcTrainSpec base;
  guint       levels;        /* pruning levels after the dense level 0 (1 with one-shot) */
  double      rate;          /* of the remaining weights per level: hidden layers (or all) */
  double      output_rate;   /* the output layer, layer scope only */
  int         scope;         /* OcPruneScope: layer or global */
  gboolean    prune_output;  /* stored as the choice "no" (0) / "yes" (1) */
  const char *rewind;        /* "init", "iter:K" or "none" */
  double      one_shot;      /* > 0: prune straight to this density in one level */
  const char *controls;      /* "imp,reinit,random,snip,synflow,random-init" subset */
  int         method;        /* magnitude, snip, synflow or random; not hashed (folded into
                              * controls) */
  const char *seeds;         /* model seeds, one replicate each */
  guint       snip_examples; /* minibatch of SNIP's scores */
  guint       workers;       /* trainings at once; 0 = automatic (not hashed) */
  const char *densities;     /* percent kept, canonical and descending ("50,30,10,5"), or NULL
                              * for IMP's levels */
  int         popup_init;    /* OcInit of edge-popup's frozen weights */
  int         popup_scale;   /* 0 fixed, 1 density: weights × 1/√k */
} OcPruneSpec;

/* The values of an `instability` spec: linear mode connectivity (oc-instability.h) on a base
 * train spec. Lists are canonical ("0,100,500,2000"). */
typedef struct
{
  OcTrainSpec base;
  const char *rewind_iterations; /* the iterations k the children branch off at */
  guint       alphas;            /* points on the path between the children, ends included */
  const char *seeds;             /* model seeds, one replicate each (default: the training seed) */
  const char *from_experiment;   /* a prune experiment's 16-digit ID, or NULL: the dense network */
  gint64      level;             /* its IMP level, or −1 (null) without an experiment */
} OcInstabilitySpec;

/* The values of an `rff` spec: random-features regression on a dataset. */
typedef struct
{
  OcDataOptions data;
  const char   *features;     /* feature counts N, canonical list */
  guint         feature_kind; /* OcFeatureKind */
  double        sigma;
  double        ridge;
  const char   *seeds;        /* feature seeds, canonical list */
  guint         threads;      /* BLAS threads (not hashed) */
} OcRffSpec;

/* The values of a `linear` spec: minimum-norm least squares on isotropic Gaussian features, the
 * setting of Hastie et al. (2019) whose test risk has a closed form. */
typedef struct
{
  guint       n;       /* training examples */
  const char *ps;      /* numbers of features p, canonical list */
  double      snr;     /* ‖β‖ = r */
  double      sigma;   /* noise standard deviation */
  const char *seeds;   /* canonical list */
  guint       threads; /* BLAS threads (not hashed) */
} OcLinearSpec;

/* The values of a `landscape` spec: the training of one network (or, with from_experiment, a
 * stored one's settings) and where to look at its loss (oc-landscape-spec.h). */
typedef struct
{
  OcTrainSpec base;
  const char *from_experiment; /* the stored train or landscape experiment whose trained network
                                * is used, or NULL to train it here (not hashed: its settings are
                                * the base's, see oc_landscape_spec_resolve) */
  const char *line;            /* "init-final", "seeds:A,B", "experiments:ID,ID" or "none" */
  double      alpha_min;       /* the line's α from alpha_min ≤ 0 … */
  double      alpha_max;       /* … to alpha_max ≥ 1 */
  guint       line_points;     /* α values, plus 0 and 1 when not among them */
  int         plane;           /* OcLandscapePlane */
  guint       grid;            /* points per side of the plane, odd */
  double      span;            /* random: half-width in direction units; pca: in units of the
                                * trajectory's extent along each direction */
  guint64     direction_seed;  /* random directions */
  guint       checkpoints;     /* pca: snapshots of θ along the training */
  guint       eval_examples;   /* examples evaluated per split */
} OcLandscapeSpec;
/* The values of a `grok` spec: full-batch runs on addition or modadd over train fractions ×
 * weight decays × seeds (oc-grok.h). Axes are canonical lists, or NULL to keep the base value. */
typedef struct
{
  OcTrainSpec base;
  const char *train_fractions; /* fractions of all pairs that train */
  const char *weight_decays;   /* AdamW's decoupled weight decay */
  const char *seeds;           /* model seeds (replicates) */
  guint       fourier_top_k;   /* frequencies in the Fourier share (5) */
  const char *eval_schedule;   /* "log:N": N evaluations spaced logarithmically in steps */
} OcGrokSpec;

typedef struct _OcSpec OcSpec;

/* Named presets: published protocols as specs, e.g. "nakkiran-mlp". */
typedef struct
{
  const char *name;
  const char *kind;
  const char *title;   /* where it comes from, for menus: "Nakkiran et al. 2019, MLP on …" */
  const char *json;    /* the spec, with only the keys that differ from the defaults */
  const char *anchor;  /* the published numbers to compare against, one paragraph */
  const char *anchor_more; /* a sentence of this preset's own after a shared anchor, or NULL */
} OcSpecPreset;

/* The title and the anchor (with anchor_more) as people read them: translated (po/). The anchor
 * is NULL for a preset without one. Free with g_free(). */
char       *oc_spec_preset_title  (const OcSpecPreset *preset);
char       *oc_spec_preset_anchor (const OcSpecPreset *preset);

/* Presets of @kind (NULL: all), NULL-terminated array of pointers to static presets. Free the
 * array (not its elements) with g_free(). */
const OcSpecPreset **oc_spec_presets (const char *kind);
/* The preset called @name, or NULL. */
const OcSpecPreset *oc_spec_find_preset (const char *kind, const char *name);
/* The preset's spec, finished; OC_ERROR_SPEC listing the valid names for an unknown one. */
OcSpec     *oc_spec_new_from_preset (const char *kind, const char *name, GError **error);

/* Names of the registered kinds, NULL-terminated, static. */
const char *const *oc_spec_kinds (void);
/* The field table of @kind in canonical order, or NULL for an unknown kind. Static. */
const OcSpecField *oc_spec_kind_fields (const char *kind, guint *n_fields);

/* A spec of @kind with every default filled in (as oc_spec_finish leaves it). */
OcSpec     *oc_spec_new           (const char *kind, GError **error);
OcSpec     *oc_spec_dup           (const OcSpec *spec);
void        oc_spec_free          (OcSpec *spec);

/* Parses, validates and fills defaults. Relative paths are resolved against @base_dir (NULL: the
 * current folder). Errors are OC_ERROR_SPEC with the JSON path first. */
OcSpec     *oc_spec_new_from_json (const char *json, gssize length, const char *base_dir,
                                   GError **error);
/* Same for a file; relative paths in it are relative to the file's folder. Messages start with
 * the file name. */
OcSpec     *oc_spec_new_from_file (const char *path, GError **error);

/* Sets one field from command-line text ("1e-3", "300,100", "relu"); errors name "--flag". The
 * field counts as given explicitly, so dependent defaults no longer replace it. Call
 * oc_spec_finish() after the last one. */
gboolean    oc_spec_set_from_string (OcSpec *spec, const OcSpecField *field, const char *text,
                                     GError **error);
/* Fills dependent defaults of fields not given (lr from the optimiser, a prune spec's seeds from
 * the training seed), puts axes and lists in canonical form and checks the rules between fields;
 * errors name CLI flags (`--epochs`) when @for_cli and JSON paths otherwise. The constructors
 * return finished specs; after changing fields one at a time (oc_spec_set_from_string,
 * oc_spec_set_field, oc_spec_reset_field, oc_spec_set_data_options) call it once, after the last
 * change and before reading values, JSON or the ID, which are stale until then. Finishing a
 * finished spec changes nothing. */
gboolean    oc_spec_finish        (OcSpec *spec, gboolean for_cli, GError **error);

/* Forms: fields by section and name, as the text a person types. A front end keeps a table of
 * its rows' fields (section, name) and needs no JSON of its own. */

/* The field @section.@name of @kind, or NULL when the kind or the field does not exist. Static. */
const OcSpecField *oc_spec_find_field (const char *kind, const char *section, const char *name);
/* Sets @section.@name, a field of @spec's kind (anything else is a programmer error), from @text
 * as a form holds it: "0.001", "300,100" ("" or "none": no hidden layer), a choice's name or alias,
 * "true"; "" sets a nullable field to null. Validated as by oc_spec_set_from_string() and given,
 * so dependent defaults no longer replace it. Errors are OC_ERROR_SPEC and start with the JSON
 * path: "$.optim.lr: must be > 0, got -1". */
gboolean    oc_spec_set_field     (OcSpec *spec, const char *section, const char *name,
                                   const char *text, GError **error);
/* Puts @section.@name back to "not given": the kind's default value (null for the nullable
 * fields), which oc_spec_finish() may replace with a dependent default. For blank entries that
 * mean "keep the base value", such as a sweep's axes. */
void        oc_spec_reset_field   (OcSpec *spec, const char *section, const char *name);
/* The value of @section.@name as a person would type it back into a form, such that
 * oc_spec_set_field() gives the same canonical form: "300,100", "0.001" (the shortest number that
 * reads back the same), "adam", "true", and "" for null. Free with g_free(). */
char       *oc_spec_get_field_text (const OcSpec *spec, const char *section, const char *name);
/* Sets every data field of @spec, whose kind has data options, from @data, validated as by
 * oc_spec_set_field(): the data a front end has loaded becomes the spec's, as given. */
gboolean    oc_spec_set_data_options (OcSpec *spec, const OcDataOptions *data, GError **error);
/* A finished spec of @kind whose fields shared with @base's kind (same section and name) take
 * @base's values and given state, and the others @kind's defaults: a sweep or prune spec over a
 * train spec, or a preset of one kind as the base of another. OC_ERROR_SPEC for an unknown kind
 * or values that break a rule of @kind. */
OcSpec     *oc_spec_new_from_base (const char *kind, const OcSpec *base, GError **error);
/* The field of @spec's kind that @error is about, from the JSON path its message starts with (as
 * oc_spec_set_field() and oc_spec_finish() without @for_cli write them), or NULL when it names
 * none. *@detail (may be NULL) points into the message after the path ("must be > 0, got -1"), or
 * at the whole message when it names no field. */
const OcSpecField *oc_spec_error_field (const OcSpec *spec, const GError *error,
                                        const char **detail);

const char *oc_spec_get_kind      (const OcSpec *spec);
/* The kind's values struct (an OcTrainSpec for "train"); owned by the spec. */
gconstpointer oc_spec_get_values  (const OcSpec *spec);
/* Shortcuts for kinds whose values start with an OcTrainSpec; NULL otherwise. */
const OcDataOptions *oc_spec_get_data_options (const OcSpec *spec);
const OcTrainConfig *oc_spec_get_train_config (const OcSpec *spec);
/* Overrides a not-hashed setting (BLAS threads) without changing the ID. */
void        oc_spec_set_threads   (OcSpec *spec, guint threads);

typedef enum
{
  OC_SPEC_JSON_DEFAULT     = 0,
  OC_SPEC_JSON_PRETTY      = 1 << 0, /* two-space indentation and a final newline */
  OC_SPEC_JSON_HASHED_ONLY = 1 << 1, /* leave out fields that do not change results */
} OcSpecJsonFlags;

/* The canonical JSON text. Free with g_free(). */
char       *oc_spec_to_json       (const OcSpec *spec, OcSpecJsonFlags flags);
/* SHA-256 of the compact hashed canonical form, 64 lowercase hex digits. Free with g_free(). */
char       *oc_spec_hash          (const OcSpec *spec);
/* The first OC_SPEC_ID_LEN digits of the hash. Free with g_free(). */
char       *oc_spec_id            (const OcSpec *spec);
/* The short description of the key settings for listings: "hidden 256 · adam lr 0.001 · batch
 * 128 · 10 epochs · seed 0". Free with g_free(). */
char       *oc_spec_describe      (const OcSpec *spec);

/* The canonical JSON text of one field's value ("0.001", "[300,100]", "null"). Free with
 * g_free(). */
char       *oc_spec_format_field  (const OcSpec *spec, const OcSpecField *field);
/* Writes @value in the canonical number form used by specs (shortest round-trip). */
void        oc_spec_append_double (GString *out, double value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcSpec, oc_spec_free)

G_END_DECLS
