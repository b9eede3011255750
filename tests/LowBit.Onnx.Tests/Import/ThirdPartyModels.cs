using LowBit.Data;
using LowBit.TestModels;

namespace LowBit.Onnx.Tests.Import;

/// <summary>The committed third-party files (tests/models/third-party, see its README for provenance) and MNIST as ONNX tensors.</summary>
internal static class ThirdPartyModels
{
    public static string Qonnx(string file) => RepositoryPaths.Combine("tests/models/third-party/qonnx/" + file);

    public static string Conformance(string test) => RepositoryPaths.Combine("tests/models/third-party/onnx-conformance/" + test);

    public static string Tfc1W1A => Qonnx("TFC_1W1A.onnx");

    public static string Tfc2W2A => Qonnx("TFC_2W2A.onnx");

    public static string FinnTfc => Qonnx("finn_build_dataflow_tfc_w1a1.onnx");

    private static readonly System.Lazy<MnistDataset> Digits = new(() => BundledMnist.Split().Test);

    /// <summary>
    /// The 2,000 digits of the bundled test split: the reference interpreter takes seconds on these on a
    /// shared 2-core CI machine. `lowbit import --check` measures all 10,000 (docs/import.md has the figures).
    /// </summary>
    public static MnistDataset Mnist => Digits.Value;

    /// <summary>
    /// <paramref name="count"/> training digits evenly spaced (every class), as <c>lowbit digits --split train --count N</c>
    /// writes them: calibration data for <c>--approximate</c>.
    /// </summary>
    public static Numpy.NpyArray TrainingDigits(int count) =>
        new(new[] { count, 1, 28, 28 }, System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(BundledMnist.Split().Train.EvenlySpaced(count).Pixels.ToArray(), p => (double)p)));
}
