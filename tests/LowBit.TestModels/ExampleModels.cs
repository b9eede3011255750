using LowBit.Manifest;

namespace LowBit.TestModels;

/// <summary>The models behind the committed files in examples/models (random weights: format examples, not trained models).</summary>
public static class ExampleModels
{
    /// <summary>Path of <see cref="TinyCnnW2A2"/>'s file, relative to the repository root.</summary>
    public const string TinyCnnW2A2Path = "examples/models/tiny_cnn_w2a2.lbq";

    /// <summary>
    /// MNIST-shaped CNN with 2-bit signed weights and 2-bit activations:
    /// 1×28×28 → conv 3×3 (8) → maxpool 2 → conv 3×3 (16) → flatten → linear 10 (float logits).
    /// </summary>
    public static ModelManifest TinyCnnW2A2() =>
        new ModelBuilder(seed: 20240601, "tiny_cnn_w2a2")
            .Input(1, 28, 28, bits: 8, signed: false, zeroPoint: 0, scale: 1f / 255)
            .Conv2d(8, 3, weights: WeightSpec.Signed(2), activationBits: 2)
            .MaxPool2d(2)
            .Conv2d(16, 3, weights: WeightSpec.Signed(2), activationBits: 2)
            .Flatten()
            .Linear(10, WeightSpec.Signed(2))
            .Build();
}
