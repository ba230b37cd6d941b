#!/bin/sh
# Renders the base and the production overlay with kubectl's kustomize, without the real credentials:
# the overlay is built in a temporary copy where credentials.env is the example file. Prints nothing
# but the summary; a failing build stops with kustomize's message.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

kubectl kustomize "$here/base" > "$work/base.yaml"
echo "base: $(grep -c '^kind:' "$work/base.yaml") resources"

# a copy without any real credentials.env, given the example's keys instead
mkdir "$work/k8s"
(cd "$here" && tar cf - --exclude=credentials.env .) | (cd "$work/k8s" && tar xf -)
cp "$work/k8s/overlays/production/credentials.env.example" "$work/k8s/overlays/production/credentials.env"
kubectl kustomize "$work/k8s/overlays/production" > "$work/production.yaml"
echo "overlays/production: $(grep -c '^kind:' "$work/production.yaml") resources"
