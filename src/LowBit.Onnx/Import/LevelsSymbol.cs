using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// A tensor of integer levels L in the manifest (layer <see cref="TensorId"/>) whose real value in the
/// graph is (α·L + β)·scale: α = 1, β = min − zeropt for Quant; α = 2, β = −1 for bipolar ±1.
/// </summary>
internal sealed class LevelsSymbol : ImportSymbol
{
    public LevelsSymbol(string tensorId, int[] shape, LevelFormat levels, int alpha, int beta, double scale, int levelCount)
    {
        TensorId = tensorId;
        Shape = shape;
        Levels = levels;
        Alpha = alpha;
        Beta = beta;
        Scale = scale;
        LevelCount = levelCount;
    }

    public string TensorId { get; }

    public override int[] Shape { get; }

    public LevelFormat Levels { get; }

    public int Alpha { get; }

    public int Beta { get; }

    /// <summary>The real step of one integer unit (the graph's scale times any later positive Mul).</summary>
    public double Scale { get; }

    /// <summary>How many levels the graph's quantizer produces (≤ 2^bits; narrow ranges use fewer).</summary>
    public int LevelCount { get; }

    public int MaxLevel => LevelCount - 1;

    /// <summary>The scale and zero point of the QuantizeLinear that made these levels, so a matching DequantizeLinear is known to change nothing.</summary>
    public (double Scale, double ZeroPoint)? LinearEncoding { get; init; }

    public LevelsSymbol With(string tensorId, int[] shape) => new(tensorId, shape, Levels, Alpha, Beta, Scale, LevelCount) { LinearEncoding = LinearEncoding };

    /// <summary>
    /// The same integers read with another scale and zero point, as a DequantizeLinear or an integer operator with
    /// parameters of its own reads them: the integers q = L + β + zp stay, so β moves by the zero points' difference.
    /// Null when the levels were not written by a QuantizeLinear or an integer operator (their integers are unknown).
    /// </summary>
    public LevelsSymbol? ReadAs(double scale, double zeroPoint) =>
        LinearEncoding is var (_, encodingZero) && Alpha == 1
            ? new(TensorId, Shape, Levels, 1, checked((int)(Beta + encodingZero - zeroPoint)), scale, LevelCount) { LinearEncoding = (scale, zeroPoint) }
            : null;

    public LevelsSymbol Scaled(double factor) => new(TensorId, Shape, Levels, Alpha, Beta, Scale * factor, LevelCount);
}
