using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// LSQ activation quantizer (Esser et al., ICLR 2020): unsigned levels Q_N = 0, Q_P = 2^b − 1 (section
/// 2.1), learned step with gradient scale 1/√(N·Q_P), N the number of features per sample.
/// </summary>
public sealed class LsqActivationQuantizer : ActivationQuantizer
{
    private readonly LsqStep _step;

    public LsqActivationQuantizer(int bits) : base("LsqActivation", bits)
    {
        _step = new LsqStep("step");
        register_module("step", _step);
    }

    public override ActivationGrid Grid() => ActivationGrid.Uniform(Bits, _step.Value);

    protected override Tensor TrainingForward(Tensor x) =>
        _step.Quantize(x, 0, MaxLevel, x.numel() / x.shape[0]);

    protected internal override void InitializeRange(Tensor sample) => _step.InitializeQuantizer(sample, MaxLevel);
}
