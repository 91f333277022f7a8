// libyaml from Debian's libyaml-dev: the YAML parser behind route files.
#include <yaml.h>
