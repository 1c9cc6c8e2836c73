#!/bin/sh
# layerlab stand-in: with NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE set, size worker_processes to the CPUs.
set -e
[ -z "${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] && exit 0
n=$(nproc)
sed -i "s/^worker_processes.*/worker_processes  $n;/" /etc/nginx/nginx.conf
