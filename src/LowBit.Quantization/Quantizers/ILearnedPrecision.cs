using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>A weight quantizer that learns its own bitwidth between <see cref="MinBits"/> and its
/// maximum (CPQ, DDQ). The bit budget reads and limits it.</summary>
public interface ILearnedPrecision
{
    int MinBits { get; }

    /// <summary>The bitwidth the gates select now (what export writes).</summary>
    int Bits { get; }

    /// <summary>Differentiable expected bitwidth, for the budget penalty.</summary>
    Tensor ExpectedBits();

    /// <summary>How strongly the gate of the top bit in use wants to stay open (its logit); the budget
    /// closes the weakest first.</summary>
    double TopGateLogit { get; }

    /// <summary>Sets the gates so that training starts at <paramref name="bits"/> (clamped to what the layer
    /// can learn): the bits up to it open, those above closed, all still learnable.</summary>
    void StartAt(int bits);

    /// <summary>Caps the bitwidth from now on (the budget's final projection).</summary>
    void LimitBits(int bits);

    /// <summary>Stops learning the bitwidth: from now on training uses the current bitwidth
    /// deterministically (no dropped bits), so the last epoch fine-tunes the precision that will ship.</summary>
    void FreezePrecision();
}
