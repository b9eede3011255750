using System.Collections.Generic;
using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>One layer as the emitter needs it: the manifest layer, where its inputs and output live, and op-specific lowering.</summary>
internal sealed class LayerPlan
{
    public LayerPlan(int index, Layer layer, IReadOnlyList<TensorLayout> inputs, TensorLayout? output)
    {
        Index = index;
        Layer = layer;
        Inputs = inputs;
        Output = output;
    }

    /// <summary>1-based position in the model, used in method and file names.</summary>
    public int Index { get; }

    public Layer Layer { get; }

    public IReadOnlyList<TensorLayout> Inputs { get; }

    public TensorLayout? Output { get; }

    public DotLayerPlan? Dot { get; set; }

    /// <summary>Set when the dot layer runs on the GEMM microkernels (ungrouped conv2d, linear).</summary>
    public GemmPlan? Gemm { get; set; }

    /// <summary>Set when a depthwise layer runs on the vector depthwise kernel.</summary>
    public DepthwisePlan? Depthwise { get; set; }

    public AddPlan? Add { get; set; }

    /// <summary>
    /// A flatten whose only readers are linear layers planned for its input's HWC order: the layer is a plain copy
    /// instead of a transpose to the contract's CHW order, the readers' weights permuted at generation time.
    /// </summary>
    public bool FlattenKeepsHwc { get; set; }

    public string MethodName => $"Layer{Index}";
}
