using System;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Export;

/// <summary>
/// A per-channel affine map <c>z = A·acc + B</c> from a layer's int32 accumulator to the real value its
/// activation quantizer sees, in double precision. It collects, in order: the weight and input scales
/// with the input zero point's contribution (zp·Σw), the layer's bias, then BatchNorm in eval form.
/// </summary>
internal sealed class AffineFold
{
    private AffineFold(double[] slope, double[] offset)
    {
        Slope = slope;
        Offset = offset;
    }

    public double[] Slope { get; }

    public double[] Offset { get; }

    public int Channels => Slope.Length;

    /// <summary>real = s_w,c·s_in·(acc − zp·Σ_k w_ck) + bias_c.</summary>
    public static AffineFold FromLayer(double[] weightScales, double inputStep, int inputZeroPoint, long[] codeRowSums, float[]? bias)
    {
        var channels = codeRowSums.Length;
        var slope = new double[channels];
        var offset = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            slope[c] = weightScales[c] * inputStep;
            offset[c] = (bias?[c] ?? 0.0) - (slope[c] * inputZeroPoint * codeRowSums[c]);
        }

        return new AffineFold(slope, offset);
    }

    /// <summary>The same map on every channel.</summary>
    public static AffineFold Uniform(int channels, double slope, double offset)
    {
        var slopes = new double[channels];
        var offsets = new double[channels];
        Array.Fill(slopes, slope);
        Array.Fill(offsets, offset);
        return new AffineFold(slopes, offsets);
    }

    /// <summary>Then y = γ (x − μ)/√(σ² + ε) + β with the running statistics.</summary>
    public AffineFold ThenBatchNorm(BatchNorm norm, string path)
    {
        if (norm.num_features != Channels)
        {
            throw new ExportException(path, $"BatchNorm has {norm.num_features} features but the layer before it has {Channels} channels");
        }

        if (norm.running_mean is null || norm.running_var is null)
        {
            throw new ExportException(path, "BatchNorm without running statistics (track_running_stats = false) cannot be folded; the deployed model needs fixed statistics");
        }

        var mean = Doubles(norm.running_mean);
        var variance = Doubles(norm.running_var);
        var gamma = norm.weight is null ? null : Doubles(norm.weight);
        var beta = norm.bias is null ? null : Doubles(norm.bias);
        var slope = new double[Channels];
        var offset = new double[Channels];
        for (var c = 0; c < Channels; c++)
        {
            var gain = (gamma?[c] ?? 1.0) / Math.Sqrt(variance[c] + norm.eps);
            slope[c] = Slope[c] * gain;
            offset[c] = ((Offset[c] - mean[c]) * gain) + (beta?[c] ?? 0.0);
        }

        return new AffineFold(slope, offset);
    }

    private static double[] Doubles(Tensor tensor) => tensor.detach().to_type(ScalarType.Float64).data<double>().ToArray();
}
