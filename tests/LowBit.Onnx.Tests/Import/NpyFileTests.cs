using System.IO;
using LowBit.Onnx.Numpy;
using LowBit.TestModels;

namespace LowBit.Onnx.Tests.Import;

public sealed class NpyFileTests
{
    [Fact]
    public void Float32RoundTripsThroughNumpysFormat()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "a.npy");
        var values = new[] { 1.5f, -0f, float.MaxValue, 1e-45f, -3.25f, 7f };

        NpyFile.WriteFloat32(path, new[] { 2, 3 }, values);
        var read = NpyFile.Read(path);

        Assert.Equal(new[] { 2, 3 }, read.Shape);
        Assert.Equal(values, System.Array.ConvertAll(read.Values, v => (float)v));
        Assert.Equal(0, (new FileInfo(path).Length - (6 * 4)) % 64);
    }

    [Fact]
    public void ReadsNumpysInt64AsWrittenByNumpy()
    {
        var read = NpyFile.Read(ThirdPartyModels.Qonnx("finn_build_dataflow_expected_output.npy"));

        Assert.Equal(new[] { 4 }, read.Shape);
        Assert.Equal(new[] { 7.0, 2, 1, 0 }, read.Values);
    }

    [Fact]
    public void RefusesAFileThatIsNotNpyNamingIt()
    {
        var error = Assert.Throws<NpyFormatException>(() => NpyFile.Parse(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, "x.npy"));

        Assert.StartsWith("x.npy: not a .npy file", error.Message);
    }
}
