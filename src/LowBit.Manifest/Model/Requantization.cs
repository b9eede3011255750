namespace LowBit.Manifest;

/// <summary>
/// What a layer does with its int32 accumulator: turn it into integer levels by thresholds, or, for
/// the model's last layer, into float outputs.
/// </summary>
public abstract class Requantization
{
    private protected Requantization()
    {
    }
}
