using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LowBit.ArmCost;

/// <summary>
/// costs.tsv: one line per model and CPU, for scripts and tests that should not parse markdown. ONNX Runtime
/// int8 has a line per network and CPU, its model named onnxruntime_int8:&lt;network&gt; and its dot path the
/// dot-product / matrix-multiply instructions it executed per inference.
/// </summary>
public static class CostsFile
{
    public const string Header = "model\tqemu_cpu\tdp\tinstructions_per_inference\tdot_kernel_instructions\tdot_path\toutput_checksum";

    public const string OnnxRuntimePrefix = "onnxruntime_int8:";

    public static string Write(IEnumerable<ModelCost> costs, IEnumerable<PeerCost> peers)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var cost in costs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{cost.Model}\t{cost.Cpu.QemuCpu}\t{cost.Cpu.HasDotProduct}\t{cost.PerInference}\t{cost.DotKernelPerInference}\t{cost.DotPath}\t{cost.Checksum}\n");
        }

        foreach (var peer in peers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{OnnxRuntimePrefix}{peer.Network}\t{peer.Cpu.QemuCpu}\t{peer.Cpu.HasDotProduct}\t{peer.PerInference}\t0\t{peer.KernelPath}\t{peer.Checksum}\n");
        }

        return text.ToString();
    }
}
