using System.IO;
using System.Linq;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>
/// The bit-exact runner also compiles manifests that came out of training (tests/LowBit.BitExact/TrainedModels),
/// so mixed precision is proven end to end: learned per-layer bitwidths → export → generator → every kernel
/// path, bit for bit against the interpreter (BitExactTests, and the ARM suite under qemu).
/// </summary>
public sealed class TrainedModelFilesTests
{
    [Fact]
    public void The_learned_mixed_precision_model_has_layers_at_different_weight_and_activation_bitwidths()
    {
        var manifest = ManifestReader.ReadFile(RepositoryPaths.Combine("tests/LowBit.BitExact/TrainedModels/mnist-ddq-learned-mixed.lbq"));

        var weightBits = manifest.Layers.Select(l => l switch
        {
            Conv2dLayer c => c.Weights.Bits,
            LinearLayer f => f.Weights.Bits,
            _ => 0,
        }).Where(b => b > 0).ToList();
        var activationBits = manifest.Layers
            .Select(l => l switch
            {
                Conv2dLayer c => c.Requantize,
                LinearLayer f => f.Requantize,
                _ => null,
            })
            .OfType<ThresholdRequantization>()
            .Select(t => t.Levels.Bits)
            .ToList();

        Assert.Equal(new[] { 6, 3, 2, 6 }, weightBits);
        Assert.Equal(new[] { 4, 2, 2 }, activationBits);
        Assert.Equal("LowBit.Quantization", manifest.Producer.Name);
    }

    [Fact]
    public void Every_trained_model_is_compiled_into_the_bit_exact_runner()
    {
        var project = File.ReadAllText(RepositoryPaths.Combine("tests/LowBit.BitExact/LowBit.BitExact.csproj"));

        Assert.Contains("<LowBitModel Include=\"TrainedModels\\*.lbq\"", project);
        Assert.NotEmpty(Directory.GetFiles(RepositoryPaths.Combine("tests/LowBit.BitExact/TrainedModels"), "*.lbq"));
    }
}
