using LowBit.Onnx.Import;

namespace LowBit.Onnx.Tests.Import;

/// <summary>
/// A small QONNX graph in the shape Brevitas exports a CNN with TruncAvgPool2d and a global average pool:
/// 4-bit input → Conv 2→4 3×3 → ReLU → u4 Quant → AveragePool 2×2 → ×4 → Trunc ÷ 4 (FLOOR) → Conv 4→4 3×3
/// → ReLU → u4 Quant → GlobalAveragePool → u4 Quant (ROUND, same scale) → Gemm 4→3. No third-party file has
/// average pooling, so the bit-exact suite's imported-model catalog takes this one, built the same way every time:
/// the first pool becomes an all-ones convolution with thresholds, the second the manifest's globalAvgPool.
/// </summary>
internal static class BrevitasPoolingGraph
{
    public const string ModelName = "imported/brevitas-avgpool-trunc";

    public static SourceGraph Build() =>
        QonnxGraphBuilder.Image(2, 8, 8)
            .Quant(0.125, 4, signed: true)
            .Conv(AveragePoolImportTests.Weights(4 * 2 * 9, seed: 21), 4, 2, 3, padding: 1)
            .Elementwise("Mul", 0.125)
            .Relu()
            .Quant(0.125, 4, signed: false)
            .AveragePool(2, 2)
            .Elementwise("Mul", 4)
            .Trunc(scale: 0.125, outScale: 0.5, inBits: 6, outBits: 4, signed: false)
            .Conv(AveragePoolImportTests.Weights(4 * 4 * 9, seed: 22), 4, 4, 3, padding: 1)
            .Elementwise("Mul", 0.015625)
            .Relu()
            .Quant(0.125, 4, signed: false)
            .GlobalAveragePool()
            .Quant(0.125, 4, signed: false)
            .Flatten()
            .Gemm(AveragePoolImportTests.Matrix(4, 3, seed: 23))
            .Build(3);
}
