namespace LowBit.Quantization.Quantizers;

/// <summary>A quantizer whose training-time behaviour follows the epoch (Quantization Networks' temperature).
/// The trainer calls <see cref="BeginEpoch"/> before each epoch.</summary>
public interface IEpochScheduled
{
    void BeginEpoch(int epoch, int epochs);
}
