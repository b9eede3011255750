#!/usr/bin/env bash
# One command for the ARM cost model (RESULTS.md): builds the qemu plugin, publishes the arm64 workload
# NativeAOT, counts every benchmark model's instructions per inference with and without the dot-product
# extension, and prints the markdown tables (also saved to benchmarks/LowBit.ArmCost/.artifacts/tables.md).
# Driver options pass through, e.g. --models mnist_cnn_w2a2,mnist_cnn_w8a8 (--help lists them).
# Low priority, and every build goes to .artifacts/: the machine and the repository's bin/obj are shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec nice -n 10 dotnet run -c Release --project "$here/LowBit.ArmCost.csproj" --artifacts-path "$here/.artifacts/driver" -- "$@"
