using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

public sealed class InspectCommandTests : System.IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void PrintsHeaderLayersAndTotalsOfTheTinyCnn()
    {
        var path = Write(ExampleModels.TinyCnnW2A2(), "tiny.lbq");

        var result = CliRunner.Run("inspect", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Contains(result.OutputLines, line => line.StartsWith("Model:") && line.Contains("tiny_cnn_w2a2"));
        Assert.Contains(result.OutputLines, line => line.StartsWith("Producer:") && line.Contains($"{ModelBuilder.ProducerName} {ModelBuilder.ProducerVersion}"));
        Assert.Contains(result.OutputLines, line => line.StartsWith("Format:") && line.Contains("version 1"));
        Assert.Contains(result.OutputLines, line => line.StartsWith("Input:") && line.Contains("[1, 28, 28], 8-bit unsigned, zero point 0, scale 0.003921569"));

        // By hand. conv1: 8 filters of 1×3×3 on 28×28 → 26×26; MACs = 8·26·26·9.
        Assert.Equal(new[] { "conv1", "conv2d", "[8, 26, 26]", "2 signed", "2 unsigned", "72", "18", N(8 * 26 * 26 * 9) }, result.Row("conv1"));
        Assert.Equal(new[] { "maxpool2", "maxPool2d", "[8, 13, 13]", "-", "2 unsigned", "-", "-", "0" }, result.Row("maxpool2"));

        // conv3: 16 filters of 8×3×3 = 1,152 weights, 288 bytes at 2 bits; 13×13 → 11×11; MACs = 16·11·11·72.
        Assert.Equal(new[] { "conv3", "conv2d", "[16, 11, 11]", "2 signed", "2 unsigned", "1,152", "288", N(16 * 11 * 11 * 72) }, result.Row("conv3"));
        Assert.Equal(new[] { "flatten4", "flatten", "[1936]", "-", "2 unsigned", "-", "-", "0" }, result.Row("flatten4"));

        // fc5: 1936 → 10: 19,360 weights and MACs, 4,840 bytes.
        Assert.Equal(new[] { "fc5", "linear", "[10]", "2 signed", "float", "19,360", "4,840", "19,360" }, result.Row("fc5"));

        long parameters = 72 + 1152 + 19360;
        long macs = (8 * 26 * 26 * 9) + (16 * 11 * 11 * 72) + 19360;
        Assert.Equal(new[] { "total", string.Empty, string.Empty, string.Empty, string.Empty, N(parameters), N(18 + 288 + 4840), N(macs) }, result.Row("total"));
        Assert.Contains(result.OutputLines, line => line.StartsWith("Parameters:") && line.Contains(N(parameters)));
        Assert.Contains(result.OutputLines, line => line.StartsWith("MACs:") && line.Contains(N(macs)));
        Assert.Contains(result.OutputLines, line => line.StartsWith("Weights as fp32:") && line.Contains(N(parameters * 4)) && line.Contains("16.0x smaller"));
    }

    [Fact]
    public void ShowsAddsPoolsAndTheirLevelFormats()
    {
        var path = Write(ModelCatalog.AllOps.Manifest, "all_ops.lbq");

        var result = CliRunner.Run("inspect", path);

        Assert.Equal(0, result.ExitCode);
        var summary = ModelSummary.Create(ModelCatalog.AllOps.Manifest);
        foreach (var layer in ModelCatalog.AllOps.Manifest.Layers)
        {
            var row = result.Row(layer.Id);
            Assert.Equal(layer.Op.ToName(), row[1]);
            Assert.Equal(layer.OutputShape.ToString(), row[2]);
        }

        var add = summary.Layers.Single(l => l.Op == LayerOp.Add);
        Assert.Equal(new[] { add.Id, "add", "[8, 6, 6]", "-", "4 signed", "-", "-", "0" }, result.Row(add.Id));
        var maxPool = summary.Layers.Single(l => l.Op == LayerOp.MaxPool2d);
        Assert.Equal("4 signed", result.Row(maxPool.Id)[4]);
        var depthwise = summary.Layers[1];
        Assert.Equal(new[] { "2 ternary", "2 signed" }, result.Row(depthwise.Id).Skip(3).Take(2));
        Assert.Equal("1 binary", result.Row(summary.Layers[2].Id)[3]);
        Assert.Equal(N(summary.Macs), result.Row("total")[7]);
    }

    [Fact]
    public void InvalidManifestGivesOneErrorLineWithFileAndJsonPath()
    {
        // Weight bits 9 in the last layer, sealed so the checksum passes and validation must catch it.
        var json = ManifestWriter.ToJson(ExampleModels.TinyCnnW2A2());
        int at = json.LastIndexOf("\"bits\": 2", System.StringComparison.Ordinal);
        var edited = ManifestWriter.Seal(json.Substring(0, at) + "\"bits\": 9" + json.Substring(at + "\"bits\": 2".Length));
        var path = _directory.File("bad_bits.lbq");
        File.WriteAllText(path, edited, new UTF8Encoding(false));

        var result = CliRunner.Run("inspect", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {path}: $.layers[4].weights.bits: expected", line);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void CorruptFileGivesOneChecksumErrorLine()
    {
        var path = Write(ExampleModels.TinyCnnW2A2(), "corrupt.lbq");
        var text = File.ReadAllText(path).Replace("\"outFeatures\": 10", "\"outFeatures\": 11");
        File.WriteAllText(path, text);

        var result = CliRunner.Run("inspect", path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {path}: $.checksum: ", line);
        Assert.Contains("lowbit seal", line);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void TruncatedFileGivesOneErrorLine()
    {
        var path = Write(ExampleModels.TinyCnnW2A2(), "truncated.lbq");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.Take(bytes.Length / 2).ToArray());

        var result = CliRunner.Run("inspect", path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {path}: $: ", line);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void MissingFileGivesOneErrorLine()
    {
        var path = _directory.File("does_not_exist.lbq");

        var result = CliRunner.Run("inspect", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {path}: $: ", line);
        Assert.DoesNotContain("   at ", result.Error);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private string Write(ModelManifest manifest, string name)
    {
        var path = _directory.File(name);
        ManifestWriter.WriteFile(manifest, path);
        return path;
    }
}
