/*
 * How a run of arxiv-summarize is set up: the command line's options
 * over the config's ai_summary keys over the defaults, the prompt file,
 * the key from the environment, and the cache directory.
 *
 * The API is used when ai_summary.enabled is true or --api-base is given,
 * unless --extractive; it needs the key in the variable api_key_env names
 * (DASHSCOPE_API_KEY by default, as in the bot) except for --dry-run.
 * Without the key: extractive summaries and one warning (none when the
 * API was not asked for).
 *
 * Ownership: the plan owns the prompt text and the cache directory the
 * sumrun_opts point to; they live until summarize_plan_clear().  The
 * key stays in the environment (borrowed from getenv()).
 */
#ifndef SUMPLAN_H
#define SUMPLAN_H

#include <stddef.h>

#include "buf.h"
#include "summarize.h"
#include "sumrun.h"

#define SUMPLAN_KEY_ENV	"DASHSCOPE_API_KEY"

struct sumplan_cli {
	const char	*config_path;	/* NULL: no config */
	int		 extractive;	/* --extractive */
	int		 no_cache;	/* --no-cache */
	const char	*input;		/* --input, or NULL */
};

struct sumplan {
	char		*prompt;
	struct buf	 cache_dir;
	char		 warning[256];	/* "" or one line to print */
};

/*
 * Fill the unset fields of *o (NULL, 0, or -1 for limit, temperature,
 * retries) from api and the defaults, and decide the mode.  -1 with err
 * on a prompt file that cannot be read or a bad --input.
 */
int	sumplan_make(const struct sumplan_cli *, const struct summarize_api *,
	    struct sumrun_opts *o, struct sumplan *, char *err, size_t errlen);
void	sumplan_clear(struct sumplan *);

#endif
