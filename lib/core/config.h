/*
 * config.json: the Python bot's configuration file, read unchanged, plus
 * arxivpipe's own keys (arxivpipe-config(5)).
 *
 * The module only loads and type-checks; each stage reads the keys it
 * knows through the getters, so a stage never rejects a key that belongs
 * to another stage or to the bot.  Getters borrow: returned strings live
 * as long as the struct config.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

struct json_object;

struct config {
	char			*path;
	struct json_object	*root;	/* the whole file, an object */
};

/* Load path; NULL with err ("config.json: line 3: ...") on failure. */
struct config *config_load(const char *path, char *err, size_t errlen);
void	config_free(struct config *);

/*
 * The value at a dotted key path ("ai_summary.model"), borrowed, or NULL
 * if absent or null.
 */
struct json_object *config_get(const struct config *, const char *key);

/*
 * Typed getters.  Each returns 0 and fills *out when the key is present
 * with the right type, 1 when it is absent or null (*out untouched), and
 * -1 with err ("max_papers: expected a number") on a wrong type.
 */
int	config_string(const struct config *, const char *key, const char **out,
	    char *err, size_t errlen);
int	config_number(const struct config *, const char *key, double *out,
	    char *err, size_t errlen);
int	config_int(const struct config *, const char *key, long *out,
	    char *err, size_t errlen);
int	config_bool(const struct config *, const char *key, int *out,
	    char *err, size_t errlen);
/*
 * An array of strings: *out is a new NULL-terminated array of borrowed
 * strings (free the array, not the strings), *n its length.
 */
int	config_strings(const struct config *, const char *key,
	    const char ***out, size_t *n, char *err, size_t errlen);

/*
 * A list of keyword terms ("keywords", "exclude_keywords"): like
 * config_strings(), but an element may also be an object whose "term"
 * is a string (arxivpipe's weighted keywords); *out holds the terms.
 */
int	config_terms(const struct config *, const char *key,
	    const char ***out, size_t *n, char *err, size_t errlen);

#endif
