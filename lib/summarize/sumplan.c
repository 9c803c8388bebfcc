#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache.h"
#include "errmsg.h"
#include "sumplan.h"

#define MAX_PROMPT	(1u << 20)

/* Read path into a new string; NULL if it cannot be read. */
static char *
slurp(const char *path)
{
	struct buf b = {0};
	char chunk[8192];
	size_t n;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL)
		return NULL;
	b.max = MAX_PROMPT;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (buf_add(&b, chunk, n) == -1)
			break;
	if (ferror(fp) || !feof(fp) || buf_add(&b, "", 0) == -1) {
		fclose(fp);
		buf_free(&b);
		return NULL;
	}
	fclose(fp);
	return buf_take(&b);
}

/*
 * The prompt file: as given (the bot runs from its own directory), else
 * beside the config file.
 */
static char *
read_prompt(const char *file, const char *config_path, char *err,
    size_t errlen)
{
	struct buf b = {0};
	const char *slash;
	char *s;

	if ((s = slurp(file)) != NULL)
		return s;
	if (file[0] != '/' && config_path &&
	    (slash = strrchr(config_path, '/')) != NULL &&
	    buf_addf(&b, "%.*s/%s", (int)(slash - config_path), config_path,
	    file) == 0)
		s = slurp(b.data);
	buf_free(&b);
	if (s == NULL)
		errmsg_set(err, errlen, "ai_summary.prompt_file: cannot read "
		    "%s", file);
	return s;
}

int
sumplan_make(const struct sumplan_cli *cli, const struct summarize_api *api,
    struct sumrun_opts *o, struct sumplan *pl, char *err, size_t errlen)
{
	const char *input;
	int wanted;

	memset(pl, 0, sizeof(*pl));
	if (o->pick.limit < 0)
		o->pick.limit = api->max_papers;
	if (o->base_url == NULL)
		o->base_url = api->base_url;
	if (o->model == NULL)
		o->model = api->model;
	if (o->key_env == NULL)
		o->key_env = api->key_env ? api->key_env : SUMPLAN_KEY_ENV;
	if (o->language == NULL)
		o->language = api->language;
	if (o->jobs == 0 && api->max_workers > 0)
		o->jobs = (size_t)api->max_workers;
	if (o->temperature < 0)
		o->temperature = api->temperature >= 0 ? api->temperature :
		    SUMRUN_TEMPERATURE;
	if (o->max_tokens == 0)
		o->max_tokens = api->max_tokens;
	if (o->max_input_tokens == 0 && api->max_input_tokens > 0)
		o->max_input_tokens = (size_t)api->max_input_tokens;
	if (o->timeout <= 0)
		o->timeout = api->timeout;
	if (o->retries < 0)
		o->retries = (int)api->retries;
	if (o->headers == NULL)
		o->headers = api->extra_headers;
	input = cli->input ? cli->input : api->input ? api->input :
	    "fulltext";
	if (strcmp(input, "fulltext") != 0 && strcmp(input, "abstract") != 0) {
		errmsg_set(err, errlen, "--input: expected fulltext or "
		    "abstract, not %s", input);
		return -1;
	}
	o->fulltext = strcmp(input, "fulltext") == 0;

	wanted = (api->enabled || o->base_url != NULL) && !cli->extractive;
	o->api_key = getenv(o->key_env);
	if (o->api_key && *o->api_key == '\0')
		o->api_key = NULL;
	o->api = wanted && (o->api_key != NULL || o->dry_run);
	if (wanted && !o->api)
		snprintf(pl->warning, sizeof(pl->warning), "ai_summary: %s "
		    "is not set; writing extractive summaries", o->key_env);
	if (!o->api) {
		o->dry_run = 0;
		return 0;
	}
	if (o->base_url == NULL || o->model == NULL) {
		errmsg_set(err, errlen, "the API needs %s (ai_summary.%s)",
		    o->base_url ? "--model" : "--api-base",
		    o->base_url ? "model" : "base_url");
		return -1;
	}
	if (api->prompt_file && (pl->prompt = read_prompt(api->prompt_file,
	    cli->config_path, err, errlen)) == NULL)
		return -1;
	o->prompt = pl->prompt;
	/* Beside fetch's cache, by the same rule. */
	if (o->cache_dir == NULL && !cli->no_cache) {
		if (cache_default_dir(&pl->cache_dir) == -1) {
			errmsg_set(err, errlen, "out of memory");
			return -1;
		}
		o->cache_dir = pl->cache_dir;
	}
	if (cli->no_cache)
		o->cache_dir = NULL;
	return 0;
}

void
sumplan_clear(struct sumplan *pl)
{
	free(pl->prompt);
	free(pl->cache_dir);
	pl->prompt = NULL;
	pl->cache_dir = NULL;
}
