using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LowBit.ArmCost;

/// <summary>costs.tsv: one line per model and CPU, for scripts and tests that should not parse markdown.</summary>
public static class CostsFile
{
    public const string Header = "model\tqemu_cpu\tdp\tinstructions_per_inference\tdot_kernel_instructions\tdot_path\toutput_checksum";

    public static string Write(IEnumerable<ModelCost> costs)
    {
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var cost in costs)
        {
            text.Append(CultureInfo.InvariantCulture, $"{cost.Model}\t{cost.Cpu.QemuCpu}\t{cost.Cpu.HasDotProduct}\t{cost.PerInference}\t{cost.DotKernelPerInference}\t{cost.DotPath}\t{cost.Checksum}\n");
        }

        return text.ToString();
    }
}
