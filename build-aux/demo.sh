#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Set up, build and run the main job: the tandem demo on the default
# SQLite file (./tandem.db, or $TANDEM_DB): a sample of four tandems, sixty
# accounts and a quarter of activities, then the settlement report of its
# last month. Running it again adds nothing.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$top/build-aux/setup.sh" "$top/_build"
exec "$top/_build/examples/tandem" demo "$@"
