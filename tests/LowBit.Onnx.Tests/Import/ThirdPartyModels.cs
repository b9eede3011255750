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
}
