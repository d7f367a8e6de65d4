#!/usr/bin/env bash
# Runs every test. On CI (CI=true) the OpenCL tests are required: they fail instead of skipping
# when no OpenCL platform is present.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
source "$here/scripts/jdk.sh"
export JAVA_HOME="$(reco_find_jdk)"
if [ "${CI:-}" = "true" ]; then
  export RECO_REQUIRE_OPENCL=1 RECO_REQUIRE_PYTHON=1 RECO_REQUIRE_CHROMIUM=1
fi
exec mvn -B -f "$here/pom.xml" verify "$@"
