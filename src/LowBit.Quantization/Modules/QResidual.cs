using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>
/// <c>join(body(x) + shortcut(x))</c>, the shape of a ResNet basic block and of a MobileNetV2 inverted
/// residual. Body and shortcut (identity when absent) must each end in quantized levels — a
/// <see cref="QActivation"/>, usually signed since a branch may be negative — because the integer
/// contract's <c>add</c> adds levels; the join quantizer's grid becomes the add's thresholds.
/// </summary>
public sealed class QResidual : nn.Module<Tensor, Tensor>
{
    public QResidual(Sequential body, Sequential? shortcut, nn.Module<Tensor, Tensor> join) : base(nameof(QResidual))
    {
        Body = body ?? throw new ArgumentNullException(nameof(body));
        Shortcut = shortcut;
        Join = join ?? throw new ArgumentNullException(nameof(join));
        register_module("body", Body);
        if (Shortcut is not null)
        {
            register_module("shortcut", Shortcut);
        }

        register_module("join", Join);
    }

    public Sequential Body { get; }

    /// <summary>Null for the identity shortcut.</summary>
    public Sequential? Shortcut { get; }

    /// <summary>A <see cref="QActivation"/> in an exportable model; ReLU or Identity in a float baseline.</summary>
    public nn.Module<Tensor, Tensor> Join { get; }

    public override Tensor forward(Tensor input)
    {
        var skip = Shortcut is null ? input : Shortcut.call(input);
        return Join.call(Body.call(input) + skip);
    }
}
