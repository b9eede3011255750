using LowBit.Onnx.Numpy;

namespace LowBit.Onnx.Import;

/// <summary>
/// How to approximate a float network (one without any quantizer) by an 8-bit one: calibration data and how many
/// random inputs measure the difference. Only an explicit request approximates; without it a float network is refused.
/// </summary>
/// <param name="Samples">Random inputs, uniform in [0, 1], on which the imported model is compared with the float graph.</param>
/// <param name="RandomCalibrationSamples">Random inputs, uniform in [0, 1], whose activation ranges set the scales when no <paramref name="Calibration"/> is given.</param>
/// <param name="Calibration">Real inputs (first dimension the batch, each sample the graph input's values in C order); they give better ranges than random ones.</param>
/// <param name="CalibrationName">Where <paramref name="Calibration"/> came from, for the log.</param>
/// <param name="Seed">Seed of the random inputs (calibration uses it, the comparison the next one).</param>
/// <param name="PowerOfTwoScales">
/// Round every scale up to a power of two: the manifest then equals the quantized graph's float32 evaluation bit for bit,
/// at the cost of a coarser grid (see <see cref="ApproximationReport"/> for the difference it makes).
/// </param>
public sealed record ApproximationOptions(int Samples = 100, int RandomCalibrationSamples = 16, NpyArray? Calibration = null, string? CalibrationName = null, int Seed = 17, bool PowerOfTwoScales = false);
