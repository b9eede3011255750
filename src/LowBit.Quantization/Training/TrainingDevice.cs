using System;
using static TorchSharp.torch;

namespace LowBit.Quantization.Training;

/// <summary>Where training runs: <c>cpu</c> or <c>cuda</c> (the first GPU, or <c>cuda:N</c>).</summary>
public static class TrainingDevice
{
    /// <summary>The TorchSharp device for a name; a clear error when CUDA is asked for but this
    /// TorchSharp build or machine has none (the project references the CPU-only libtorch).</summary>
    public static Device Resolve(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        if (key == "cpu")
        {
            return CPU;
        }

        if (key == "cuda" || key.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
            {
                throw new ArgumentException($"device \"{name}\": CUDA is not available here (no GPU, or a CPU-only libtorch: this project references libtorch-cpu; a CUDA run needs the libtorch-cuda package and an NVIDIA driver); use --device cpu");
            }

            return new Device(key);
        }

        throw new ArgumentException($"unknown device \"{name}\"; expected cpu, cuda or cuda:N");
    }
}
