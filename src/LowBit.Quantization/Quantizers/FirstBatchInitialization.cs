using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>Data-dependent initialisation of a learned range parameter (LSQ's step, DSQ's bound): on the
/// first training batch, <c>parameter = factor · ⟨|x|⟩</c>. The "done" flag is a module buffer, so it is
/// saved and loaded with the weights and a loaded model is never re-initialised.</summary>
internal static class FirstBatchInitialization
{
    public static void Apply(bool training, Tensor initialized, Tensor parameter, Tensor x, double factorOfMeanAbs)
    {
        if (!training || initialized.item<bool>())
        {
            return;
        }

        using var _ = no_grad();
        parameter.copy_((x.detach().abs().mean() * factorOfMeanAbs) + 1e-8);
        initialized.fill_(true);
    }
}
