using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Quantization Networks for weights (Yang et al., CVPR 2019; formulas in <see cref="QnFunction"/>).
/// Target set Y: binary {−1, 1} at 1 bit (n = 1, s = 2, o = 1, b = 0 — §3.3's binary case), otherwise the
/// symmetric integers −M … M with M = 2^(b−1) − 1 (n = 2M unit steps, o = M, so y is zero-centred as
/// eq. 5 requires; at 2 bits this is ternary). The biases b_i are fixed at the midpoints of Y: the paper
/// freezes them after initialisation (§4.1, learning them "does not show superiority") and initialises
/// them by clustering, whose fixed point for a uniform target set is the midpoints. α and β are learned.
/// Eval (eq. 12): codes = s·#{i : βw ≥ b_i} − o, weights = α·codes.
/// </summary>
public sealed class QnWeightQuantizer : WeightQuantizer, IEpochScheduled
{
    private readonly QnScales _scales;
    private readonly Tensor _biases;

    public QnWeightQuantizer(int bits, double temperaturePerEpoch = QnScales.DefaultTemperaturePerEpoch) : base("QnWeight", bits)
    {
        _scales = new QnScales("scales", temperaturePerEpoch);
        _biases = bits == 1 ? zeros(1) : QnFunction.Midpoints(-Grid.MaxCode, 2 * Grid.MaxCode);
        register_module("scales", _scales);
        register_buffer("biases", _biases);
    }

    public override WeightGrid Grid => Bits == 1 ? WeightGrid.Binary : WeightGrid.Symmetric(Bits);

    public double Temperature
    {
        get => _scales.Temperature;
        set => _scales.Temperature = value;
    }

    private int StepHeight => Bits == 1 ? 2 : 1;

    private int Offset => Bits == 1 ? 1 : Grid.MaxCode;

    public void BeginEpoch(int epoch, int epochs) => Temperature = QnFunction.Temperature(_scales.TemperaturePerEpoch, epoch);

    protected override Tensor TrainingForward(Tensor weight)
    {
        _scales.InitializeFromMaximum(weight, Grid.MaxCode);
        var soft = QnFunction.SoftCount(weight * _scales.InputScale, _biases, Temperature);
        return _scales.OutputScale * ((soft * StepHeight) - Offset);
    }

    public override (Tensor Codes, Tensor Scale) Encode(Tensor weight)
    {
        using var _ = no_grad();
        var count = QnFunction.HardCount(weight * _scales.InputScale, _biases);
        return ((count * StepHeight) - Offset, _scales.OutputScale.detach().clone());
    }
}
