using System.Linq;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Quantization Networks for activations (Yang et al., CVPR 2019; formulas in <see cref="QnFunction"/>):
/// target set {0, 1, …, 2^b − 1} (unit steps, o = 0, §3.3), fixed biases at the midpoints, learned α and β.
/// Eval (eq. 12): level = #{i : βx ≥ b_i}, value = α·level — so the exported boundaries are b_i/β and the
/// step is α, which need not be 1/β once trained: the thresholds and the level spacing are learned
/// separately.
/// </summary>
public sealed class QnActivationQuantizer : ActivationQuantizer, IEpochScheduled
{
    private readonly QnScales _scales;
    private readonly Tensor _biases;

    public QnActivationQuantizer(int bits, double temperaturePerEpoch = QnScales.DefaultTemperaturePerEpoch) : base("QnActivation", bits)
    {
        _scales = new QnScales("scales", temperaturePerEpoch);
        _biases = QnFunction.Midpoints(0, MaxLevel);
        register_module("scales", _scales);
        register_buffer("biases", _biases);
    }

    public double Temperature
    {
        get => _scales.Temperature;
        set => _scales.Temperature = value;
    }

    public void BeginEpoch(int epoch, int epochs) => Temperature = QnFunction.Temperature(_scales.TemperaturePerEpoch, epoch);

    public override ActivationGrid Grid()
    {
        var beta = (double)_scales.InputScale.item<float>();
        var boundaries = _biases.data<float>().ToArray().Select(b => b / beta).ToArray();
        return new ActivationGrid(Bits, _scales.OutputScale.item<float>(), boundaries);
    }

    protected override Tensor TrainingForward(Tensor x)
    {
        InitializeRange(x);
        return _scales.OutputScale * QnFunction.SoftCount(x * _scales.InputScale, _biases, Temperature);
    }

    protected internal override void InitializeRange(Tensor sample) => _scales.InitializeFromMaximum(sample, MaxLevel);

    protected override Tensor EvalForward(Tensor x)
    {
        using var _ = no_grad();
        return QnFunction.HardCount(x * _scales.InputScale, _biases) * _scales.OutputScale;
    }
}
