/* The toolkit's version, shown by --version and in the User-Agent. */
#ifndef VERSION_H
#define VERSION_H

#define ARXIVPIPE_VERSION	"0.1.0"

#endif
