#!/bin/bash
# Long fuzzing run (issue 6, "Bad input at scale"): EndpointFuzzIT with a request count of your choice, on MariaDB and
# Keycloak like every *IT. The suite runs the same class with 3,000 requests and a fixed seed; this script takes
# a fresh random seed unless one is given, and prints it, so a failure can be replayed exactly.
#
#   bench/fuzz.sh                  # 50,000 requests, random seed
#   bench/fuzz.sh 200000           # 200,000 requests
#   bench/fuzz.sh 3000 20261128    # replay a seed
#
# TRANSPARANT_TEST_KEYCLOAK_URL points at a running Keycloak (else the test starts its own); MariaDB at
# 127.0.0.1:3306 as for the suite. The test prints the statuses seen and every failing request.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-50000}
SEED=${2:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}
echo "Fuzzing with $REQUESTS requests, seed $SEED"
mvn -B verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=EndpointFuzzIT \
    -Dfuzz.requests="$REQUESTS" -Dfuzz.seed="$SEED" | grep -E 'EndpointFuzzIT|^  [0-9]{3} for|^     |Tests run:|BUILD|ERROR'
