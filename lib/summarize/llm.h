/*
 * The chat-completions protocol of OpenAI-compatible APIs (OpenAI,
 * DashScope compatible mode, DeepSeek, Moonshot, OpenRouter, vLLM,
 * llama.cpp, Ollama): the messages for one paper, the request body, and
 * what a response means.  Pure functions, no I/O, so every provider's
 * real bodies (tests/fixtures/llm/) are unit-tested and fuzzed.
 *
 * The paper is untrusted text: the instructions go in the system
 * message, the paper goes in the user message between <paper> and
 * </paper>, and both messages say that what is inside is content to
 * summarise, never instructions.  A "</paper" inside the paper is
 * defused so the text cannot close the block early.
 *
 * Ownership: every char * returned is new and the caller frees it;
 * struct llm_reply owns its text (llm_reply_clear()).  json-c is used
 * inside only.
 */
#ifndef LLM_H
#define LLM_H

#include <stddef.h>

/* What goes into a request besides the messages. */
struct llm_params {
	const char	*model;
	double		 temperature;	/* < 0: not sent */
	long		 max_tokens;	/* 0: not sent */
};

/* The paper as the model sees it; NULL fields are left out. */
struct llm_paper {
	const char	*arxiv_id;
	const char	*title;
	const char	*abstract;
	const char	*fulltext;	/* sections, already cut to a budget */
};

/*
 * The system message: the rules about the delimited paper, then prompt
 * (the user's prompt file, or a default when NULL), then "Write the
 * summary in LANGUAGE." when language is set.  NULL if out of memory.
 */
char	*llm_system_message(const char *prompt, const char *language);
/* The user message holding the paper between the delimiters. */
char	*llm_user_message(const struct llm_paper *);

/* The JSON request body for POST /chat/completions; NULL, no memory. */
char	*llm_request_body(const struct llm_params *, const char *system,
	    const char *user, size_t *len);

/* What a response means for the paper. */
enum llm_verdict {
	LLM_OK,		/* a summary: reply filled */
	LLM_RETRY,	/* 429 (not a spent quota), 408, 5xx, bad JSON */
	LLM_FAIL,	/* this paper failed: err says why */
	LLM_AUTH	/* 401 or 403: the key is refused; stop everything */
};

struct llm_reply {
	char	*text;		/* the summary, reasoning stripped */
	int	 truncated;	/* finish_reason "length" */
	long	 prompt_tokens;	/* -1 when usage does not say */
	long	 completion_tokens;
};

/*
 * Judge a response: status and the body of len bytes (not necessarily
 * NUL-terminated).  Error texts never quote an authentication error's
 * message, which may echo part of the key.
 */
enum llm_verdict llm_parse_response(long status, const char *body,
	    size_t len, struct llm_reply *, char *err, size_t errlen);
void	llm_reply_clear(struct llm_reply *);

/*
 * Remove <think>...</think> blocks (and a leading unopened "...</think>")
 * and trim white space, in place; returns s.
 */
char	*llm_strip_think(char *s);

/*
 * A rough token count of s for budgets and --dry-run: a token per four
 * bytes of ASCII, one per other character (CJK is about one each).
 */
size_t	llm_tokens(const char *s);

#endif
