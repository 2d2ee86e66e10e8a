/* oc-cli-json.c — see oc-cli-json.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "occam/oc-json.h"
#include "oc-cli.h"
#include "oc-cli-json.h"

void
oc_cli_json_add_text (JsonBuilder *b, const char *name, const char *text)
{
  json_builder_set_member_name (b, name);
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

void
oc_cli_json_add_int (JsonBuilder *b, const char *name, gint64 v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, v);
}

void
oc_cli_json_add_point_result (JsonBuilder *b, const OcStorePoint *p)
{
  oc_cli_json_add_text (b, "architecture", p->architecture);
  oc_cli_json_add_int (b, "parameters", (gint64) p->parameters);
  oc_cli_json_add_int (b, "n_train", p->n_train);
  oc_cli_json_add_int (b, "n_val", p->n_val);
  oc_cli_json_add_int (b, "n_test", p->n_test);
  oc_cli_json_add_int (b, "iterations", (gint64) p->iterations);
  oc_json_add_double (b, "train_seconds", p->train_seconds);
  oc_json_add_double (b, "eval_seconds", p->eval_seconds);
  oc_json_add_double (b, "seconds_per_epoch", p->seconds_per_epoch);
  oc_json_add_double (b, "gflops", p->gflops);
  json_builder_set_member_name (b, "final");
  oc_json_add_eval (b, &p->final);
  json_builder_set_member_name (b, "early_stop");
  oc_json_add_eval (b, &p->early_stop);
}

int
oc_cli_json_print (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = oc_json_to_string (root, TRUE);

  /* Pretty text ends in a newline already. */
  fputs (text, stdout);
  return OC_EXIT_OK;
}
