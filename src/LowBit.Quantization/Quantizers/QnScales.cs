using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Quantization Networks' learned input scale β and output scale α (eq. 7), and the temperature T.
/// Initialisation (§3.3): β = (5p/4)/q with p = max|Y| the largest target value and q = max|x| of the
/// data (here the first training batch), and α = 1/β. Both are used through |·| so they stay positive.
/// T starts at one epoch's worth and rises linearly (§4); the trainer advances it. The default, 5 per
/// epoch, is the paper's ResNet schedule; training our MNIST CNN from scratch for 5 epochs at W2A2 gave
/// 96.35 % held-out with it, against 86.0 % (2), 95.0 % (10), 91.5 % (20) and 82.0 % (40): too low and the
/// soft training forward drifts from the hard inference one, too high and the gradients vanish.
/// </summary>
internal sealed class QnScales : nn.Module
{
    public const double DefaultTemperaturePerEpoch = 5;

    private readonly Parameter _inputScale;
    private readonly Parameter _outputScale;
    private readonly Tensor _initialized;

    public QnScales(string name, double temperaturePerEpoch) : base(name)
    {
        TemperaturePerEpoch = temperaturePerEpoch;
        Temperature = QnFunction.Temperature(temperaturePerEpoch, 1);
        _inputScale = new Parameter(ones(1), requires_grad: true);
        _outputScale = new Parameter(ones(1), requires_grad: true);
        _initialized = zeros(1, ScalarType.Bool);
        register_parameter("beta", _inputScale);
        register_parameter("alpha", _outputScale);
        register_buffer("initialized", _initialized);
    }

    public double TemperaturePerEpoch { get; }

    public double Temperature { get; set; }

    /// <summary>β.</summary>
    public Tensor InputScale => _inputScale.abs() + 1e-12;

    /// <summary>α.</summary>
    public Tensor OutputScale => _outputScale.abs() + 1e-12;

    public void InitializeFromMaximum(Tensor x, double largestTarget)
    {
        if (!training || _initialized.item<bool>())
        {
            return;
        }

        using var _ = no_grad();
        var beta = 1.25 * largestTarget / (x.detach().abs().max().item<float>() + 1e-12);
        _inputScale.fill_(beta);
        _outputScale.fill_(1.0 / beta);
        _initialized.fill_(true);
    }
}
